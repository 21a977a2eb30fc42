package dev.fogbank.cloudwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Statistics of a period and the aggregation of data points into periods. */
class StatisticsTest {

  private static Datum value(long ts, double v) {
    return new Datum(ts, "None", 1, v, v, v, new double[] {v}, new double[] {1}, 60);
  }

  @Test
  void basicStatisticsAndNearestRankPercentiles() {
    Statistics s = new Statistics();
    for (int i = 1; i <= 100; i++) {
      s.add(value(0, i));
    }
    assertEquals(100.0, s.get("SampleCount"));
    assertEquals(5050.0, s.get("Sum"));
    assertEquals(50.5, s.get("Average"));
    assertEquals(1.0, s.get("Minimum"));
    assertEquals(100.0, s.get("Maximum"));
    assertEquals(50.0, s.get("p50"));
    assertEquals(99.0, s.get("p99"));
    assertEquals(100.0, s.get("p99.9"));
  }

  @Test
  void statisticSetsHaveNoPercentiles() {
    Statistics s = new Statistics();
    s.add(new Datum(0, "None", 4, 10, 1, 4, null, null, 60));
    assertEquals(2.5, s.get("Average"));
    assertNull(s.get("p90"));
  }

  @Test
  void dataPointsFallIntoPeriodsCountedFromTheStartTime() {
    List<Datum> data = List.of(value(0, 1), value(59_999, 2), value(60_000, 3), value(120_000, 4));
    TreeMap<Long, Statistics> buckets = Periods.aggregate(data, 0, 120_000, 60, null);
    assertEquals(2, buckets.size());
    assertEquals(3.0, buckets.get(0L).get("Sum"));
    assertEquals(3.0, buckets.get(60_000L).get("Sum"));
  }

  @Test
  void alarmComparisonOperators() {
    assertEquals(true, AlarmEvaluator.breaches(5, "GreaterThanOrEqualToThreshold", 5));
    assertEquals(false, AlarmEvaluator.breaches(5, "GreaterThanThreshold", 5));
    assertEquals(true, AlarmEvaluator.breaches(4, "LessThanThreshold", 5));
    assertEquals(true, AlarmEvaluator.breaches(5, "LessThanOrEqualToThreshold", 5));
  }
}
