package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The JSON form of a filter pattern, between the braces: comparisons of selectors ({@code $.a.b},
 * {@code $.list[0]}) with strings ({@code "x"}, or bare, {@code *} a wildcard) or numbers, joined
 * by {@code &&} and {@code ||} with parentheses; {@code IS NULL}, {@code IS TRUE}, {@code IS
 * FALSE}, {@code NOT EXISTS}. A recursive-descent parser over the expression text.
 */
final class JsonFilter {

  private final String text;
  private int pos;

  private JsonFilter(String text) {
    this.text = text;
  }

  static Predicate<JsonNode> parse(String expression) {
    JsonFilter parser = new JsonFilter(expression);
    Predicate<JsonNode> p = parser.or();
    parser.skipSpace();
    if (parser.pos != parser.text.length()) {
      throw FilterPattern.invalid();
    }
    return p;
  }

  /** The value a selector ({@code $.a.b[0]}) picks from a JSON event, or null. */
  static JsonNode select(String selector, JsonNode event) {
    JsonFilter parser = new JsonFilter(selector);
    String[] path = parser.selector();
    parser.skipSpace();
    if (parser.pos != parser.text.length()) {
      throw FilterPattern.invalid();
    }
    return select(event, path);
  }

  private Predicate<JsonNode> or() {
    Predicate<JsonNode> left = and();
    while (consume("||")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<JsonNode> and() {
    Predicate<JsonNode> left = primary();
    while (consume("&&")) {
      left = left.and(primary());
    }
    return left;
  }

  private Predicate<JsonNode> primary() {
    if (consume("(")) {
      Predicate<JsonNode> inner = or();
      if (!consume(")")) {
        throw FilterPattern.invalid();
      }
      return inner;
    }
    String[] path = selector();
    if (consumeWord("IS")) {
      if (consumeWord("NULL")) {
        return node -> {
          JsonNode v = select(node, path);
          return v != null && v.isNull();
        };
      }
      boolean expected;
      if (consumeWord("TRUE")) {
        expected = true;
      } else if (consumeWord("FALSE")) {
        expected = false;
      } else {
        throw FilterPattern.invalid();
      }
      return node -> {
        JsonNode v = select(node, path);
        return v != null && v.isBoolean() && v.booleanValue() == expected;
      };
    }
    if (consumeWord("NOT")) {
      if (!consumeWord("EXISTS")) {
        throw FilterPattern.invalid();
      }
      return node -> select(node, path) == null;
    }
    String op = operator();
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '"') {
      String value = quoted();
      return string(path, op, value);
    }
    String word = bare();
    try {
      double number = Double.parseDouble(word);
      return node -> {
        JsonNode v = select(node, path);
        if (v == null || !v.isNumber()) {
          return op.equals("!=") && v != null && !v.isNull();
        }
        int c = Double.compare(v.doubleValue(), number);
        return switch (op) {
          case "=" -> c == 0;
          case "!=" -> c != 0;
          case ">" -> c > 0;
          case "<" -> c < 0;
          case ">=" -> c >= 0;
          default -> c <= 0;
        };
      };
    } catch (NumberFormatException e) {
      return string(path, op, word);
    }
  }

  /** String comparisons allow only = and !=; {@code *} matches any run of characters. */
  private static Predicate<JsonNode> string(String[] path, String op, String value) {
    if (!op.equals("=") && !op.equals("!=")) {
      throw FilterPattern.invalid();
    }
    StringBuilder regex = new StringBuilder();
    for (String part : value.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    Pattern match = Pattern.compile(regex.toString(), Pattern.DOTALL);
    boolean equal = op.equals("=");
    return node -> {
      JsonNode v = select(node, path);
      if (v == null || v.isNull() || v.isContainerNode()) {
        return false;
      }
      return match.matcher(v.asText()).matches() == equal;
    };
  }

  private static JsonNode select(JsonNode node, String[] path) {
    JsonNode cur = node;
    for (String step : path) {
      if (cur == null) {
        return null;
      }
      if (step.startsWith("[")) {
        cur = cur.isArray() ? cur.get(Integer.parseInt(step.substring(1, step.length() - 1))) : null;
      } else {
        cur = cur.isObject() ? cur.get(step) : null;
      }
    }
    return cur;
  }

  private String[] selector() {
    skipSpace();
    if (!text.startsWith("$", pos)) {
      throw FilterPattern.invalid();
    }
    pos++;
    java.util.List<String> steps = new java.util.ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.') {
        int start = ++pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_-@:".indexOf(text.charAt(pos)) >= 0)) {
          pos++;
        }
        if (start == pos) {
          throw FilterPattern.invalid();
        }
        steps.add(text.substring(start, pos));
      } else if (c == '[') {
        int end = text.indexOf(']', pos);
        if (end < 0) {
          throw FilterPattern.invalid();
        }
        String index = text.substring(pos + 1, end).strip();
        if (!index.chars().allMatch(Character::isDigit) || index.isEmpty()) {
          throw FilterPattern.invalid();
        }
        steps.add("[" + index + "]");
        pos = end + 1;
      } else {
        break;
      }
    }
    if (steps.isEmpty()) {
      throw FilterPattern.invalid();
    }
    return steps.toArray(String[]::new);
  }

  private String operator() {
    skipSpace();
    for (String op : new String[] {"!=", ">=", "<=", "=", ">", "<"}) {
      if (text.startsWith(op, pos)) {
        pos += op.length();
        return op;
      }
    }
    throw FilterPattern.invalid();
  }

  private String quoted() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != '"') {
      if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
        pos++;
      }
      out.append(text.charAt(pos++));
    }
    if (pos >= text.length()) {
      throw FilterPattern.invalid();
    }
    pos++;
    return out.toString();
  }

  private String bare() {
    int start = pos;
    while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "()&|".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    if (start == pos) {
      throw FilterPattern.invalid();
    }
    return text.substring(start, pos);
  }

  private boolean consume(String token) {
    skipSpace();
    if (text.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private boolean consumeWord(String word) {
    skipSpace();
    int end = pos + word.length();
    if (text.regionMatches(true, pos, word, 0, word.length())
        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
