package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** PutMetricData, GetMetricStatistics and ListMetrics. */
final class MetricOperations {

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  /** ListMetrics: "Up to 500 results are returned for any one call." */
  private static final int LIST_PAGE = 500;

  private final MetricsEngine engine;

  MetricOperations(MetricsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PutMetricData", this::putMetricData);
    map.put("GetMetricStatistics", this::getMetricStatistics);
    map.put("ListMetrics", this::listMetrics);
  }

  /**
   * PutMetricData. Each datum carries exactly one of Value, StatisticValues or Values (with
   * Counts of the same size); StorageResolution is 1 or 60; timestamps may be up to two weeks
   * old and two hours ahead. The {@code AWS/} namespaces are reserved to AWS services: a request
   * from outside is refused, an in-process call (a Fogbank service publishing its own metrics, as
   * Lambda publishes {@code AWS/Lambda}) is not.
   */
  private ObjectNode putMetricData(RequestContext ctx, ObjectNode input) {
    String namespace = input.path("Namespace").asText();
    if (namespace.startsWith("AWS/") && ctx.request() != null) {
      throw MetricsErrors.invalidParameterValue("The value AWS/ for parameter Namespace is invalid.");
    }
    long now = engine.now();
    List<MetricKey> keys = new ArrayList<>();
    List<Datum> data = new ArrayList<>();
    int index = 0;
    for (JsonNode d : input.path("MetricData")) {
      index++;
      String at = "MetricData.member." + index;
      keys.add(MetricKey.of(namespace, d.path("MetricName").asText(), d.get("Dimensions")));
      data.add(datum(d, at, now));
    }
    MetricsState state = engine.state(ctx);
    for (int i = 0; i < keys.size(); i++) {
      state.put(keys.get(i), data.get(i));
    }
    return null;
  }

  private static Datum datum(JsonNode d, String at, long now) {
    boolean value = d.has("Value");
    boolean stats = d.has("StatisticValues");
    boolean values = d.has("Values");
    if (value && stats) {
      throw both(at + ".Value", at + ".StatisticValues");
    }
    if (value && values) {
      throw both(at + ".Value", at + ".Values");
    }
    if (stats && values) {
      throw both(at + ".StatisticValues", at + ".Values");
    }
    if (!value && !stats && !values) {
      throw MetricsErrors.invalidParameterCombination("At least one of the parameters " + at + ".Value and "
          + at + ".StatisticValues must be specified.");
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (JsonNode dim : d.path("Dimensions")) {
      if (!names.add(dim.path("Name").asText())) {
        throw MetricsErrors.invalidParameterValue("No metric may specify the same dimension name twice.");
      }
    }
    long ts = d.has("Timestamp") ? MetricsEngine.millis(d.get("Timestamp")) : now;
    if (ts < now - 14 * DAY) {
      throw MetricsErrors.invalidParameterValue(
          "The parameter " + at + ".Timestamp must specify a time within the past two weeks.");
    }
    if (ts > now + 2 * HOUR) {
      throw MetricsErrors.invalidParameterValue(
          "The parameter " + at + ".Timestamp must specify a time no more than two hours in the future.");
    }
    int resolution = d.has("StorageResolution") ? d.get("StorageResolution").asInt() : 60;
    if (resolution != 1 && resolution != 60) {
      throw MetricsErrors.invalidParameterValue(
          "The value " + resolution + " for parameter " + at + ".StorageResolution is invalid.");
    }
    String unit = d.has("Unit") ? d.get("Unit").asText() : "None";
    if (value) {
      double v = d.get("Value").asDouble();
      return new Datum(ts, unit, 1, v, v, v, new double[] {v}, new double[] {1}, resolution);
    }
    if (stats) {
      JsonNode s = d.get("StatisticValues");
      return new Datum(
          ts,
          unit,
          s.path("SampleCount").asDouble(),
          s.path("Sum").asDouble(),
          s.path("Minimum").asDouble(),
          s.path("Maximum").asDouble(),
          null,
          null,
          resolution);
    }
    JsonNode vs = d.get("Values");
    JsonNode cs = d.get("Counts");
    if (cs != null && cs.size() != vs.size()) {
      throw MetricsErrors.invalidParameterValue(
          "The parameters " + at + ".Values and " + at + ".Counts must be of the same size.");
    }
    double[] v = new double[vs.size()];
    double[] c = new double[vs.size()];
    double count = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v.length; i++) {
      v[i] = vs.get(i).asDouble();
      c[i] = cs == null ? 1 : cs.get(i).asDouble();
      count += c[i];
      sum += v[i] * c[i];
      min = Math.min(min, v[i]);
      max = Math.max(max, v[i]);
    }
    return new Datum(ts, unit, count, sum, min, max, v, c, resolution);
  }

  private static dev.fogbank.core.error.AwsException both(String a, String b) {
    return MetricsErrors.invalidParameterCombination(
        "The parameters " + a + " and " + b + " are mutually exclusive and you have specified both.");
  }

  /**
   * GetMetricStatistics: the data points of one metric in [StartTime, EndTime), aggregated per
   * Period, each with the requested statistics (SampleCount, Average, Sum, Minimum, Maximum) and
   * extended statistics (percentiles).
   */
  private ObjectNode getMetricStatistics(RequestContext ctx, ObjectNode input) {
    List<String> stats = new ArrayList<>();
    input.path("Statistics").forEach(s -> stats.add(s.asText()));
    List<String> extended = new ArrayList<>();
    input.path("ExtendedStatistics").forEach(s -> extended.add(s.asText()));
    // "You must specify either Statistics or ExtendedStatistics, but not both."
    if (stats.isEmpty() && extended.isEmpty()) {
      throw MetricsErrors.invalidParameterCombination(
          "At least one of the parameters Statistics and ExtendedStatistics must be specified.");
    }
    if (!stats.isEmpty() && !extended.isEmpty()) {
      throw MetricsErrors.invalidParameterCombination(
          "The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.");
    }
    for (String p : extended) {
      if (!Statistics.PERCENTILE.matcher(p).matches()) {
        throw MetricsErrors.invalidParameterValue("The value " + p + " for parameter ExtendedStatistics is not supported.");
      }
    }
    long start = MetricsEngine.millis(input.get("StartTime"));
    long end = MetricsEngine.millis(input.get("EndTime"));
    int period = input.path("Period").asInt();
    Periods.check(period, "Period");
    if (start >= end) {
      throw MetricsErrors.invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
    }
    // "The maximum number of data points returned from a single call is 1,440."
    long requested = (end - start + period * 1000L - 1) / (period * 1000L);
    if (requested > 1440) {
      throw MetricsErrors.invalidParameterCombination("You have requested up to " + requested
          + " datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing"
          + " Period, or decreasing the time range.");
    }
    MetricKey key = MetricKey.of(input.path("Namespace").asText(), input.path("MetricName").asText(), input.get("Dimensions"));
    String unit = input.has("Unit") ? input.get("Unit").asText() : null;
    TreeMap<Long, Statistics> buckets = Periods.aggregate(engine.state(ctx).data(key), start, end, period, unit);
    ObjectNode out = Json.object();
    out.put("Label", key.metricName());
    ArrayNode points = out.putArray("Datapoints");
    String dataUnit = unit;
    if (dataUnit == null) {
      List<Datum> data = engine.state(ctx).data(key);
      dataUnit = data.isEmpty() ? "None" : data.getLast().unit();
    }
    for (Map.Entry<Long, Statistics> e : buckets.entrySet()) {
      ObjectNode point = points.addObject();
      point.put("Timestamp", e.getKey() / 1000);
      for (String s : stats) {
        Double v = e.getValue().get(s);
        if (v != null) {
          point.put(s, v);
        }
      }
      if (!extended.isEmpty()) {
        ObjectNode ext = point.putObject("ExtendedStatistics");
        for (String p : extended) {
          Double v = e.getValue().get(p);
          if (v != null) {
            ext.put(p, v);
          }
        }
      }
      point.put("Unit", dataUnit);
    }
    return out;
  }

  /**
   * ListMetrics: metrics matching the namespace, name and dimension filters (a filter with only a
   * Name matches any value), 500 a page; RecentlyActive {@code PT3H} keeps those with data in the
   * last three hours.
   */
  private ObjectNode listMetrics(RequestContext ctx, ObjectNode input) {
    String namespace = input.has("Namespace") ? input.get("Namespace").asText() : null;
    String name = input.has("MetricName") ? input.get("MetricName").asText() : null;
    boolean recent = "PT3H".equals(input.path("RecentlyActive").asText(null));
    long since = engine.now() - 3 * HOUR;
    MetricsState state = engine.state(ctx);
    List<MetricKey> matches = new ArrayList<>();
    for (MetricKey key : state.keys()) {
      if (namespace != null && !namespace.equals(key.namespace())) {
        continue;
      }
      if (name != null && !name.equals(key.metricName())) {
        continue;
      }
      if (!dimensionsMatch(key, input.get("Dimensions"))) {
        continue;
      }
      // "Metrics that have not had any new data points in the past two weeks do not appear."
      long cutoff = recent ? since : engine.now() - 14 * DAY;
      if (state.data(key).stream().noneMatch(d -> d.timestampMillis() >= cutoff)) {
        continue;
      }
      matches.add(key);
    }
    matches.sort(
        java.util.Comparator.comparing(MetricKey::namespace)
            .thenComparing(MetricKey::metricName)
            .thenComparing(k -> k.dimensions().toString()));
    int from = 0;
    String token = input.path("NextToken").asText(null);
    if (token != null) {
      try {
        from = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        throw MetricsErrors.invalidNextToken();
      }
    }
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("Metrics");
    int to = Math.min(matches.size(), from + LIST_PAGE);
    for (int i = from; i < to; i++) {
      list.add(matches.get(i).json());
    }
    if (to < matches.size()) {
      out.put("NextToken", Integer.toString(to));
    }
    return out;
  }

  private static boolean dimensionsMatch(MetricKey key, JsonNode filters) {
    if (filters == null) {
      return true;
    }
    for (JsonNode f : filters) {
      String value = key.dimensions().get(f.path("Name").asText());
      if (value == null || (f.has("Value") && !f.get("Value").asText().equals(value))) {
        return false;
      }
    }
    return true;
  }
}
