package dev.fogbank.core.governor;

import dev.fogbank.core.time.Clock;

/**
 * A token bucket as AWS throttles requests: {@code rate} tokens a second flow into a bucket that
 * holds at most {@code burst}; a request takes one token or is throttled. The bucket starts full,
 * as API Gateway's do. Time comes from the {@link Clock}, so virtual time refills it.
 */
public final class TokenBucket {

  private final Clock clock;
  private final double rate;
  private final double burst;
  private double tokens;
  private long refilledAt;

  /**
   * @param rate tokens added per second (steady-state requests per second)
   * @param burst the bucket's capacity (requests admitted at once after a quiet period)
   */
  public TokenBucket(Clock clock, double rate, double burst) {
    if (rate < 0 || burst < 0) {
      throw new IllegalArgumentException("rate and burst must not be negative");
    }
    this.clock = clock;
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = clock.millis();
  }

  /** Takes one token if there is one; false means throttle. */
  public synchronized boolean tryAcquire() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Tokens available now, for reporting. */
  public synchronized double available() {
    refill();
    return tokens;
  }

  public double rate() {
    return rate;
  }

  public double burst() {
    return burst;
  }

  private void refill() {
    long now = clock.millis();
    if (now > refilledAt) {
      tokens = Math.min(burst, tokens + (now - refilledAt) * rate / 1000.0);
      refilledAt = now;
    }
  }
}
