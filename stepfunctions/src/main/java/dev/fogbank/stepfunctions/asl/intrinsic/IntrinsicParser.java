package dev.fogbank.stepfunctions.asl.intrinsic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fogbank.stepfunctions.asl.path.JsonPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses intrinsic function calls: {@code States.Name(arg, …)} where an argument is a string
 * literal in single quotes (escapes {@code \' \{ \} \\}), a number, {@code true}, {@code false},
 * {@code null}, a path ({@code $.x}, {@code $$.x}, {@code $var.x}) or a nested call.
 */
public final class IntrinsicParser {

  private final String text;
  private int pos;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  /** Whether a {@code .$} value is meant as an intrinsic call rather than a path. */
  public static boolean looksLikeCall(String value) {
    return value.startsWith("States.");
  }

  public static Intrinsic.Call parse(String text) {
    IntrinsicParser p = new IntrinsicParser(text.strip());
    Intrinsic.Call call = p.call();
    p.spaces();
    if (p.pos != p.text.length()) {
      throw p.error("trailing characters");
    }
    return call;
  }

  private IllegalArgumentException error(String why) {
    return new IllegalArgumentException("invalid intrinsic function " + text + ": " + why);
  }

  private Intrinsic.Call call() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    String name = text.substring(start, pos);
    if (!IntrinsicFunctions.exists(name)) {
      throw error("unknown function " + name);
    }
    expect('(');
    List<Intrinsic> args = new ArrayList<>();
    spaces();
    if (peek() == ')') {
      pos++;
      return new Intrinsic.Call(name, args);
    }
    while (true) {
      spaces();
      args.add(argument());
      spaces();
      char c = peek();
      pos++;
      if (c == ')') {
        return new Intrinsic.Call(name, args);
      }
      if (c != ',') {
        throw error("expected , or )");
      }
    }
  }

  private Intrinsic argument() {
    char c = peek();
    if (c == '\'') {
      return new Intrinsic.Literal(JsonNodeFactory.instance.textNode(string()));
    }
    if (c == '$') {
      int start = pos;
      int depth = 0;
      boolean quoted = false;
      while (pos < text.length()) {
        char d = text.charAt(pos);
        if (quoted) {
          if (d == '\'') {
            quoted = false;
          }
        } else if (d == '\'') {
          quoted = true;
        } else if (d == '[' || d == '(') {
          depth++;
        } else if (d == ']' || d == ')') {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (d == ',' && depth == 0) {
          break;
        } else if (d == ' ' && depth == 0) {
          break;
        }
        pos++;
      }
      String path = text.substring(start, pos);
      validatePath(path);
      return new Intrinsic.Path(path);
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = pos;
      pos++;
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || ".eE+-".indexOf(text.charAt(pos)) >= 0)) {
        pos++;
      }
      String num = text.substring(start, pos);
      try {
        BigDecimal d = new BigDecimal(num);
        if (num.contains(".") || num.contains("e") || num.contains("E")) {
          return new Intrinsic.Literal(JsonNodeFactory.instance.numberNode(d.doubleValue()));
        }
        long l = d.longValueExact();
        return new Intrinsic.Literal(l == (int) l ? JsonNodeFactory.instance.numberNode((int) l) : JsonNodeFactory.instance.numberNode(l));
      } catch (ArithmeticException | NumberFormatException e) {
        throw error("bad number " + num);
      }
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (text.startsWith(word, pos)) {
        pos += word.length();
        return new Intrinsic.Literal(
            word.equals("null")
                ? JsonNodeFactory.instance.nullNode()
                : JsonNodeFactory.instance.booleanNode(word.equals("true")));
      }
    }
    if (text.startsWith("States.", pos)) {
      return call();
    }
    throw error("unexpected argument at " + pos);
  }

  private static void validatePath(String path) {
    if (path.startsWith("$$")) {
      JsonPath.compile(path.substring(1));
    } else if (path.length() > 1 && path.charAt(1) != '.' && path.charAt(1) != '[') {
      int end = 1;
      while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
        end++;
      }
      JsonPath.compile("$" + path.substring(end));
    } else {
      JsonPath.compile(path);
    }
  }

  private String string() {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        char n = text.charAt(pos++);
        // \{ and \} stay escaped so that States.Format can tell them from placeholders
        if (n == '{' || n == '}') {
          sb.append('\\');
        }
        sb.append(n);
      } else if (c == '\'') {
        return sb.toString();
      } else {
        sb.append(c);
      }
    }
    throw error("unterminated string");
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(pos);
  }

  private void spaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected " + c);
    }
    pos++;
  }
}
