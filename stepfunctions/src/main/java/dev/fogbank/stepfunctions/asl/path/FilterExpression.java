package dev.fogbank.stepfunctions.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSONPath filter {@code ?( … )}: comparisons of {@code @}-relative paths with literals
 * ({@code ==, !=, <, <=, >, >=}), existence ({@code @.x}), joined with {@code &&} and {@code ||}.
 */
abstract class FilterExpression {

  private static final Pattern COMPARISON =
      Pattern.compile("\\s*(@[^=!<>\\s]*)\\s*(==|!=|<=|>=|<|>)\\s*(.+?)\\s*");

  abstract boolean test(JsonNode node);

  static FilterExpression parse(String text) {
    int or = topLevel(text, "||");
    if (or >= 0) {
      FilterExpression l = parse(text.substring(0, or));
      FilterExpression r = parse(text.substring(or + 2));
      return new FilterExpression() {
        @Override
        boolean test(JsonNode n) {
          return l.test(n) || r.test(n);
        }
      };
    }
    int and = topLevel(text, "&&");
    if (and >= 0) {
      FilterExpression l = parse(text.substring(0, and));
      FilterExpression r = parse(text.substring(and + 2));
      return new FilterExpression() {
        @Override
        boolean test(JsonNode n) {
          return l.test(n) && r.test(n);
        }
      };
    }
    String t = text.strip();
    if (t.startsWith("(") && t.endsWith(")")) {
      return parse(t.substring(1, t.length() - 1));
    }
    Matcher m = COMPARISON.matcher(t);
    if (m.matches()) {
      JsonPath path = relative(m.group(1));
      String op = m.group(2);
      JsonNode literal = literal(m.group(3));
      return new FilterExpression() {
        @Override
        boolean test(JsonNode n) {
          Optional<JsonNode> v = path.read(n);
          return v.isPresent() && compare(v.get(), op, literal);
        }
      };
    }
    if (t.startsWith("@")) {
      JsonPath path = relative(t);
      return new FilterExpression() {
        @Override
        boolean test(JsonNode n) {
          return path.read(n).isPresent();
        }
      };
    }
    throw new IllegalArgumentException("unsupported filter: " + text);
  }

  private static JsonPath relative(String at) {
    return JsonPath.compile("$" + at.substring(1));
  }

  private static int topLevel(String text, String op) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && text.startsWith(op, i)) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode literal(String text) {
    String t = text.strip();
    if (t.startsWith("'") && t.endsWith("'") && t.length() >= 2) {
      return Json.MAPPER.getNodeFactory().textNode(t.substring(1, t.length() - 1));
    }
    try {
      return Json.MAPPER.readTree(t);
    } catch (Exception e) {
      throw new IllegalArgumentException("bad literal " + text);
    }
  }

  private static boolean compare(JsonNode v, String op, JsonNode lit) {
    int c;
    if (v.isNumber() && lit.isNumber()) {
      c = v.decimalValue().compareTo(lit.decimalValue());
    } else if (v.isTextual() && lit.isTextual()) {
      c = v.asText().compareTo(lit.asText());
    } else {
      boolean eq = v.equals(lit);
      return switch (op) {
        case "==" -> eq;
        case "!=" -> !eq;
        default -> false;
      };
    }
    return switch (op) {
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }
}
