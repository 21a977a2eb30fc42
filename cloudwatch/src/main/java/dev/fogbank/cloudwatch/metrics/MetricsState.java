package dev.fogbank.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The metrics, alarms and dashboards of one account and region. */
final class MetricsState {

  final String account;
  final String region;
  private final Map<MetricKey, List<Datum>> metrics = new ConcurrentHashMap<>();
  final ConcurrentSkipListMap<String, Alarm> alarms = new ConcurrentSkipListMap<>();
  final ConcurrentSkipListMap<String, DashboardOperations.Dashboard> dashboards = new ConcurrentSkipListMap<>();
  /** Alarm history items, oldest first; kept after an alarm is deleted, as CloudWatch keeps them. */
  private final List<com.fasterxml.jackson.databind.node.ObjectNode> history = new ArrayList<>();

  MetricsState(String account, String region) {
    this.account = account;
    this.region = region;
  }

  void put(MetricKey key, Datum datum) {
    List<Datum> series = metrics.computeIfAbsent(key, k -> new ArrayList<>());
    synchronized (series) {
      series.add(datum);
    }
  }

  /** A copy of a metric's data points; empty for a metric never published. */
  List<Datum> data(MetricKey key) {
    List<Datum> series = metrics.get(key);
    if (series == null) {
      return List.of();
    }
    synchronized (series) {
      return List.copyOf(series);
    }
  }

  Iterable<MetricKey> keys() {
    return List.copyOf(metrics.keySet());
  }

  synchronized void history(com.fasterxml.jackson.databind.node.ObjectNode item) {
    history.add(item);
  }

  synchronized List<com.fasterxml.jackson.databind.node.ObjectNode> history() {
    return List.copyOf(history);
  }

  String alarmArn(String name) {
    return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
  }
}
