package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
   * Each MetricStat query names one metric, period and statistic; an Expression query computes
   * arithmetic over the series of other queries ({@link MetricMath}). A result lists the period
   * start times and values, newest first unless ScanBy is TimestampAscending; queries with
   * ReturnData false are computed but not returned.
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
    int index = 0;
    for (JsonNode q : input.path("MetricDataQueries")) {
      index++;
      String id = q.path("Id").asText();
      if (!ids.add(id)) {
        throw MetricsErrors.validation("The value " + id + " for field Id is duplicated.");
      }
      if (q.has("Expression") == q.has("MetricStat")) {
        throw MetricsErrors.validation("The parameter MetricDataQueries.member." + index
            + " must contain exactly one of MetricStat or Expression.");
      }
      queries.add(q);
    }
    Map<String, TreeMap<Long, Double>> computed = compute(engine.state(ctx), queries, start, end);
    Map<String, String> labels = new LinkedHashMap<>();
    for (JsonNode q : queries) {
      String id = q.path("Id").asText();
      String fallback = q.has("MetricStat") ? q.get("MetricStat").path("Metric").path("MetricName").asText() : id;
      labels.put(id, q.has("Label") ? q.get("Label").asText() : fallback);
    }
    // MaxDatapoints (default 100,800) caps one response; NextToken counts the data points already
    // returned, and the result that was cut says PartialData.
    int max = input.path("MaxDatapoints").asInt(100_800);
    long skip = 0;
    String token = input.path("NextToken").asText(null);
    if (token != null) {
      try {
        skip = Long.parseLong(token);
      } catch (NumberFormatException e) {
        throw MetricsErrors.invalidNextToken();
      }
    }
    long position = 0;
    int sent = 0;
    boolean more = false;
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("MetricDataResults");
    for (JsonNode q : queries) {
      if (q.has("ReturnData") && !q.get("ReturnData").asBoolean()) {
        continue;
      }
      String id = q.path("Id").asText();
      TreeMap<Long, Double> series = computed.get(id);
      ObjectNode result = results.addObject();
      result.put("Id", id);
      result.put("Label", labels.get(id));
      ArrayNode timestamps = result.putArray("Timestamps");
      ArrayNode values = result.putArray("Values");
      boolean partial = false;
      for (Map.Entry<Long, Double> e : ascending ? series.entrySet() : series.descendingMap().entrySet()) {
        if (position++ < skip) {
          continue;
        }
        if (sent == max) {
          partial = true;
          more = true;
          break;
        }
        timestamps.add(e.getKey() / 1000);
        values.add(e.getValue());
        sent++;
      }
      result.put("StatusCode", partial ? "PartialData" : "Complete");
      result.putArray("Messages");
    }
    if (more) {
      out.put("NextToken", Long.toString(skip + sent));
    }
    out.putArray("Messages");
    return out;
  }

  /**
   * The series of every query, by id: MetricStat queries first, since expressions refer to them
   * whatever their order. Also what metric math alarms evaluate.
   */
  static Map<String, TreeMap<Long, Double>> compute(MetricsState state, List<JsonNode> queries, long start, long end) {
    Map<String, TreeMap<Long, Double>> computed = new LinkedHashMap<>();
    for (JsonNode q : queries) {
      if (q.has("MetricStat")) {
        computed.put(q.path("Id").asText(), metricStat(state, q.get("MetricStat"), start, end));
      }
    }
    for (JsonNode q : queries) {
      if (q.has("Expression")) {
        computed.put(q.path("Id").asText(), MetricMath.evaluate(q.get("Expression").asText(), computed));
      }
    }
    return computed;
  }

  /** One MetricStat: the statistic of each period that has data, by period start (ms). */
  private static TreeMap<Long, Double> metricStat(MetricsState state, JsonNode stat, long start, long end) {
    JsonNode metric = stat.path("Metric");
    String statistic = stat.path("Stat").asText();
    if (!STATS.contains(statistic) && !Statistics.PERCENTILE.matcher(statistic).matches()) {
      throw MetricsErrors.validation("The value " + statistic + " for parameter MetricStat.Stat is not supported.");
    }
    int period = stat.path("Period").asInt();
    Periods.check(period, "MetricStat.Period");
    MetricKey key = MetricKey.of(metric.path("Namespace").asText(), metric.path("MetricName").asText(), metric.get("Dimensions"));
    String unit = stat.has("Unit") ? stat.get("Unit").asText() : null;
    TreeMap<Long, Double> series = new TreeMap<>();
    Periods.aggregate(state.data(key), start, end, period, unit).forEach((t, s) -> {
      Double v = s.get(statistic);
      if (v != null) {
        series.put(t, v);
      }
    });
    return series;
  }
}
