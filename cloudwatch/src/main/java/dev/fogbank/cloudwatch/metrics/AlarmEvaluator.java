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

  /** Starts evaluating an alarm of a single metric once a period; alarms on metric math are not. */
  void schedule(MetricsState state, Alarm alarm) {
    ObjectNode config = alarm.config();
    if (!config.has("MetricName")) {
      alarm.stop();
      return;
    }
    int period = Math.max(10, config.path("Period").asInt(60));
    alarm.timer(engine.scheduler().schedule(Duration.ofSeconds(period), () -> {
      if (state.alarms.get(alarm.name) == alarm) {
        evaluate(state, alarm);
        schedule(state, alarm);
      }
    }));
  }

  void evaluate(MetricsState state, Alarm alarm) {
    ObjectNode c = alarm.config();
    long now = engine.now();
    long step = c.path("Period").asLong(60) * 1000;
    int periods = c.path("EvaluationPeriods").asInt(1);
    int needed = c.path("DatapointsToAlarm").asInt(periods);
    String statistic = c.has("Statistic") ? c.get("Statistic").asText() : c.path("ExtendedStatistic").asText();
    String unit = c.has("Unit") ? c.get("Unit").asText() : null;
    double threshold = c.path("Threshold").asDouble();
    String operator = c.path("ComparisonOperator").asText();
    String missing = c.path("TreatMissingData").asText("missing");
    MetricKey key = MetricKey.of(c.path("Namespace").asText(), c.path("MetricName").asText(), c.get("Dimensions"));
    long start = now - periods * step;
    TreeMap<Long, Statistics> buckets = Periods.aggregate(state.data(key), start, now, (int) (step / 1000), unit);
    int breaching = 0;
    int present = 0;
    for (int i = 0; i < periods; i++) {
      Statistics s = buckets.get(start + i * step);
      Double v = s == null ? null : s.get(statistic);
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
    transition(alarm, value, reason, null);
  }

  /** Sets an alarm's state (SetAlarmState or an evaluation) and runs the new state's actions. */
  void transition(Alarm alarm, String value, String reason, String reasonData) {
    String old = alarm.stateValue();
    if (!alarm.state(value, reason, reasonData, engine.now())) {
      return;
    }
    ObjectNode c = alarm.config();
    if (!c.path("ActionsEnabled").asBoolean(true)) {
      return;
    }
    String list = switch (value) {
      case "ALARM" -> "AlarmActions";
      case "OK" -> "OKActions";
      default -> "InsufficientDataActions";
    };
    for (JsonNode action : c.path(list)) {
      notify(alarm, action.asText(), old, value, reason);
    }
  }

  /** The alarm notification CloudWatch publishes to an SNS topic (User Guide, alarm actions). */
  private void notify(Alarm alarm, String topicArn, String old, String value, String reason) {
    String[] arn = topicArn.split(":");
    if (arn.length < 6 || !arn[2].equals("sns") || !client.has("sns")) {
      return;
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
    } catch (RuntimeException e) {
      log.warn("alarm {} could not notify {}: {}", alarm.name, topicArn, e.getMessage());
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
