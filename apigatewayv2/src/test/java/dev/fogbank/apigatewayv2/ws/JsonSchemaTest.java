package dev.fogbank.apigatewayv2.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import org.junit.jupiter.api.Test;

/** The JSON Schema draft 4 keywords request validation checks. */
class JsonSchemaTest {

  private static final JsonNode SCHEMA =
      Json.parse(
          """
          {"type": "object", "required": ["action", "qty"], "additionalProperties": false,
           "properties": {
             "action": {"type": "string", "enum": ["buy", "sell"]},
             "qty": {"type": "integer", "minimum": 1, "maximum": 10},
             "note": {"type": "string", "maxLength": 5, "pattern": "^[a-z]*$"},
             "tags": {"type": "array", "maxItems": 2, "items": {"type": "string"}}}}
          """);

  private static boolean valid(String json) {
    return JsonSchema.valid(SCHEMA, Json.parse(json));
  }

  @Test
  void acceptsWhatTheSchemaAllows() {
    assertTrue(valid("{\"action\":\"buy\",\"qty\":3}"));
    assertTrue(valid("{\"action\":\"sell\",\"qty\":10,\"note\":\"ok\",\"tags\":[\"a\",\"b\"]}"));
  }

  @Test
  void refusesEachViolation() {
    assertFalse(valid("{\"action\":\"buy\"}"), "required");
    assertFalse(valid("{\"action\":\"hold\",\"qty\":1}"), "enum");
    assertFalse(valid("{\"action\":\"buy\",\"qty\":1.5}"), "integer");
    assertFalse(valid("{\"action\":\"buy\",\"qty\":11}"), "maximum");
    assertFalse(valid("{\"action\":\"buy\",\"qty\":1,\"note\":\"toolong\"}"), "maxLength");
    assertFalse(valid("{\"action\":\"buy\",\"qty\":1,\"note\":\"A\"}"), "pattern");
    assertFalse(valid("{\"action\":\"buy\",\"qty\":1,\"tags\":[1]}"), "items");
    assertFalse(valid("{\"action\":\"buy\",\"qty\":1,\"extra\":true}"), "additionalProperties");
    assertFalse(valid("[]"), "type");
  }
}
