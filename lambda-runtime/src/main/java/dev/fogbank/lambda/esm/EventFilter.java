package dev.fogbank.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event source mapping's FilterCriteria: a record is processed when any filter's pattern
 * matches it ("Control which events Lambda sends to your function", Developer Guide). Patterns use
 * EventBridge's syntax: a field's array of allowed values (strings, numbers, booleans, null), or
 * matchers {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code anything-but},
 * {@code numeric}, {@code exists}, {@code wildcard}; nested objects match nested fields; {@code
 * $or} takes alternatives. A pattern field missing from the record fails the match, except
 * {@code exists: false}; arrays in the record match if any element does.
 */
public final class EventFilter {

  private final List<JsonNode> patterns;

  private EventFilter(List<JsonNode> patterns) {
    this.patterns = patterns;
  }

  /** No FilterCriteria: everything passes. */
  public static final EventFilter NONE = new EventFilter(List.of());

  /**
   * The filter of a FilterCriteria object ({@code {"Filters":[{"Pattern":"…"}]}}).
   *
   * @throws IllegalArgumentException when a pattern is not a JSON object
   */
  public static EventFilter of(JsonNode criteria) {
    if (criteria == null || criteria.isNull() || !criteria.has("Filters")) {
      return NONE;
    }
    List<JsonNode> patterns = new ArrayList<>();
    for (JsonNode f : criteria.path("Filters")) {
      String text = f.path("Pattern").asText(null);
      if (text == null) {
        continue;
      }
      JsonNode pattern;
      try {
        pattern = Json.MAPPER.readTree(text);
      } catch (IOException e) {
        throw new IllegalArgumentException("Invalid filter pattern definition.");
      }
      if (pattern == null || !pattern.isObject()) {
        throw new IllegalArgumentException("Invalid filter pattern definition.");
      }
      patterns.add(pattern);
    }
    return new EventFilter(List.copyOf(patterns));
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** Whether the record passes: no filters, or one whose pattern matches. */
  public boolean matches(JsonNode record) {
    if (patterns.isEmpty()) {
      return true;
    }
    for (JsonNode p : patterns) {
      if (matchObject(p, record)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchObject(JsonNode pattern, JsonNode value) {
    Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().equals("$or")) {
        boolean any = false;
        for (JsonNode alternative : f.getValue()) {
          if (matchObject(alternative, value)) {
            any = true;
            break;
          }
        }
        if (!any) {
          return false;
        }
        continue;
      }
      JsonNode field = value == null ? null : value.get(f.getKey());
      if (!matchField(f.getValue(), field)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchField(JsonNode rule, JsonNode field) {
    if (rule.isObject()) {
      return field != null && !field.isNull() && matchObject(rule, field);
    }
    if (!rule.isArray()) {
      return false;
    }
    for (JsonNode allowed : rule) {
      if (allowed.isObject() && allowed.has("exists")) {
        boolean present = field != null && !field.isMissingNode();
        if (present == allowed.get("exists").asBoolean()) {
          return true;
        }
        continue;
      }
      if (field == null || field.isMissingNode()) {
        continue;
      }
      if (field.isArray()) {
        for (JsonNode element : field) {
          if (matchValue(allowed, element)) {
            return true;
          }
        }
      } else if (matchValue(allowed, field)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchValue(JsonNode allowed, JsonNode v) {
    if (allowed.isNull()) {
      return v.isNull();
    }
    if (allowed.isNumber()) {
      return v.isNumber() && allowed.decimalValue().compareTo(v.decimalValue()) == 0;
    }
    if (allowed.isTextual() || allowed.isBoolean()) {
      return v.getNodeType() == allowed.getNodeType() && v.asText().equals(allowed.asText());
    }
    if (!allowed.isObject()) {
      return false;
    }
    Map.Entry<String, JsonNode> op = allowed.fields().next();
    JsonNode arg = op.getValue();
    return switch (op.getKey()) {
      case "prefix" -> v.isTextual() && textRule(arg, v.asText(), true);
      case "suffix" -> v.isTextual() && textRule(arg, v.asText(), false);
      case "equals-ignore-case" -> v.isTextual() && v.asText().equalsIgnoreCase(arg.asText());
      case "wildcard" -> v.isTextual() && wildcard(arg.asText(), v.asText());
      case "numeric" -> v.isNumber() && numeric(arg, v.asDouble());
      case "anything-but" -> !anythingBut(arg, v);
      default -> false;
    };
  }

  private static boolean textRule(JsonNode arg, String text, boolean prefix) {
    if (arg.isObject() && arg.has("equals-ignore-case")) {
      String s = arg.get("equals-ignore-case").asText().toLowerCase(Locale.ROOT);
      String t = text.toLowerCase(Locale.ROOT);
      return prefix ? t.startsWith(s) : t.endsWith(s);
    }
    return prefix ? text.startsWith(arg.asText()) : text.endsWith(arg.asText());
  }

  /** Whether the value is one {@code anything-but} excludes. */
  private static boolean anythingBut(JsonNode arg, JsonNode v) {
    if (arg.isArray()) {
      for (JsonNode a : arg) {
        if (matchValue(a, v)) {
          return true;
        }
      }
      return false;
    }
    if (arg.isObject()) {
      return matchValue(arg, v);
    }
    return matchValue(arg, v);
  }

  private static boolean wildcard(String pattern, String text) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(java.util.regex.Pattern.quote(part));
    }
    return text.matches(regex.toString());
  }

  private static boolean numeric(JsonNode arg, double value) {
    for (int i = 0; i + 1 < arg.size(); i += 2) {
      String op = arg.get(i).asText();
      double bound = arg.get(i + 1).asDouble();
      boolean ok =
          switch (op) {
            case "<" -> value < bound;
            case "<=" -> value <= bound;
            case ">" -> value > bound;
            case ">=" -> value >= bound;
            case "=" -> value == bound;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
