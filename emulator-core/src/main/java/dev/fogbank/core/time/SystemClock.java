package dev.fogbank.core.time;

/** The machine's wall clock. */
public final class SystemClock implements Clock {

  public static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }
}
