package dev.fogbank.core.governor;

import dev.fogbank.core.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The shared admission control: token buckets keyed by whatever a service throttles on (an
 * account, an API and stage, an API key, a route). A caller names the key and the limits; the
 * first call makes the bucket, later calls with the same key share it. Limits that change (a
 * stage's throttling settings updated) replace the bucket with a full one, as a redeploy does.
 */
public final class Governor {

  private final Clock clock;
  private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public Governor(Clock clock) {
    this.clock = clock;
  }

  /** Whether a request under {@code key} is admitted at {@code rate} per second and {@code burst}. */
  public boolean admit(String key, double rate, double burst) {
    return bucket(key, rate, burst).tryAcquire();
  }

  /** The bucket for a key with these limits; a bucket with other limits is replaced. */
  public TokenBucket bucket(String key, double rate, double burst) {
    // The common case, a bucket with these limits already there, reads without locking the key's bin.
    TokenBucket current = buckets.get(key);
    if (current != null && current.rate() == rate && current.burst() == burst) {
      return current;
    }
    return buckets.compute(
        key,
        (k, existing) ->
            existing != null && existing.rate() == rate && existing.burst() == burst
                ? existing
                : new TokenBucket(clock, rate, burst));
  }

  /** Forgets every bucket whose key starts with {@code prefix} (an API deleted, a reset). */
  public void forget(String prefix) {
    buckets.keySet().removeIf(k -> k.startsWith(prefix));
  }

  public void reset() {
    buckets.clear();
  }
}
