package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.core.protocol.Json;
import java.util.List;

/**
 * API Gateway's paging: {@code limit} (default 25, at most 500) and an opaque {@code position}
 * token; a page answers {@code {"item": [...], "position": "…"}} when more follow.
 */
final class Paging {

  private Paging() {}

  static ObjectNode page(List<? extends JsonNode> all, ObjectNode input) {
    int limit = input.path("limit").asInt(25);
    if (limit < 1 || limit > 500) {
      throw ApiGatewayErrors.badRequest("1 validation error detected: Value '" + limit
          + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500");
    }
    int start = 0;
    if (input.hasNonNull("position")) {
      try {
        start = Integer.parseInt(input.path("position").asText());
      } catch (NumberFormatException e) {
        throw ApiGatewayErrors.badRequest("Invalid position parameter");
      }
    }
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    int end = Math.min(all.size(), start + limit);
    for (int i = Math.max(0, start); i < end; i++) {
      items.add(all.get(i));
    }
    if (end < all.size()) {
      out.put("position", Integer.toString(end));
    }
    return out;
  }
}
