package dev.fogbank.core.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Real time plus an offset that only grows. {@link #advance} moves the offset forward; frozen,
 * the clock stands still and moves only when advanced or set.
 *
 * <p>A clock never runs backwards: {@link #set} only accepts instants at or after now. Timers are
 * not this class's business: the {@link Scheduler} built on it fires every timer that falls due
 * while time moves, in order.
 */
public final class VirtualClock implements Clock {

  private final Object lock = new Object();
  private long offsetMillis;
  private boolean frozen;
  private long frozenAt;

  public VirtualClock() {
    this(false);
  }

  public VirtualClock(boolean frozen) {
    if (frozen) {
      freeze(true);
    }
  }

  /** A frozen clock standing at {@code start}: the manual clock of tests. */
  public static VirtualClock frozenAt(Instant start) {
    VirtualClock clock = new VirtualClock(true);
    synchronized (clock.lock) {
      clock.frozenAt = start.toEpochMilli();
    }
    return clock;
  }

  @Override
  public long millis() {
    synchronized (lock) {
      return frozen ? frozenAt : System.currentTimeMillis() + offsetMillis;
    }
  }

  @Override
  public boolean isVirtual() {
    return true;
  }

  @Override
  public boolean isFrozen() {
    synchronized (lock) {
      return frozen;
    }
  }

  /** Stops or restarts the clock at its current reading. */
  public void freeze(boolean freeze) {
    synchronized (lock) {
      if (freeze == frozen) {
        return;
      }
      long now = millis();
      frozen = freeze;
      if (freeze) {
        frozenAt = now;
      } else {
        offsetMillis = now - System.currentTimeMillis();
      }
    }
  }

  /**
   * Moves the clock forward to {@code target}. Package-private: callers go through {@link
   * Scheduler#advanceTo} so that the timers in between fire.
   */
  void moveTo(long target) {
    synchronized (lock) {
      long now = millis();
      if (target <= now) {
        return;
      }
      if (frozen) {
        frozenAt = target;
      } else {
        offsetMillis += target - now;
      }
    }
  }

  static Duration requireNonNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + d);
    }
    return d;
  }
}
