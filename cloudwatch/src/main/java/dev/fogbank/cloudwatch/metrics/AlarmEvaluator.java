package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates metric alarms on the emulator's clock, once a period (User Guide, "Evaluating an
 * alarm"): the statistic of each of the last EvaluationPeriods periods is compared with the
 * threshold; DatapointsToAlarm of them breaching (default: all) puts the alarm in ALARM, else OK;
 * periods without data count as TreatMissingData says (missing: ignored, and with no data at all
 * the alarm has INSUFFICIENT_DATA). A transition publishes the state change to the SNS topics among
 * the state's actions when actions are enabled.
 */
final class AlarmEvaluator {

  private static final Logger log = LoggerFactory.getLogger(AlarmEvaluator.class);

  private final MetricsEngine engine;
  private final InProcessClient client;

  AlarmEvaluator(MetricsEngine engine, InProcessClient client) {
    this.engine = engine;
    this.client = client;
  }

  /** Starts evaluating an alarm once its period; a composite alarm follows its alarms instead. */
  void schedule(MetricsState state, Alarm alarm) {
    if (alarm.config().has("AlarmRule")) {
      alarm.stop();
      evaluateComposite(state, alarm, 0);
      return;
    }
    int period = Math.max(10, (int) (step(alarm.config()) / 1000));
    alarm.timer(engine.scheduler().schedule(Duration.ofSeconds(period), () -> {
      if (state.alarms.get(alarm.name) == alarm) {
        try {
          evaluate(state, alarm);
        } catch (RuntimeException e) {
          log.warn("alarm {} could not be evaluated: {}", alarm.name, e.getMessage());
        }
        schedule(state, alarm);
      }
    }));
  }

  void evaluate(MetricsState state, Alarm alarm) {
    ObjectNode c = alarm.config();
    long now = engine.now();
    long step = step(c);
    int periods = c.path("EvaluationPeriods").asInt(1);
    int needed = c.path("DatapointsToAlarm").asInt(periods);
    double threshold = c.path("Threshold").asDouble();
    String operator = c.path("ComparisonOperator").asText();
    String missing = c.path("TreatMissingData").asText("missing");
    long start = now - periods * step;
    TreeMap<Long, Double> values = values(state, c, start, now, step);
    int breaching = 0;
    int present = 0;
    for (int i = 0; i < periods; i++) {
      Double v = values.get(start + i * step);
      if (v == null) {
        if (missing.equals("breaching")) {
          breaching++;
          present++;
        } else if (missing.equals("notBreaching")) {
          present++;
        }
        continue;
      }
      present++;
      if (breaches(v, operator, threshold)) {
        breaching++;
      }
    }
    String value;
    if (breaching >= needed) {
      value = "ALARM";
    } else if (present == 0) {
      if (missing.equals("ignore")) {
        return;
      }
      value = "INSUFFICIENT_DATA";
    } else {
      value = "OK";
    }
    String reason =
        value.equals("INSUFFICIENT_DATA")
            ? "Insufficient Data: " + periods + " datapoint" + (periods == 1 ? " was" : "s were") + " unknown."
            : "Threshold Crossed: " + breaching + " out of the last " + periods + " datapoints "
                + (value.equals("ALARM") ? "were " : "were not ") + describe(operator) + " the threshold (" + threshold + ").";
    transition(state, alarm, value, reason, null);
  }

  /** A composite alarm is in ALARM while its rule holds, else OK (PutCompositeAlarm). */
  private void evaluateComposite(MetricsState state, Alarm alarm, int depth) {
    AlarmRule.Compiled rule = AlarmRule.parse(alarm.config().path("AlarmRule").asText());
    boolean holds = rule.test().test(name -> {
      Alarm child = state.alarms.get(name);
      return child == null ? null : child.stateValue();
    });
    String value = holds ? "ALARM" : "OK";
    String reason = "Alarm rule evaluated to " + (holds ? "TRUE" : "FALSE");
    transition(state, alarm, value, reason, null, depth);
  }

  /** The alarm's period in milliseconds: its own, or its metric math's first MetricStat's. */
  private static long step(ObjectNode c) {
    if (c.has("Period")) {
      return c.get("Period").asLong() * 1000;
    }
    for (JsonNode q : c.path("Metrics")) {
      if (q.has("MetricStat")) {
        return q.get("MetricStat").path("Period").asLong(60) * 1000;
      }
      if (q.has("Period")) {
        return q.get("Period").asLong() * 1000;
      }
    }
    return 60_000;
  }

  /**
   * The value of each period: the statistic of the alarm's metric, or the series of the metric
   * math query that returns data (an alarm's Metrics have exactly one).
   */
  private static TreeMap<Long, Double> values(MetricsState state, ObjectNode c, long start, long end, long step) {
    TreeMap<Long, Double> values = new TreeMap<>();
    if (c.has("MetricName")) {
      String statistic = c.has("Statistic") ? c.get("Statistic").asText() : c.path("ExtendedStatistic").asText();
      String unit = c.has("Unit") ? c.get("Unit").asText() : null;
      MetricKey key = MetricKey.of(c.path("Namespace").asText(), c.path("MetricName").asText(), c.get("Dimensions"));
      Periods.aggregate(state.data(key), start, end, (int) (step / 1000), unit).forEach((t, s) -> {
        Double v = s.get(statistic);
        if (v != null) {
          values.put(t, v);
        }
      });
      return values;
    }
    java.util.List<JsonNode> queries = new java.util.ArrayList<>();
    c.path("Metrics").forEach(queries::add);
    var computed = MetricDataOperations.compute(state, queries, start, end);
    for (JsonNode q : queries) {
      if (q.path("ReturnData").asBoolean(true)) {
        return computed.getOrDefault(q.path("Id").asText(), values);
      }
    }
    return values;
  }

  /** Sets an alarm's state (SetAlarmState or an evaluation) and runs the new state's actions. */
  void transition(MetricsState state, Alarm alarm, String value, String reason, String reasonData) {
    transition(state, alarm, value, reason, reasonData, 0);
  }

  private void transition(MetricsState state, Alarm alarm, String value, String reason, String reasonData, int depth) {
    String old = alarm.stateValue();
    String oldReason = alarm.stateReason();
    if (!alarm.state(value, reason, reasonData, engine.now())) {
      return;
    }
    ObjectNode data = Json.object().put("version", "1.0");
    data.putObject("oldState").put("stateValue", old).put("stateReason", oldReason);
    data.putObject("newState").put("stateValue", value).put("stateReason", reason);
    state.history(History.item(alarm.name, engine.now(), "StateUpdate",
        "Alarm updated from " + old + " to " + value, Json.text(data)));
    ObjectNode c = alarm.config();
    String list = switch (value) {
      case "ALARM" -> "AlarmActions";
      case "OK" -> "OKActions";
      default -> "InsufficientDataActions";
    };
    if (c.path("ActionsEnabled").asBoolean(true)) {
      for (JsonNode action : c.path(list)) {
        if (notify(alarm, action.asText(), old, value, reason)) {
          state.history(History.item(alarm.name, engine.now(), "Action",
              "Successfully executed action " + action.asText(), null));
        }
      }
    }
    // Composite alarms that name this one follow its change (CloudWatch forbids cycles; the
    // depth bound keeps a rule naming itself from recursing).
    if (depth < 10) {
      for (Alarm composite : state.alarms.values()) {
        if (composite != alarm && composite.config().has("AlarmRule")
            && AlarmRule.parse(composite.config().get("AlarmRule").asText()).alarms().contains(alarm.name)) {
          evaluateComposite(state, composite, depth + 1);
        }
      }
    }
  }

  /** The alarm notification CloudWatch publishes to an SNS topic (User Guide, alarm actions). */
  private boolean notify(Alarm alarm, String topicArn, String old, String value, String reason) {
    String[] arn = topicArn.split(":");
    if (arn.length < 6 || !arn[2].equals("sns") || !client.has("sns")) {
      return false;
    }
    ObjectNode c = alarm.config();
    ObjectNode message = Json.object();
    message.put("AlarmName", alarm.name);
    message.put("AlarmDescription", c.path("AlarmDescription").asText(null));
    message.put("AWSAccountId", arn[4]);
    message.put("NewStateValue", value);
    message.put("NewStateReason", reason);
    message.put("StateChangeTime", Instant.ofEpochMilli(engine.now()).toString());
    message.put("Region", arn[3]);
    message.put("AlarmArn", alarm.arn);
    message.put("OldStateValue", old);
    ObjectNode trigger = message.putObject("Trigger");
    for (String f : List.of("MetricName", "Namespace", "Statistic", "Period", "EvaluationPeriods", "ComparisonOperator", "Threshold")) {
      if (c.has(f)) {
        trigger.set(f, c.get(f));
      }
    }
    ObjectNode publish = Json.object();
    publish.put("TopicArn", topicArn);
    publish.put("Subject", value + ": \"" + alarm.name + "\" in " + arn[3]);
    publish.put("Message", Json.text(message));
    try {
      client.call("sns", "Publish", arn[4], arn[3], publish);
      return true;
    } catch (RuntimeException e) {
      log.warn("alarm {} could not notify {}: {}", alarm.name, topicArn, e.getMessage());
      return false;
    }
  }

  static boolean breaches(double v, String operator, double threshold) {
    return switch (operator) {
      case "GreaterThanOrEqualToThreshold" -> v >= threshold;
      case "GreaterThanThreshold" -> v > threshold;
      case "LessThanThreshold" -> v < threshold;
      case "LessThanOrEqualToThreshold" -> v <= threshold;
      default -> false;
    };
  }

  private static String describe(String operator) {
    return switch (operator) {
      case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
      case "GreaterThanThreshold" -> "greater than";
      case "LessThanThreshold" -> "less than";
      case "LessThanOrEqualToThreshold" -> "less than or equal to";
      default -> "compared with";
    };
  }
}
