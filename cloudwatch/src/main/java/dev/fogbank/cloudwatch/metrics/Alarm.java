package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.time.Scheduler;
import java.util.Map;
import java.util.TreeMap;

/**
 * A metric alarm: its configuration as PutMetricAlarm sent it, its state, its tags and the timer
 * that evaluates it once a period.
 */
final class Alarm {

  final String name;
  final String arn;
  private ObjectNode config;
  private long configUpdated;
  private String stateValue = "INSUFFICIENT_DATA";
  private String stateReason = "Unchecked: Initial alarm creation";
  private String stateReasonData;
  private long stateUpdated;
  private long stateTransitioned;
  private final Map<String, String> tags = new TreeMap<>();
  private Scheduler.Timer timer;

  Alarm(String name, String arn, long now) {
    this.name = name;
    this.arn = arn;
    this.stateUpdated = now;
    this.stateTransitioned = now;
  }

  synchronized ObjectNode config() {
    return config;
  }

  synchronized void configure(ObjectNode config, long now) {
    this.config = config;
    this.configUpdated = now;
  }

  synchronized String stateValue() {
    return stateValue;
  }

  synchronized String stateReason() {
    return stateReason;
  }

  /** Sets the state; returns whether it changed (a transition, which runs the actions). */
  synchronized boolean state(String value, String reason, String reasonData, long now) {
    boolean changed = !value.equals(stateValue);
    stateValue = value;
    stateReason = reason;
    stateReasonData = reasonData;
    stateUpdated = now;
    if (changed) {
      stateTransitioned = now;
    }
    return changed;
  }

  synchronized Map<String, String> tags() {
    return new TreeMap<>(tags);
  }

  synchronized void tag(Map<String, String> add) {
    tags.putAll(add);
  }

  synchronized void untag(Iterable<String> keys) {
    keys.forEach(tags::remove);
  }

  synchronized void timer(Scheduler.Timer next) {
    if (timer != null) {
      timer.cancel();
    }
    timer = next;
  }

  synchronized void stop() {
    timer(null);
  }

  /** The MetricAlarm shape DescribeAlarms returns. */
  synchronized ObjectNode describe() {
    ObjectNode node = config.deepCopy();
    node.remove("Tags");
    node.put("AlarmArn", arn);
    node.put("AlarmConfigurationUpdatedTimestamp", configUpdated / 1000.0);
    if (!node.has("ActionsEnabled")) {
      node.put("ActionsEnabled", true);
    }
    for (String list : new String[] {"OKActions", "AlarmActions", "InsufficientDataActions"}) {
      if (!node.has(list)) {
        node.putArray(list);
      }
    }
    if (!node.has("Dimensions") && node.has("MetricName")) {
      node.putArray("Dimensions");
    }
    node.put("StateValue", stateValue);
    node.put("StateReason", stateReason);
    if (stateReasonData != null) {
      node.put("StateReasonData", stateReasonData);
    }
    node.put("StateUpdatedTimestamp", stateUpdated / 1000.0);
    node.put("StateTransitionedTimestamp", stateTransitioned / 1000.0);
    return node;
  }
}
