package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * JSON Schema draft 4, the dialect of API Gateway models, for request body validation: type,
 * enum, required, properties, additionalProperties, items, the string, number and array bounds,
 * pattern, allOf/anyOf/oneOf/not, and local {@code $ref}s ({@code #/definitions/x}). Answers
 * whether the document is valid.
 */
final class SchemaCheck {

  private final JsonNode root;

  SchemaCheck(JsonNode root) {
    this.root = root;
  }

  boolean valid(JsonNode doc) {
    return valid(root, doc, 0);
  }

  private boolean valid(JsonNode schema, JsonNode doc, int depth) {
    if (schema == null || !schema.isObject() || depth > 64) {
      return true;
    }
    if (schema.has("$ref")) {
      String ref = schema.path("$ref").asText();
      return !ref.startsWith("#") || valid(root.at(ref.substring(1)), doc, depth + 1);
    }
    JsonNode type = schema.get("type");
    if (type != null) {
      boolean any = false;
      if (type.isArray()) {
        for (JsonNode t : type) {
          any |= hasType(t.asText(), doc);
        }
      } else {
        any = hasType(type.asText(), doc);
      }
      if (!any) {
        return false;
      }
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(doc);
      }
      if (!found) {
        return false;
      }
    }
    if (doc.isObject() && !object(schema, doc, depth)) {
      return false;
    }
    if (doc.isArray()) {
      if (schema.has("minItems") && doc.size() < schema.path("minItems").asInt()) {
        return false;
      }
      if (schema.has("maxItems") && doc.size() > schema.path("maxItems").asInt()) {
        return false;
      }
      JsonNode items = schema.get("items");
      if (items != null && items.isObject()) {
        for (JsonNode item : doc) {
          if (!valid(items, item, depth + 1)) {
            return false;
          }
        }
      }
    }
    if (doc.isTextual()) {
      int len = doc.asText().codePointCount(0, doc.asText().length());
      if (schema.has("minLength") && len < schema.path("minLength").asInt()) {
        return false;
      }
      if (schema.has("maxLength") && len > schema.path("maxLength").asInt()) {
        return false;
      }
      if (schema.has("pattern")) {
        try {
          if (!Pattern.compile(schema.path("pattern").asText()).matcher(doc.asText()).find()) {
            return false;
          }
        } catch (PatternSyntaxException e) {
          return true;
        }
      }
    }
    if (doc.isNumber()) {
      double v = doc.asDouble();
      if (schema.has("minimum")) {
        double min = schema.path("minimum").asDouble();
        if (schema.path("exclusiveMinimum").asBoolean() ? v <= min : v < min) {
          return false;
        }
      }
      if (schema.has("maximum")) {
        double max = schema.path("maximum").asDouble();
        if (schema.path("exclusiveMaximum").asBoolean() ? v >= max : v > max) {
          return false;
        }
      }
    }
    for (JsonNode s : schema.path("allOf")) {
      if (!valid(s, doc, depth + 1)) {
        return false;
      }
    }
    if (schema.has("anyOf")) {
      boolean any = false;
      for (JsonNode s : schema.get("anyOf")) {
        any |= valid(s, doc, depth + 1);
      }
      if (!any) {
        return false;
      }
    }
    if (schema.has("oneOf")) {
      int n = 0;
      for (JsonNode s : schema.get("oneOf")) {
        n += valid(s, doc, depth + 1) ? 1 : 0;
      }
      if (n != 1) {
        return false;
      }
    }
    return !schema.has("not") || !valid(schema.get("not"), doc, depth + 1);
  }

  private boolean object(JsonNode schema, JsonNode doc, int depth) {
    for (JsonNode r : schema.path("required")) {
      if (!doc.has(r.asText())) {
        return false;
      }
    }
    JsonNode props = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode p = props.get(f.getKey());
      if (p != null) {
        if (!valid(p, f.getValue(), depth + 1)) {
          return false;
        }
      } else if (additional != null) {
        if (additional.isBoolean() && !additional.asBoolean()) {
          return false;
        }
        if (additional.isObject() && !valid(additional, f.getValue(), depth + 1)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean hasType(String type, JsonNode doc) {
    return switch (type) {
      case "object" -> doc.isObject();
      case "array" -> doc.isArray();
      case "string" -> doc.isTextual();
      case "integer" -> doc.isIntegralNumber() || (doc.isNumber() && doc.asDouble() == Math.rint(doc.asDouble()));
      case "number" -> doc.isNumber();
      case "boolean" -> doc.isBoolean();
      case "null" -> doc.isNull();
      default -> true;
    };
  }
}
