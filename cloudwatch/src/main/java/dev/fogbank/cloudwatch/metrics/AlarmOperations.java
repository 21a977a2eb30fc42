package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Metric alarms: PutMetricAlarm, DescribeAlarms, DeleteAlarms, SetAlarmState, alarm actions and tags. */
final class AlarmOperations {

  private final MetricsEngine engine;
  private final AlarmEvaluator evaluator;

  AlarmOperations(MetricsEngine engine, AlarmEvaluator evaluator) {
    this.engine = engine;
    this.evaluator = evaluator;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PutMetricAlarm", this::putMetricAlarm);
    map.put("PutCompositeAlarm", this::putCompositeAlarm);
    map.put("DescribeAlarms", this::describeAlarms);
    map.put("DescribeAlarmsForMetric", this::describeAlarmsForMetric);
    map.put("DeleteAlarms", this::deleteAlarms);
    map.put("SetAlarmState", this::setAlarmState);
    map.put("EnableAlarmActions", (ctx, in) -> actionsEnabled(ctx, in, true));
    map.put("DisableAlarmActions", (ctx, in) -> actionsEnabled(ctx, in, false));
    map.put("TagResource", this::tagResource);
    map.put("UntagResource", this::untagResource);
    map.put("ListTagsForResource", this::listTagsForResource);
  }

  /**
   * Creates or replaces an alarm. A new alarm starts in INSUFFICIENT_DATA; an updated one keeps
   * its state ("When you update an existing alarm, its state is left unchanged").
   */
  private ObjectNode putMetricAlarm(RequestContext ctx, ObjectNode input) {
    boolean single = input.has("MetricName");
    boolean math = input.has("Metrics");
    if (single && math) {
      throw MetricsErrors.invalidParameterCombination(
          "The parameters MetricName and Metrics are mutually exclusive and you have specified both.");
    }
    if (!single && !math) {
      throw MetricsErrors.validation("Either MetricName or Metrics must be specified.");
    }
    if (single) {
      if (input.has("Statistic") && input.has("ExtendedStatistic")) {
        throw MetricsErrors.invalidParameterCombination(
            "The parameters Statistic and ExtendedStatistic are mutually exclusive and you have specified both.");
      }
      if (!input.has("Statistic") && !input.has("ExtendedStatistic")) {
        throw MetricsErrors.validation("Either Statistic or ExtendedStatistic must be specified.");
      }
      if (!input.has("Namespace") || !input.has("Period")) {
        throw MetricsErrors.validation("Namespace and Period must be specified with MetricName.");
      }
      Periods.check(input.get("Period").asInt(), "Period");
    }
    if (math) {
      List<JsonNode> queries = new ArrayList<>();
      input.get("Metrics").forEach(queries::add);
      if (queries.stream().filter(q -> q.path("ReturnData").asBoolean(true)).count() != 1) {
        throw MetricsErrors.validation("Exactly one element of the metrics list should return data.");
      }
      long now = engine.now();
      // Computing the queries over an empty range checks their statistics, periods and expressions.
      MetricDataOperations.compute(engine.state(ctx), queries, now - 1, now);
    }
    int periods = input.path("EvaluationPeriods").asInt();
    if (input.has("DatapointsToAlarm") && input.get("DatapointsToAlarm").asInt() > periods) {
      throw MetricsErrors.validation("DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
    }
    MetricsState state = engine.state(ctx);
    String name = input.path("AlarmName").asText();
    long now = engine.now();
    boolean created = !state.alarms.containsKey(name);
    Alarm alarm = state.alarms.computeIfAbsent(name, n -> new Alarm(n, state.alarmArn(n), now));
    alarm.configure(input.deepCopy(), now);
    state.history(History.item(name, now, "ConfigurationUpdate",
        "Alarm \"" + name + "\" " + (created ? "created" : "updated"), null));
    alarm.tag(tags(input.get("Tags")));
    evaluator.schedule(state, alarm);
    return null;
  }

  /**
   * A composite alarm: its rule over other alarms' states decides its own (ALARM while the rule
   * holds, else OK), re-evaluated whenever one of those alarms changes state.
   */
  private ObjectNode putCompositeAlarm(RequestContext ctx, ObjectNode input) {
    AlarmRule.Compiled rule = AlarmRule.parse(input.path("AlarmRule").asText());
    MetricsState state = engine.state(ctx);
    String name = input.path("AlarmName").asText();
    for (String child : rule.alarms()) {
      if (child.equals(name)) {
        throw MetricsErrors.validation("The AlarmRule of composite alarm " + name + " may not name the alarm itself.");
      }
      if (!state.alarms.containsKey(child)) {
        throw MetricsErrors.validation("Could not save the composite alarm as alarms [" + child + "] in the alarm rule do not exist");
      }
    }
    long now = engine.now();
    boolean created = !state.alarms.containsKey(name);
    Alarm alarm = state.alarms.computeIfAbsent(name, n -> new Alarm(n, state.alarmArn(n), now));
    alarm.configure(input.deepCopy(), now);
    alarm.tag(tags(input.get("Tags")));
    state.history(History.item(name, now, "ConfigurationUpdate",
        "Alarm \"" + name + "\" " + (created ? "created" : "updated"), null));
    evaluator.schedule(state, alarm);
    return null;
  }

  private ObjectNode describeAlarms(RequestContext ctx, ObjectNode input) {
    List<String> names = new ArrayList<>();
    input.path("AlarmNames").forEach(n -> names.add(n.asText()));
    String prefix = input.path("AlarmNamePrefix").asText(null);
    String stateValue = input.path("StateValue").asText(null);
    String actionPrefix = input.path("ActionPrefix").asText(null);
    int max = input.path("MaxRecords").asInt(50);
    // Without AlarmTypes, only metric alarms are returned (DescribeAlarms API reference).
    boolean metricAlarms = !input.has("AlarmTypes");
    boolean compositeAlarms = false;
    for (JsonNode t : input.path("AlarmTypes")) {
      metricAlarms |= t.asText().equals("MetricAlarm");
      compositeAlarms |= t.asText().equals("CompositeAlarm");
    }
    String after = input.path("NextToken").asText(null);
    MetricsState state = engine.state(ctx);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("MetricAlarms");
    ArrayNode composites = out.putArray("CompositeAlarms");
    var view = after == null ? state.alarms : state.alarms.tailMap(after, false);
    String last = null;
    for (Alarm a : view.values()) {
      boolean composite = a.config().has("AlarmRule");
      if (composite ? !compositeAlarms : !metricAlarms) {
        continue;
      }
      if (!names.isEmpty() && !names.contains(a.name)) {
        continue;
      }
      if (prefix != null && !a.name.startsWith(prefix)) {
        continue;
      }
      if (stateValue != null && !stateValue.equals(a.stateValue())) {
        continue;
      }
      if (actionPrefix != null && !hasAction(a.config(), actionPrefix)) {
        continue;
      }
      if (list.size() + composites.size() == max) {
        out.put("NextToken", last);
        break;
      }
      (composite ? composites : list).add(a.describe());
      last = a.name;
    }
    return out;
  }

  /**
   * DescribeAlarmsForMetric: the alarms on one metric (namespace, name and exactly its
   * dimensions), optionally narrowed by statistic, extended statistic, period and unit.
   */
  private ObjectNode describeAlarmsForMetric(RequestContext ctx, ObjectNode input) {
    MetricKey key = MetricKey.of(input.path("Namespace").asText(), input.path("MetricName").asText(), input.get("Dimensions"));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("MetricAlarms");
    for (Alarm a : engine.state(ctx).alarms.values()) {
      ObjectNode c = a.config();
      if (!c.has("MetricName")
          || !key.equals(MetricKey.of(c.path("Namespace").asText(), c.path("MetricName").asText(), c.get("Dimensions")))) {
        continue;
      }
      boolean matches = true;
      for (String field : List.of("Statistic", "ExtendedStatistic", "Period", "Unit")) {
        if (input.has(field) && !input.get(field).asText().equals(c.path(field).asText())) {
          matches = false;
        }
      }
      if (matches) {
        list.add(a.describe());
      }
    }
    return out;
  }

  private static boolean hasAction(ObjectNode config, String prefix) {
    for (String field : List.of("OKActions", "AlarmActions", "InsufficientDataActions")) {
      for (JsonNode a : config.path(field)) {
        if (a.asText().startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  /** DeleteAlarms deletes all of the alarms or, if one does not exist, none. */
  private ObjectNode deleteAlarms(RequestContext ctx, ObjectNode input) {
    MetricsState state = engine.state(ctx);
    List<String> missing = new ArrayList<>();
    input.path("AlarmNames").forEach(n -> {
      if (!state.alarms.containsKey(n.asText())) {
        missing.add(n.asText());
      }
    });
    if (!missing.isEmpty()) {
      throw resourceNotFound(missing.size() + " alarms not found: " + missing);
    }
    input.path("AlarmNames").forEach(n -> {
      Alarm a = state.alarms.remove(n.asText());
      if (a != null) {
        a.stop();
        state.history(History.item(a.name, engine.now(), "ConfigurationUpdate", "Alarm \"" + a.name + "\" deleted", null));
      }
    });
    return null;
  }

  private ObjectNode setAlarmState(RequestContext ctx, ObjectNode input) {
    Alarm alarm = alarm(ctx, input.path("AlarmName").asText());
    String data = input.path("StateReasonData").asText(null);
    if (data != null) {
      try {
        Json.MAPPER.readTree(data);
      } catch (Exception e) {
        throw new dev.fogbank.core.error.AwsException(
            "InvalidFormatFault", "InvalidFormat", "The StateReasonData is not valid JSON.", 400, true);
      }
    }
    evaluator.transition(engine.state(ctx), alarm, input.path("StateValue").asText(), input.path("StateReason").asText(), data);
    return null;
  }

  private ObjectNode actionsEnabled(RequestContext ctx, ObjectNode input, boolean enabled) {
    MetricsState state = engine.state(ctx);
    for (JsonNode n : input.path("AlarmNames")) {
      Alarm a = state.alarms.get(n.asText());
      if (a != null) {
        ObjectNode config = a.config().deepCopy();
        config.put("ActionsEnabled", enabled);
        a.configure(config, engine.now());
      }
    }
    return null;
  }

  private Alarm alarm(RequestContext ctx, String name) {
    Alarm alarm = engine.state(ctx).alarms.get(name);
    if (alarm == null) {
      throw resourceNotFound("Alarm " + name + " not found");
    }
    return alarm;
  }

  /** SetAlarmState and DeleteAlarms answer the model's ResourceNotFound (404). */
  private static dev.fogbank.core.error.AwsException resourceNotFound(String message) {
    return new dev.fogbank.core.error.AwsException("ResourceNotFound", "ResourceNotFound", message, 404, true);
  }

  /** Tags belong to alarms, named by ARN. */
  private Alarm byArn(RequestContext ctx, String arn) {
    MetricsState state = engine.state(ctx);
    String prefix = state.alarmArn("");
    Alarm alarm = arn.startsWith(prefix) ? state.alarms.get(arn.substring(prefix.length())) : null;
    if (alarm == null) {
      throw MetricsErrors.resourceNotFound("Unknown resource " + arn);
    }
    return alarm;
  }

  private ObjectNode tagResource(RequestContext ctx, ObjectNode input) {
    byArn(ctx, input.path("ResourceARN").asText()).tag(tags(input.get("Tags")));
    return null;
  }

  private ObjectNode untagResource(RequestContext ctx, ObjectNode input) {
    List<String> keys = new ArrayList<>();
    input.path("TagKeys").forEach(k -> keys.add(k.asText()));
    byArn(ctx, input.path("ResourceARN").asText()).untag(keys);
    return null;
  }

  private ObjectNode listTagsForResource(RequestContext ctx, ObjectNode input) {
    ObjectNode out = Json.object();
    ArrayNode tags = out.putArray("Tags");
    byArn(ctx, input.path("ResourceARN").asText()).tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
    return out;
  }

  private static Map<String, String> tags(JsonNode list) {
    Map<String, String> out = new LinkedHashMap<>();
    if (list != null) {
      for (JsonNode t : list) {
        out.put(t.path("Key").asText(), t.path("Value").asText());
      }
    }
    return out;
  }
}
