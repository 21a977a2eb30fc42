package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;

/**
 * A metric filter of a log group: events matching its pattern publish a value to a CloudWatch
 * metric. The value is a number, or a {@code $.selector} into a JSON event.
 */
record MetricFilter(
    String filterName, String filterPattern, Predicate<String> matcher, ArrayNode metricTransformations, long creationTime) {

  ObjectNode describe(String logGroupName) {
    ObjectNode node = dev.fogbank.core.protocol.Json.object();
    node.put("filterName", filterName);
    node.put("filterPattern", filterPattern);
    node.set("metricTransformations", metricTransformations.deepCopy());
    node.put("creationTime", creationTime);
    node.put("logGroupName", logGroupName);
    return node;
  }

  /** The value one transformation takes from a matching event, or null when it has none. */
  static Double value(JsonNode transformation, String message) {
    String metricValue = transformation.path("metricValue").asText();
    if (metricValue.startsWith("$.")) {
      JsonNode event = FilterPattern.parseJson(message);
      JsonNode v = event == null ? null : JsonFilter.select(metricValue, event);
      if (v == null || !(v.isNumber() || v.isTextual())) {
        return null;
      }
      try {
        return Double.parseDouble(v.asText());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return Double.parseDouble(metricValue);
  }
}
