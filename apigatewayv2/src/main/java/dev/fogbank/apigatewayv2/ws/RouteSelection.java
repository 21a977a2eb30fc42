package dev.fogbank.apigatewayv2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Evaluates a WebSocket API's RouteSelectionExpression against a message: {@code
 * $request.body.<path>} reads a member of a JSON message (nested with dots); a message that is
 * not JSON, or lacks the member, selects no route (then {@code $default} applies). A static
 * expression selects its own text.
 */
final class RouteSelection {

  private RouteSelection() {}

  static String select(String expression, String body) {
    if (!expression.startsWith("$request.body.")) {
      return expression.startsWith("$") ? null : expression;
    }
    JsonNode node;
    try {
      node = Json.parse(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    for (String part : expression.substring("$request.body.".length()).split("\\.")) {
      node = node.path(part);
    }
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
