package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.cloudwatch.Inputs;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metric filters: PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter, and the metric data
 * matching events publish to CloudWatch ({@code monitoring}) as they are ingested.
 */
final class MetricFilterOperations {

  private static final Logger log = LoggerFactory.getLogger(MetricFilterOperations.class);

  private final LogsEngine engine;

  MetricFilterOperations(LogsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PutMetricFilter", this::putMetricFilter);
    map.put("DescribeMetricFilters", this::describeMetricFilters);
    map.put("DeleteMetricFilter", this::deleteMetricFilter);
    map.put("TestMetricFilter", this::testMetricFilter);
  }

  /** TestMetricFilter: which of the sample messages a pattern matches, numbered from 1. */
  private ObjectNode testMetricFilter(RequestContext ctx, ObjectNode input) {
    Predicate<String> matcher;
    try {
      matcher = FilterPattern.compile(Inputs.text(input, "filterPattern"));
    } catch (AwsException e) {
      throw LogsErrors.invalidParameter("Invalid metric filter pattern");
    }
    ObjectNode out = Json.object();
    ArrayNode matches = out.putArray("matches");
    List<String> messages = Inputs.strings(input, "logEventMessages");
    for (int i = 0; i < messages.size(); i++) {
      if (matcher.test(messages.get(i))) {
        matches.addObject().put("eventNumber", i + 1).put("eventMessage", messages.get(i)).putObject("extractedValues");
      }
    }
    return out;
  }

  private ObjectNode putMetricFilter(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.group(ctx, Inputs.text(input, "logGroupName"));
    String pattern = Inputs.text(input, "filterPattern");
    Predicate<String> matcher;
    try {
      matcher = FilterPattern.compile(pattern);
    } catch (AwsException e) {
      throw LogsErrors.invalidParameter("Invalid metric filter pattern");
    }
    ArrayNode transformations = (ArrayNode) input.get("metricTransformations");
    for (JsonNode t : transformations) {
      String value = t.path("metricValue").asText();
      if (!value.startsWith("$.")) {
        try {
          Double.parseDouble(value);
        } catch (NumberFormatException e) {
          throw LogsErrors.invalidParameter("Invalid metric value: " + value);
        }
      }
    }
    String name = Inputs.text(input, "filterName");
    group.metricFilters().put(name, new MetricFilter(name, pattern, matcher, transformations.deepCopy(), engine.now()));
    return null;
  }

  private ObjectNode deleteMetricFilter(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.group(ctx, Inputs.text(input, "logGroupName"));
    if (group.metricFilters().remove(Inputs.text(input, "filterName")) == null) {
      throw LogsErrors.resourceNotFound("The specified metric filter does not exist.");
    }
    return null;
  }

  private ObjectNode describeMetricFilters(RequestContext ctx, ObjectNode input) {
    String groupName = Inputs.text(input, "logGroupName");
    String prefix = Inputs.text(input, "filterNamePrefix");
    String metricName = Inputs.text(input, "metricName");
    String metricNamespace = Inputs.text(input, "metricNamespace");
    if (prefix != null && groupName == null) {
      throw LogsErrors.invalidParameter("If filterNamePrefix is specified, logGroupName must also be specified.");
    }
    if ((metricName == null) != (metricNamespace == null)) {
      throw LogsErrors.invalidParameter("metricName and metricNamespace must be specified together.");
    }
    List<LogGroup> groups = groupName != null
        ? List.of(engine.group(ctx, groupName))
        : new ArrayList<>(engine.state(ctx).groups.values());
    ObjectNode out = Json.object();
    ArrayNode filters = out.putArray("metricFilters");
    for (LogGroup g : groups) {
      for (MetricFilter f : g.metricFilters().values()) {
        if (prefix != null && !f.filterName().startsWith(prefix)) {
          continue;
        }
        if (metricName != null && !publishes(f, metricName, metricNamespace)) {
          continue;
        }
        filters.add(f.describe(g.name()));
      }
    }
    return out;
  }

  private static boolean publishes(MetricFilter f, String name, String namespace) {
    for (JsonNode t : f.metricTransformations()) {
      if (t.path("metricName").asText().equals(name) && t.path("metricNamespace").asText().equals(namespace)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Publishes what a group's metric filters make of newly ingested events: each matching event
   * its value, at its own timestamp; a batch in which nothing matches, the defaultValue if the
   * transformation has one.
   */
  static void publish(LogsEngine engine, RequestContext ctx, LogGroup group, List<LogEvent> events) {
    if (group.metricFilters().isEmpty() || engine.client() == null || !engine.client().has("monitoring")) {
      return;
    }
    for (MetricFilter f : group.metricFilters().values()) {
      for (JsonNode t : f.metricTransformations()) {
        ObjectNode put = Json.object().put("Namespace", t.path("metricNamespace").asText());
        ArrayNode data = put.putArray("MetricData");
        for (LogEvent e : events) {
          if (!f.matcher().test(e.message())) {
            continue;
          }
          Double value = MetricFilter.value(t, e.message());
          if (value != null) {
            datum(data, t, e.message(), value, e.timestamp());
          }
        }
        if (data.isEmpty() && t.has("defaultValue") && !events.isEmpty()) {
          datum(data, t, null, t.get("defaultValue").asDouble(), events.getLast().timestamp());
        }
        if (data.isEmpty()) {
          continue;
        }
        try {
          engine.client().call("monitoring", "PutMetricData", ctx.account(), ctx.region(), put);
        } catch (RuntimeException ex) {
          log.warn("metric filter {} of {} could not publish: {}", f.filterName(), group.name(), ex.getMessage());
        }
      }
    }
  }

  /** Dimensions take their values from the event's JSON fields ({@code "$.api"}). */
  private static void datum(ArrayNode data, JsonNode t, String message, double value, long timestamp) {
    ObjectNode d = data.addObject().put("MetricName", t.path("metricName").asText()).put("Value", value)
        .put("Timestamp", timestamp / 1000.0);
    if (t.has("unit")) {
      d.put("Unit", t.get("unit").asText());
    }
    JsonNode dims = t.get("dimensions");
    if (dims != null && dims.size() > 0 && message != null) {
      JsonNode event = FilterPattern.parseJson(message);
      ArrayNode out = d.putArray("Dimensions");
      dims.fields().forEachRemaining(e -> {
        String source = e.getValue().asText();
        JsonNode v = source.startsWith("$.") && event != null ? JsonFilter.select(source, event) : null;
        String text = v == null ? (source.startsWith("$.") ? null : source) : v.asText();
        if (text != null) {
          out.addObject().put("Name", e.getKey()).put("Value", text);
        }
      });
    }
  }
}
