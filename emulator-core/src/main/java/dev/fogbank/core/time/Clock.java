package dev.fogbank.core.time;

import java.time.Instant;

/**
 * The one source of time for every engine. Nothing in an engine reads the machine's clock
 * directly, so that tests and users can move time forward instead of waiting for it.
 */
public interface Clock {

  /** Milliseconds since the epoch. */
  long millis();

  default Instant now() {
    return Instant.ofEpochMilli(millis());
  }

  /** Whether this clock can be moved by {@link VirtualClock#advance}. */
  default boolean isVirtual() {
    return false;
  }

  /** Whether this clock moves only when advanced. */
  default boolean isFrozen() {
    return false;
  }
}
