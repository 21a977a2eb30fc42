package dev.fogbank.apigatewayv2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of JSON Schema draft 4 (the models' language) that request validation uses: {@code
 * type}, {@code required}, {@code properties}, {@code additionalProperties: false}, {@code enum},
 * {@code minLength}/{@code maxLength}/{@code pattern}, {@code minimum}/{@code maximum}, {@code
 * items}/{@code minItems}/{@code maxItems}. Keywords outside it are not checked.
 */
final class JsonSchema {

  private JsonSchema() {}

  static boolean valid(JsonNode schema, JsonNode value) {
    if (schema == null || !schema.isObject()) {
      return true;
    }
    JsonNode type = schema.get("type");
    if (type != null) {
      boolean any = false;
      if (type.isArray()) {
        for (JsonNode t : type) {
          any |= hasType(t.asText(), value);
        }
      } else {
        any = hasType(type.asText(), value);
      }
      if (!any) {
        return false;
      }
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null && allowed.isArray()) {
      boolean found = false;
      for (JsonNode a : allowed) {
        found |= a.equals(value);
      }
      if (!found) {
        return false;
      }
    }
    if (value.isTextual()) {
      int length = value.asText().codePointCount(0, value.asText().length());
      if (schema.has("minLength") && length < schema.path("minLength").asInt()) {
        return false;
      }
      if (schema.has("maxLength") && length > schema.path("maxLength").asInt()) {
        return false;
      }
      if (schema.has("pattern") && !Pattern.compile(schema.path("pattern").asText()).matcher(value.asText()).find()) {
        return false;
      }
    }
    if (value.isNumber()) {
      if (schema.has("minimum") && value.asDouble() < schema.path("minimum").asDouble()) {
        return false;
      }
      if (schema.has("maximum") && value.asDouble() > schema.path("maximum").asDouble()) {
        return false;
      }
    }
    if (value.isArray()) {
      if (schema.has("minItems") && value.size() < schema.path("minItems").asInt()) {
        return false;
      }
      if (schema.has("maxItems") && value.size() > schema.path("maxItems").asInt()) {
        return false;
      }
      for (JsonNode item : value) {
        if (!valid(schema.get("items"), item)) {
          return false;
        }
      }
    }
    if (value.isObject()) {
      for (JsonNode name : schema.path("required")) {
        if (!value.has(name.asText())) {
          return false;
        }
      }
      JsonNode properties = schema.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode property = properties.get(field.getKey());
        if (property != null) {
          if (!valid(property, field.getValue())) {
            return false;
          }
        } else if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
          return false;
        } else if (schema.path("additionalProperties").isObject() && !valid(schema.get("additionalProperties"), field.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean hasType(String type, JsonNode value) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> true;
    };
  }
}
