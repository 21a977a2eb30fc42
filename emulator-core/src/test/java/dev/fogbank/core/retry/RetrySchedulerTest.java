package dev.fogbank.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.retry.RetryScheduler.Outcome;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrySchedulerTest {

  private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

  private final VirtualClock clock = VirtualClock.frozenAt(START);
  private final Scheduler scheduler = new Scheduler(clock);
  /** Attempts run on the calling thread, so that each advance settles before it returns. */
  private final RetryScheduler retries = new RetryScheduler(scheduler, Runnable::run);

  private final List<String> attempts = new ArrayList<>();
  private final List<String> deadLetters = new ArrayList<>();

  @AfterEach
  void close() {
    scheduler.close();
  }

  private RetryScheduler.Attempt<String> failing(int failures) {
    return (payload, n) -> {
      attempts.add(payload + "#" + n + "@" + clock.now());
      return CompletableFuture.completedFuture(n <= failures ? Outcome.retry("HTTP 500") : Outcome.DELIVERED);
    };
  }

  private final DeadLetterSink<String> sink =
      (payload, n, error) -> deadLetters.add(payload + " after " + n + ": " + error);

  @Test
  void snsHttpDefaultRetriesThreeTimesTwentySecondsApartThenDeadLetters() {
    retries.submit("m1", PhasedRetryPolicy.httpDefault(), failing(Integer.MAX_VALUE), sink);

    assertEquals(List.of("m1#1@2024-05-01T12:00:00Z"), attempts);
    scheduler.advance(Duration.ofSeconds(19));
    assertEquals(1, attempts.size());
    scheduler.advance(Duration.ofMinutes(5));

    // SNS: "up to three retries with a delay between failed attempts set at 20 seconds"
    assertEquals(
        List.of(
            "m1#1@2024-05-01T12:00:00Z",
            "m1#2@2024-05-01T12:00:20Z",
            "m1#3@2024-05-01T12:00:40Z",
            "m1#4@2024-05-01T12:01:00Z"),
        attempts);
    assertEquals(List.of("m1 after 4: HTTP 500"), deadLetters);
    assertEquals(0, retries.inFlight());
  }

  @Test
  void aDeliveredRetryStopsTheSchedule() {
    retries.submit("m2", PhasedRetryPolicy.httpDefault(), failing(1), sink);
    scheduler.advance(Duration.ofMinutes(5));

    assertEquals(List.of("m2#1@2024-05-01T12:00:00Z", "m2#2@2024-05-01T12:00:20Z"), attempts);
    assertTrue(deadLetters.isEmpty());
    assertEquals(0, scheduler.pending());
  }

  @Test
  void aFinalFailureGoesStraightToTheDeadLetterSink() {
    retries.submit(
        "m3",
        PhasedRetryPolicy.awsManagedEndpoints(),
        (p, n) -> CompletableFuture.completedFuture(Outcome.failed("QueueDoesNotExist")),
        sink);

    assertEquals(List.of("m3 after 1: QueueDoesNotExist"), deadLetters);
    assertEquals(0, scheduler.pending());
  }

  @Test
  void anAttemptThatThrowsIsRetried() {
    int[] calls = {0};
    retries.submit(
        "m4",
        RetryPolicy.fixed(1, Duration.ofSeconds(5)),
        (p, n) -> {
          calls[0]++;
          throw new IllegalStateException("connection refused");
        },
        sink);
    scheduler.advance(Duration.ofSeconds(5));

    assertEquals(2, calls[0]);
    assertEquals(List.of("m4 after 2: connection refused"), deadLetters);
  }

  @Test
  void anAttemptCompletingLaterSchedulesItsRetryThen() {
    CompletableFuture<Outcome> pending = new CompletableFuture<>();
    List<CompletableFuture<Outcome>> stages = new ArrayList<>(List.of(pending));
    retries.submit(
        "m5",
        RetryPolicy.fixed(1, Duration.ofSeconds(10)),
        (p, n) -> {
          attempts.add(p + "#" + n + "@" + clock.now());
          return n == 1 ? stages.get(0) : CompletableFuture.completedFuture(Outcome.DELIVERED);
        },
        sink);
    scheduler.advance(Duration.ofSeconds(30));
    assertEquals(1, attempts.size());

    pending.complete(Outcome.retry("timeout"));
    scheduler.advance(Duration.ofSeconds(10));

    assertEquals(List.of("m5#1@2024-05-01T12:00:00Z", "m5#2@2024-05-01T12:00:40Z"), attempts);
    assertEquals(0, retries.inFlight());
  }
}
