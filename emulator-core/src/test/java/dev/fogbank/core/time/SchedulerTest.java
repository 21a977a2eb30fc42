package dev.fogbank.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

  private final VirtualClock clock = VirtualClock.frozenAt(START);
  private final Scheduler scheduler = new Scheduler(clock);

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void cancelledTimersDoNotPileUpUntilDue() {
    // Regression: each Express execution's 5-minute timeout, always cancelled, stayed queued
    // (with its execution) until due.
    List<Scheduler.Timer> timers = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      timers.add(scheduler.schedule(Duration.ofMinutes(5), () -> {}));
    }
    timers.forEach(Scheduler.Timer::cancel);
    assertEquals(0, scheduler.pending());
    assertTrue(scheduler.queued() < 200, "queued after cancelling: " + scheduler.queued());
  }

  @Test
  void aCancelledTimerNeverFiresEvenWhenTheQueueIsPurged() {
    List<String> fired = new ArrayList<>();
    Scheduler.Timer kept = scheduler.schedule(Duration.ofSeconds(10), () -> fired.add("kept"));
    for (int i = 0; i < 500; i++) {
      scheduler.schedule(Duration.ofSeconds(5), () -> fired.add("cancelled")).cancel();
    }
    scheduler.advance(Duration.ofSeconds(20));
    assertEquals(List.of("kept"), fired);
    assertFalse(kept.cancel());
  }

  @Test
  void advanceFiresDueTimersInDueOrderWithTheClockAtEachDueTime() {
    List<String> fired = new ArrayList<>();
    scheduler.schedule(Duration.ofMinutes(3), () -> fired.add("3m@" + clock.now()));
    scheduler.schedule(Duration.ofMinutes(1), () -> fired.add("1m@" + clock.now()));
    scheduler.schedule(Duration.ofMinutes(10), () -> fired.add("10m@" + clock.now()));
    scheduler.schedule(Duration.ofMinutes(1), () -> fired.add("1m-second@" + clock.now()));

    scheduler.advance(Duration.ofMinutes(4));

    assertEquals(
        List.of(
            "1m@2024-05-01T12:01:00Z", "1m-second@2024-05-01T12:01:00Z", "3m@2024-05-01T12:03:00Z"),
        fired);
    assertEquals(START.plus(Duration.ofMinutes(4)), clock.now());
    assertEquals(1, scheduler.pending());
  }

  @Test
  void timersScheduledWhileAdvancingFireInTheSameAdvanceWhenDue() {
    List<Instant> fired = new ArrayList<>();
    scheduler.schedule(
        Duration.ofSeconds(30),
        () -> scheduler.schedule(Duration.ofSeconds(30), () -> fired.add(clock.now())));
    scheduler.advance(Duration.ofMinutes(2));
    assertEquals(List.of(START.plusSeconds(60)), fired);
  }

  @Test
  void cancelledTimerNeverFires() {
    List<String> fired = new ArrayList<>();
    Scheduler.Timer timer = scheduler.schedule(Duration.ofSeconds(5), () -> fired.add("x"));
    assertTrue(timer.cancel());
    assertFalse(timer.cancel(), "cancel is idempotent");
    scheduler.advance(Duration.ofMinutes(1));
    assertTrue(fired.isEmpty());
    assertEquals(0, scheduler.pending());
  }

  @Test
  void frozenClockStandsStillUntilAdvanced() throws InterruptedException {
    Instant before = clock.now();
    Thread.sleep(20);
    assertEquals(before, clock.now());
    assertTrue(clock.isFrozen());
    assertTrue(clock.isVirtual());
  }

  @Test
  void timeOnlyMovesForward() {
    assertThrows(IllegalArgumentException.class, () -> scheduler.advance(Duration.ofSeconds(-1)));
    scheduler.advanceTo(START.minusSeconds(60).toEpochMilli());
    assertEquals(START, clock.now(), "setting an earlier time leaves the clock where it is");
    scheduler.advanceTo(START.plusSeconds(60).toEpochMilli());
    assertEquals(START.plusSeconds(60), clock.now());
  }

  @Test
  void failingTimerDoesNotStopTheOthers() {
    List<String> fired = new ArrayList<>();
    scheduler.schedule(Duration.ofSeconds(1), () -> {
      throw new IllegalStateException("boom");
    });
    scheduler.schedule(Duration.ofSeconds(2), () -> fired.add("after"));
    scheduler.advance(Duration.ofSeconds(3));
    assertEquals(List.of("after"), fired);
  }

  @Test
  void systemClockCannotBeAdvanced() {
    try (Scheduler system = new Scheduler(SystemClock.INSTANCE)) {
      assertThrows(IllegalStateException.class, () -> system.advance(Duration.ofSeconds(1)));
      assertFalse(SystemClock.INSTANCE.isVirtual());
    }
  }
}
