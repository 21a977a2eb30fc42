package dev.fogbank.core.retry;

import java.time.Duration;

/**
 * Amazon SNS's delivery policy: four phases of retries after the first attempt.
 *
 * <ol>
 *   <li>immediate retries ({@code numNoDelayRetries}), without delay;
 *   <li>pre-backoff retries ({@code numMinDelayRetries}), {@code minDelayTarget} apart;
 *   <li>backoff retries (what remains of {@code numRetries}), growing from {@code minDelayTarget}
 *       to {@code maxDelayTarget} by the backoff function;
 *   <li>post-backoff retries ({@code numMaxDelayRetries}), {@code maxDelayTarget} apart.
 * </ol>
 *
 * See "Amazon SNS message delivery retries" in the SNS developer guide. AWS does not publish the
 * backoff curves' formulas; the four functions here rise from the minimum to the maximum delay in
 * the shapes its diagram shows (linear the steepest start, exponential the flattest).
 *
 * @param numRetries every retry of all four phases together
 */
public record PhasedRetryPolicy(
    int numRetries,
    int numNoDelayRetries,
    int numMinDelayRetries,
    int numMaxDelayRetries,
    Duration minDelayTarget,
    Duration maxDelayTarget,
    BackoffFunction backoffFunction)
    implements RetryPolicy {

  /** How backoff-phase delays grow from the minimum to the maximum. */
  public enum BackoffFunction {
    LINEAR,
    ARITHMETIC,
    GEOMETRIC,
    EXPONENTIAL;

    /** The share (0 to 1) of the way from minimum to maximum at step {@code k} of {@code n}. */
    double share(int k, int n) {
      double x = (double) k / n;
      return switch (this) {
        case LINEAR -> x;
        case ARITHMETIC -> x * (k + 1) / (n + 1);
        case GEOMETRIC -> x * x * x;
        case EXPONENTIAL -> (Math.pow(2, k) - 1) / (Math.pow(2, n) - 1);
      };
    }

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static BackoffFunction of(String name) {
      for (BackoffFunction f : values()) {
        if (f.wireName().equals(name)) {
          return f;
        }
      }
      return null;
    }
  }

  public PhasedRetryPolicy {
    if (numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries > numRetries) {
      throw new IllegalArgumentException("the phases hold more retries than numRetries");
    }
  }

  /**
   * The default policy of HTTP/S subscriptions: three retries, 20 seconds apart ({@code
   * minDelayTarget} = {@code maxDelayTarget} = 20, {@code numRetries} 3, linear), as SNS's {@code
   * EffectiveDeliveryPolicy} reports it.
   */
  public static PhasedRetryPolicy httpDefault() {
    return new PhasedRetryPolicy(
        3, 0, 0, 0, Duration.ofSeconds(20), Duration.ofSeconds(20), BackoffFunction.LINEAR);
  }

  /**
   * The fixed policy of AWS managed endpoints (SQS, Lambda): 3 immediate retries, 2 one second
   * apart, 10 with exponential backoff from 1 to 20 seconds, then 100,000 twenty seconds apart —
   * the 100,015 retries over 23 days that SNS's table lists.
   */
  public static PhasedRetryPolicy awsManagedEndpoints() {
    return new PhasedRetryPolicy(
        100_015, 3, 2, 100_000, Duration.ofSeconds(1), Duration.ofSeconds(20), BackoffFunction.EXPONENTIAL);
  }

  /** Retries in the backoff phase: whatever {@code numRetries} leaves to it. */
  public int numBackoffRetries() {
    return numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries;
  }

  @Override
  public Duration delayBefore(int retry, long firstAttemptMillis, long nowMillis) {
    if (retry < 1 || retry > numRetries) {
      return null;
    }
    int k = retry;
    if (k <= numNoDelayRetries) {
      return Duration.ZERO;
    }
    k -= numNoDelayRetries;
    if (k <= numMinDelayRetries) {
      return minDelayTarget;
    }
    k -= numMinDelayRetries;
    int backoff = numBackoffRetries();
    if (k <= backoff) {
      long min = minDelayTarget.toMillis();
      long max = maxDelayTarget.toMillis();
      return Duration.ofMillis(min + Math.round((max - min) * backoffFunction.share(k, backoff)));
    }
    return maxDelayTarget;
  }
}
