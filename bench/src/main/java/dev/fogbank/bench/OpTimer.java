package dev.fogbank.bench;

import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Times one worker's API calls. A call counts when it starts and ends inside the measured window
 * (after the warm-up, before the deadline); its latency goes into the worker's own histogram, so
 * workers never contend on a shared one.
 */
final class OpTimer {

  /** Latencies from 1 µs to 60 s, three significant digits. */
  private final Histogram latencies = new Histogram(1_000L, 60_000_000_000L, 3);

  private final long measureFrom;
  private final long measureUntil;
  private long ops;
  private long errors;

  OpTimer(long measureFromNanos, long measureUntilNanos) {
    this.measureFrom = measureFromNanos;
    this.measureUntil = measureUntilNanos;
  }

  /**
   * Runs one API call. A call that throws counts as an error and the exception goes on, so the
   * workload can abandon the rest of its cycle.
   */
  <T> T call(Supplier<T> apiCall) {
    long start = System.nanoTime();
    try {
      T result = apiCall.get();
      record(start, System.nanoTime(), false);
      return result;
    } catch (RuntimeException e) {
      record(start, System.nanoTime(), true);
      throw e;
    }
  }

  /**
   * Marks the call that started at {@code start} as an error although it answered: a batch call
   * with failed entries, a read that missed what was written, an execution that did not succeed.
   */
  void failedEntries(long start) {
    if (start >= measureFrom && start < measureUntil) {
      errors++;
    }
  }

  private void record(long start, long end, boolean failed) {
    if (start < measureFrom || end > measureUntil) {
      return;
    }
    if (failed) {
      errors++;
      return;
    }
    ops++;
    latencies.recordValue(Math.max(1_000L, Math.min(end - start, latencies.getHighestTrackableValue())));
  }

  boolean pastDeadline() {
    return System.nanoTime() >= measureUntil;
  }

  Histogram latencies() {
    return latencies;
  }

  long ops() {
    return ops;
  }

  long errors() {
    return errors;
  }
}
