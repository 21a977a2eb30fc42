package dev.fogbank.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.retry.PhasedRetryPolicy.BackoffFunction;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void awsManagedEndpointPhasesFollowSnsTable() {
    // SNS developer guide, "Amazon SNS message delivery retries": 3 immediate, 2 one second apart,
    // 10 exponential from 1 to 20 seconds, 100,000 twenty seconds apart.
    PhasedRetryPolicy p = PhasedRetryPolicy.awsManagedEndpoints();
    assertEquals(Duration.ZERO, p.delayBefore(1, 0, 0));
    assertEquals(Duration.ZERO, p.delayBefore(3, 0, 0));
    assertEquals(Duration.ofSeconds(1), p.delayBefore(4, 0, 0));
    assertEquals(Duration.ofSeconds(1), p.delayBefore(5, 0, 0));
    long previous = 0;
    for (int retry = 6; retry <= 15; retry++) {
      long d = p.delayBefore(retry, 0, 0).toMillis();
      assertTrue(d >= 1000 && d <= 20_000 && d >= previous, "backoff retry " + retry + ": " + d);
      previous = d;
    }
    assertEquals(Duration.ofSeconds(20), p.delayBefore(15, 0, 0));
    assertEquals(Duration.ofSeconds(20), p.delayBefore(16, 0, 0));
    assertEquals(Duration.ofSeconds(20), p.delayBefore(100_015, 0, 0));
    assertNull(p.delayBefore(100_016, 0, 0));
  }

  @Test
  void backoffFunctionsRiseFromMinimumToMaximum() {
    for (BackoffFunction f : BackoffFunction.values()) {
      PhasedRetryPolicy p = new PhasedRetryPolicy(5, 0, 0, 0, Duration.ofSeconds(10), Duration.ofSeconds(60), f);
      assertTrue(p.delayBefore(1, 0, 0).toMillis() >= 10_000, f.wireName());
      assertEquals(Duration.ofSeconds(60), p.delayBefore(5, 0, 0), f.wireName());
      assertNull(p.delayBefore(6, 0, 0));
    }
  }

  @Test
  void phasesMayNotHoldMoreThanNumRetries() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new PhasedRetryPolicy(2, 1, 1, 1, Duration.ZERO, Duration.ZERO, BackoffFunction.LINEAR));
  }

  @Test
  void exponentialDoublesUpToTheCapAndJitterOnlyShortens() {
    RetryPolicy plain = RetryPolicy.exponential(5, Duration.ofSeconds(1), Duration.ofSeconds(5), 0, null);
    assertEquals(Duration.ofSeconds(1), plain.delayBefore(1, 0, 0));
    assertEquals(Duration.ofSeconds(2), plain.delayBefore(2, 0, 0));
    assertEquals(Duration.ofSeconds(4), plain.delayBefore(3, 0, 0));
    assertEquals(Duration.ofSeconds(5), plain.delayBefore(4, 0, 0));
    assertNull(plain.delayBefore(6, 0, 0));

    RetryPolicy jittered =
        RetryPolicy.exponential(5, Duration.ofSeconds(1), Duration.ofSeconds(5), 1, new SplittableRandom(7));
    for (int retry = 1; retry <= 5; retry++) {
      long d = jittered.delayBefore(retry, 0, 0).toMillis();
      assertTrue(d >= 0 && d <= plain.delayBefore(retry, 0, 0).toMillis());
    }
  }

  @Test
  void maxAgeEndsRetriesThatWouldStartTooLate() {
    // Lambda asynchronous invocation: retries 1 then 2 minutes apart, within MaximumEventAgeInSeconds.
    RetryPolicy lambda =
        ((RetryPolicy) (retry, first, now) -> retry <= 2 ? Duration.ofMinutes(retry) : null)
            .withMaxAge(Duration.ofSeconds(90));
    assertEquals(Duration.ofMinutes(1), lambda.delayBefore(1, 0, 0));
    assertNull(lambda.delayBefore(2, 0, 60_000));
  }

  @Test
  void fixedAndNone() {
    assertEquals(Duration.ofSeconds(3), RetryPolicy.fixed(2, Duration.ofSeconds(3)).delayBefore(2, 0, 0));
    assertNull(RetryPolicy.fixed(2, Duration.ofSeconds(3)).delayBefore(3, 0, 0));
    assertNull(RetryPolicy.none().delayBefore(1, 0, 0));
  }
}
