package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * A metric's identity: namespace, name and dimensions. Two data points belong to the same metric
 * only if all three are equal (dimension order does not matter).
 */
record MetricKey(String namespace, String metricName, TreeMap<String, String> dimensions) {

  static MetricKey of(String namespace, String metricName, JsonNode dimensions) {
    TreeMap<String, String> dims = new TreeMap<>();
    if (dimensions != null) {
      for (JsonNode d : dimensions) {
        dims.put(d.path("Name").asText(), d.path("Value").asText());
      }
    }
    return new MetricKey(namespace, metricName, dims);
  }

  ArrayNode dimensionsJson() {
    ArrayNode out = Json.NODES.arrayNode();
    for (Map.Entry<String, String> e : dimensions.entrySet()) {
      out.addObject().put("Name", e.getKey()).put("Value", e.getValue());
    }
    return out;
  }

  ObjectNode json() {
    ObjectNode node = Json.object();
    node.put("Namespace", namespace);
    node.put("MetricName", metricName);
    node.set("Dimensions", dimensionsJson());
    return node;
  }
}
