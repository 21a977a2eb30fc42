package dev.fogbank.testkit;

import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;

/**
 * The clock of an embedded Fogbank: what time the services think it is, and, with virtual time,
 * the way to move it. Advancing fires every timer that falls due on the way (visibility timeouts,
 * delayed messages, retries, Step Functions waits) in order, before the call returns.
 */
public final class FogbankClock implements Clock {

  private final Clock clock;
  private final Scheduler scheduler;

  FogbankClock(Clock clock, Scheduler scheduler) {
    this.clock = clock;
    this.scheduler = scheduler;
  }

  @Override
  public long millis() {
    return clock.millis();
  }

  @Override
  public boolean isVirtual() {
    return clock.isVirtual();
  }

  @Override
  public boolean isFrozen() {
    return clock.isFrozen();
  }

  /** Moves time forward by {@code duration}. */
  public void advance(Duration duration) {
    requireVirtual();
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + duration);
    }
    scheduler.advance(duration);
  }

  /** Moves time forward to {@code instant}, which must not be in the past. */
  public void advanceTo(Instant instant) {
    requireVirtual();
    if (instant.isBefore(now())) {
      throw new IllegalArgumentException("time only moves forward: " + instant + " is before " + now());
    }
    scheduler.advanceTo(instant.toEpochMilli());
  }

  /** Stops or restarts a virtual clock's own running. */
  public void freeze(boolean frozen) {
    requireVirtual();
    ((VirtualClock) clock).freeze(frozen);
  }

  private void requireVirtual() {
    if (!(clock instanceof VirtualClock)) {
      throw new IllegalStateException(
          "Fogbank runs on the system clock; start it with FogbankConfig.virtualTime() (or @FogbankTest(virtualTime = true)) to move time");
    }
  }

  @Override
  public String toString() {
    return now() + (isVirtual() ? (isFrozen() ? " (virtual, frozen)" : " (virtual)") : "");
  }
}
