package dev.fogbank.stepfunctions.asl.path;

import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser of the JSONPath dialect {@link JsonPath} evaluates. */
final class Parser {

  private final String text;
  private int pos;

  Parser(String text, int pos) {
    this.text = text;
    this.pos = pos;
  }

  List<JsonPath.Segment> parse() {
    List<JsonPath.Segment> out = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.') {
        if (peek(1) == '.') {
          pos += 2;
          JsonPath.Segment inner = text.charAt(pos) == '[' ? bracket() : dotted();
          out.add(new JsonPath.DeepScan(inner));
        } else {
          pos++;
          out.add(dotted());
        }
      } else if (c == '[') {
        out.add(bracket());
      } else {
        throw error("unexpected '" + c + "'");
      }
    }
    return out;
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < text.length() ? text.charAt(i) : '\0';
  }

  private IllegalArgumentException error(String why) {
    return new IllegalArgumentException("invalid JSONPath " + text + ": " + why + " at " + pos);
  }

  private JsonPath.Segment dotted() {
    if (pos < text.length() && text.charAt(pos) == '*') {
      pos++;
      return new JsonPath.Wildcard();
    }
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != '.' && text.charAt(pos) != '[') {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c) || c == ']' || c == '\'' || c == '"' || c == '(' || c == ')') {
        throw error("unexpected '" + c + "'");
      }
      pos++;
    }
    if (pos == start) {
      throw error("empty name");
    }
    return new JsonPath.Field(text.substring(start, pos));
  }

  private JsonPath.Segment bracket() {
    pos++; // [
    skipSpaces();
    if (pos >= text.length()) {
      throw error("unclosed [");
    }
    char c = text.charAt(pos);
    JsonPath.Segment seg;
    if (c == '*') {
      pos++;
      seg = new JsonPath.Wildcard();
    } else if (c == '?') {
      pos++;
      expect('(');
      int depth = 1;
      int start = pos;
      boolean quoted = false;
      char quote = 0;
      while (pos < text.length() && depth > 0) {
        char d = text.charAt(pos);
        if (quoted) {
          if (d == quote) {
            quoted = false;
          }
        } else if (d == '\'' || d == '"') {
          quoted = true;
          quote = d;
        } else if (d == '(') {
          depth++;
        } else if (d == ')') {
          depth--;
        }
        pos++;
      }
      if (depth != 0) {
        throw error("unclosed filter");
      }
      seg = new JsonPath.Filter(FilterExpression.parse(text.substring(start, pos - 1)));
    } else {
      List<Object> keys = new ArrayList<>();
      Integer[] slice = null;
      int sliceStep = 1;
      while (true) {
        skipSpaces();
        char d = text.charAt(pos);
        if (d == '\'' || d == '"') {
          keys.add(quoted(d));
        } else if (d == ':' || d == '-' || Character.isDigit(d)) {
          Integer first = d == ':' ? null : number();
          skipSpaces();
          if (pos < text.length() && text.charAt(pos) == ':') {
            pos++;
            skipSpaces();
            Integer end = pos < text.length() && text.charAt(pos) != ']' && text.charAt(pos) != ':' ? number() : null;
            if (pos < text.length() && text.charAt(pos) == ':') {
              pos++;
              sliceStep = number();
              if (sliceStep <= 0) {
                throw error("slice step must be positive");
              }
            }
            slice = new Integer[] {first, end};
          } else {
            keys.add(first);
          }
        } else {
          throw error("unexpected '" + d + "'");
        }
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
          continue;
        }
        break;
      }
      if (slice != null) {
        seg = new JsonPath.Slice(slice[0], slice[1], sliceStep);
      } else if (keys.size() == 1) {
        seg = keys.get(0) instanceof Integer i ? new JsonPath.Index(i) : new JsonPath.Field((String) keys.get(0));
      } else {
        seg = new JsonPath.Union(keys);
      }
    }
    skipSpaces();
    expect(']');
    return seg;
  }

  private String quoted(char quote) {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != quote) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      sb.append(c);
    }
    expect(quote);
    return sb.toString();
  }

  private int number() {
    int start = pos;
    if (pos < text.length() && text.charAt(pos) == '-') {
      pos++;
    }
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    try {
      return Integer.parseInt(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("bad number");
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }
}
