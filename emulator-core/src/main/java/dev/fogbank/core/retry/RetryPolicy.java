package dev.fogbank.core.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to retry a failed attempt, and when to give up: Lambda's asynchronous invocation (two
 * retries, one then two minutes apart, up to a maximum event age), SNS delivery policies (see
 * {@link PhasedRetryPolicy}), event source mappings.
 */
@FunctionalInterface
public interface RetryPolicy {

  /**
   * The delay before retry number {@code retry} (1 for the first retry after the first attempt),
   * or null when the policy is exhausted and the payload goes to its dead-letter target.
   *
   * @param firstAttemptMillis when the first attempt was made, for age limits
   * @param nowMillis the clock's reading now
   */
  Duration delayBefore(int retry, long firstAttemptMillis, long nowMillis);

  /** No retries: the first failure is final. */
  static RetryPolicy none() {
    return (retry, first, now) -> null;
  }

  /** {@code maxRetries} retries, {@code delay} apart. */
  static RetryPolicy fixed(int maxRetries, Duration delay) {
    return (retry, first, now) -> retry <= maxRetries ? delay : null;
  }

  /**
   * {@code maxRetries} retries with exponential backoff: {@code base × 2^(retry-1)}, capped at
   * {@code max}, each reduced by up to {@code jitter} (0 to 1) of itself at random ("equal jitter"
   * when 0.5, "full jitter" when 1, as the AWS Architecture Blog's "Exponential Backoff and Jitter"
   * names them).
   */
  static RetryPolicy exponential(
      int maxRetries, Duration base, Duration max, double jitter, RandomGenerator random) {
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
    }
    return (retry, first, now) -> {
      if (retry > maxRetries) {
        return null;
      }
      long millis = base.toMillis() << Math.min(retry - 1, 30);
      if (millis < 0 || millis > max.toMillis()) {
        millis = max.toMillis();
      }
      if (jitter > 0) {
        millis -= (long) (millis * jitter * random.nextDouble());
      }
      return Duration.ofMillis(millis);
    };
  }

  /**
   * This policy, giving up once a retry would start more than {@code maxAge} after the first
   * attempt (Lambda's {@code MaximumEventAgeInSeconds}).
   */
  default RetryPolicy withMaxAge(Duration maxAge) {
    RetryPolicy inner = this;
    return (retry, first, now) -> {
      Duration delay = inner.delayBefore(retry, first, now);
      if (delay == null || now + delay.toMillis() - first > maxAge.toMillis()) {
        return null;
      }
      return delay;
    };
  }
}
