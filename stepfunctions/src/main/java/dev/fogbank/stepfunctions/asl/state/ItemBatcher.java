package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.path.Paths;
import dev.fogbank.stepfunctions.asl.path.Scope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ItemBatcher of a Distributed Map: groups items into batches of at most MaxItemsPerBatch items and
 * MaxInputBytesPerBatch bytes (either, or their Path forms); each child execution gets
 * {@code {"BatchInput": …, "Items": [...]}} (BatchInput only when given).
 */
final class ItemBatcher {

  private ItemBatcher() {}

  static List<JsonNode> batch(JsonNode batcher, List<JsonNode> items, Scope scope) {
    if (batcher == null || !batcher.isObject()) {
      return items;
    }
    int maxItems = number(batcher, "MaxItemsPerBatch", scope, Integer.MAX_VALUE);
    int maxBytes = number(batcher, "MaxInputBytesPerBatch", scope, Integer.MAX_VALUE);
    if (maxItems <= 0 || maxBytes <= 0) {
      throw StatesError.runtime("ItemBatcher: MaxItemsPerBatch and MaxInputBytesPerBatch must be positive");
    }
    JsonNode batchInput = batcher.has("BatchInput") ? Paths.template(batcher.get("BatchInput"), scope) : null;
    List<JsonNode> batches = new ArrayList<>();
    ArrayNode current = null;
    int bytes = 0;
    for (JsonNode item : items) {
      int size = item.toString().getBytes(StandardCharsets.UTF_8).length;
      if (current == null || current.size() >= maxItems || (bytes + size > maxBytes && current.size() > 0)) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        if (batchInput != null) {
          b.set("BatchInput", batchInput);
        }
        current = b.putArray("Items");
        batches.add(b);
        bytes = 0;
      }
      current.add(item);
      bytes += size;
    }
    return batches;
  }

  private static int number(JsonNode batcher, String field, Scope scope, int dflt) {
    JsonNode v = batcher.get(field);
    if (v == null && batcher.has(field + "Path")) {
      v = Paths.read(batcher.get(field + "Path").asText(), scope).orElse(null);
    }
    return v == null || !v.isNumber() ? dflt : v.asInt();
  }
}
