package dev.fogbank.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics of the data points of one period: SampleCount, Sum, Average, Minimum, Maximum
 * and percentiles ({@code p99}, {@code p99.9}). Percentiles need raw values; data published only
 * as StatisticValues has none, and then a percentile is absent, as CloudWatch reports it.
 */
final class Statistics {

  static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,10})?|100)");

  private double sampleCount;
  private double sum;
  private double minimum = Double.POSITIVE_INFINITY;
  private double maximum = Double.NEGATIVE_INFINITY;
  private final List<double[]> weighted = new ArrayList<>();
  private boolean allRaw = true;

  void add(Datum d) {
    sampleCount += d.sampleCount();
    sum += d.sum();
    minimum = Math.min(minimum, d.minimum());
    maximum = Math.max(maximum, d.maximum());
    if (d.values() == null) {
      allRaw = false;
    } else {
      for (int i = 0; i < d.values().length; i++) {
        weighted.add(new double[] {d.values()[i], d.counts()[i]});
      }
    }
  }

  boolean isEmpty() {
    return sampleCount == 0;
  }

  /** A named statistic, or null when it cannot be computed. */
  Double get(String stat) {
    return switch (stat) {
      case "SampleCount" -> sampleCount;
      case "Sum" -> sum;
      case "Average" -> sampleCount == 0 ? null : sum / sampleCount;
      case "Minimum" -> minimum;
      case "Maximum" -> maximum;
      default -> percentile(stat);
    };
  }

  /** Nearest-rank percentile over the raw values, each weighted by its count. */
  private Double percentile(String stat) {
    Matcher m = PERCENTILE.matcher(stat);
    if (!m.matches() || !allRaw || weighted.isEmpty()) {
      return null;
    }
    double p = Double.parseDouble(m.group(1));
    weighted.sort(Comparator.comparingDouble(v -> v[0]));
    double total = 0;
    for (double[] v : weighted) {
      total += v[1];
    }
    double rank = Math.max(1, Math.ceil(p / 100.0 * total));
    double seen = 0;
    for (double[] v : weighted) {
      seen += v[1];
      if (seen >= rank) {
        return v[0];
      }
    }
    return weighted.getLast()[0];
  }
}
