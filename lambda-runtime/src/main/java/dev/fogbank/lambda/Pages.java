package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Lambda's list paging: {@code MaxItems} per page and an opaque {@code Marker} / {@code
 * NextMarker} (here the index of the next item, encoded).
 */
final class Pages {

  private Pages() {}

  static <T extends JsonNode> void page(List<T> items, ObjectNode input, int defaultMax, ArrayNode into, ObjectNode out) {
    int max = input.path("MaxItems").asInt(defaultMax);
    int start = 0;
    String marker = input.path("Marker").asText(null);
    if (marker != null && !marker.isEmpty()) {
      try {
        start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw LambdaErrors.invalidParameter("Invalid marker: " + marker);
      }
    }
    int end = Math.min(items.size(), start + max);
    for (int i = Math.max(0, start); i < end; i++) {
      into.add(items.get(i));
    }
    if (end < items.size()) {
      out.put("NextMarker", Base64.getUrlEncoder().encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
    }
  }
}
