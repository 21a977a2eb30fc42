package dev.fogbank.cloudwatch.metrics;

import java.util.List;
import java.util.TreeMap;

/** Periods and the aggregation of data points into them. */
final class Periods {

  private Periods() {}

  /**
   * A period is 1, 5, 10, 30 or any multiple of 60 seconds (the first four for high-resolution
   * metrics), per the GetMetricStatistics and MetricStat references.
   */
  static void check(int period, String parameter) {
    if (period <= 0 || (period % 60 != 0 && period != 1 && period != 5 && period != 10 && period != 30)) {
      throw MetricsErrors.invalidParameterValue(
          "The parameter " + parameter + " must be 1, 5, 10, 30, or a multiple of 60.");
    }
  }

  /**
   * The data points in [start, end) grouped by period, keyed by each period's start time; periods
   * are counted from the start time.
   */
  static TreeMap<Long, Statistics> aggregate(List<Datum> data, long start, long end, int period, String unit) {
    long step = period * 1000L;
    TreeMap<Long, Statistics> buckets = new TreeMap<>();
    for (Datum d : data) {
      if (d.timestampMillis() < start || d.timestampMillis() >= end) {
        continue;
      }
      if (unit != null && !unit.equals(d.unit())) {
        continue;
      }
      long bucket = start + (d.timestampMillis() - start) / step * step;
      buckets.computeIfAbsent(bucket, b -> new Statistics()).add(d);
    }
    return buckets;
  }
}
