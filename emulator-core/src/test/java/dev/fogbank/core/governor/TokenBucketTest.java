package dev.fogbank.core.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final VirtualClock clock = VirtualClock.frozenAt(java.time.Instant.parse("2026-01-01T00:00:00Z"));
  private final Scheduler scheduler = new Scheduler(clock);

  @Test
  void admitsTheBurstThenRefillsAtTheRate() {
    TokenBucket bucket = new TokenBucket(clock, 2, 3);
    assertTrue(bucket.tryAcquire());
    assertTrue(bucket.tryAcquire());
    assertTrue(bucket.tryAcquire());
    assertFalse(bucket.tryAcquire(), "a full bucket of 3 admits 3 requests at once");
    scheduler.advance(Duration.ofMillis(500));
    assertTrue(bucket.tryAcquire(), "2 tokens a second: one back after half a second");
    assertFalse(bucket.tryAcquire());
    scheduler.advance(Duration.ofSeconds(10));
    assertEquals(3, bucket.available(), 1e-9, "never more than the burst");
  }

  @Test
  void governorSharesABucketPerKeyAndReplacesItWhenLimitsChange() {
    Governor governor = new Governor(clock);
    assertTrue(governor.admit("api/a", 1, 1));
    assertFalse(governor.admit("api/a", 1, 1));
    assertTrue(governor.admit("api/b", 1, 1), "another key has its own bucket");
    assertTrue(governor.admit("api/a", 5, 5), "new limits start a full bucket");
    governor.forget("api/");
    assertTrue(governor.admit("api/a", 1, 1));
  }
}
