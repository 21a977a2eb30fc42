package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** GetMetricData over MetricStat queries. */
final class MetricDataOperations {

  private static final Set<String> STATS = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

  private final MetricsEngine engine;

  MetricDataOperations(MetricsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("GetMetricData", this::getMetricData);
  }

  /**
   * Each query names one metric, period and statistic (MetricStat); its result lists the period
   * start times and values, newest first unless ScanBy is TimestampAscending. Metric math
   * (Expression) is not supported here and is answered with a ValidationError that says so.
   */
  private ObjectNode getMetricData(RequestContext ctx, ObjectNode input) {
    long start = MetricsEngine.millis(input.get("StartTime"));
    long end = MetricsEngine.millis(input.get("EndTime"));
    if (start >= end) {
      throw MetricsErrors.validation("The parameter StartTime must be less than the parameter EndTime.");
    }
    boolean ascending = "TimestampAscending".equals(input.path("ScanBy").asText(null));
    Set<String> ids = new HashSet<>();
    List<JsonNode> queries = new ArrayList<>();
    for (JsonNode q : input.path("MetricDataQueries")) {
      String id = q.path("Id").asText();
      if (!ids.add(id)) {
        throw MetricsErrors.validation("The value " + id + " for field Id is duplicated.");
      }
      if (q.has("Expression")) {
        throw MetricsErrors.validation(
            "Metric math expressions are not supported by this emulator: " + q.get("Expression").asText());
      }
      if (!q.has("MetricStat")) {
        throw MetricsErrors.validation("The parameter MetricDataQueries.member." + ids.size()
            + " must contain exactly one of MetricStat or Expression.");
      }
      queries.add(q);
    }
    MetricsState state = engine.state(ctx);
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("MetricDataResults");
    for (JsonNode q : queries) {
      if (q.has("ReturnData") && !q.get("ReturnData").asBoolean()) {
        continue;
      }
      JsonNode stat = q.get("MetricStat");
      JsonNode metric = stat.path("Metric");
      String statistic = stat.path("Stat").asText();
      if (!STATS.contains(statistic) && !Statistics.PERCENTILE.matcher(statistic).matches()) {
        throw MetricsErrors.validation("The value " + statistic + " for parameter MetricStat.Stat is not supported.");
      }
      int period = stat.path("Period").asInt();
      Periods.check(period, "MetricStat.Period");
      MetricKey key = MetricKey.of(metric.path("Namespace").asText(), metric.path("MetricName").asText(), metric.get("Dimensions"));
      String unit = stat.has("Unit") ? stat.get("Unit").asText() : null;
      TreeMap<Long, Statistics> buckets = Periods.aggregate(state.data(key), start, end, period, unit);
      ObjectNode result = results.addObject();
      result.put("Id", q.path("Id").asText());
      result.put("Label", q.has("Label") ? q.get("Label").asText() : key.metricName());
      ArrayNode timestamps = result.putArray("Timestamps");
      ArrayNode values = result.putArray("Values");
      for (Map.Entry<Long, Statistics> e : ascending ? buckets.entrySet() : buckets.descendingMap().entrySet()) {
        Double v = e.getValue().get(statistic);
        if (v != null) {
          timestamps.add(e.getKey() / 1000);
          values.add(v);
        }
      }
      result.put("StatusCode", "Complete");
      result.putArray("Messages");
    }
    out.putArray("Messages");
    return out;
  }
}
