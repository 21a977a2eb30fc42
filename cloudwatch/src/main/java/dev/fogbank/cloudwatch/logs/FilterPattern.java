package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * CloudWatch Logs filter pattern syntax (User Guide, "Filter pattern syntax for metric filters,
 * subscription filters, filter log events, and Live Tail"):
 *
 * <ul>
 *   <li>empty: every event;
 *   <li>terms, all of which must occur ({@code ERROR Exception}); a term in double quotes may hold
 *       spaces and punctuation ({@code "Connection refused"}); {@code -term} must not occur;
 *   <li>{@code ?term ?term}: any of the terms;
 *   <li>{@code %regex%}: a regular expression found in the message;
 *   <li>{@code { $.field = value }}: JSON events, see {@link JsonFilter}.
 * </ul>
 *
 * Terms match case-sensitively, as substrings of the message.
 */
final class FilterPattern {

  private FilterPattern() {}

  static Predicate<String> compile(String pattern) {
    String p = pattern == null ? "" : pattern.strip();
    if (p.isEmpty() || p.equals("\"\"")) {
      return message -> true;
    }
    if (p.startsWith("{")) {
      if (!p.endsWith("}")) {
        throw invalid();
      }
      Predicate<JsonNode> filter = JsonFilter.parse(p.substring(1, p.length() - 1));
      return message -> {
        JsonNode node = parseJson(message);
        return node != null && filter.test(node);
      };
    }
    if (p.length() > 1 && p.startsWith("%") && p.endsWith("%")) {
      try {
        Pattern regex = Pattern.compile(p.substring(1, p.length() - 1));
        return message -> regex.matcher(message).find();
      } catch (PatternSyntaxException e) {
        throw invalid();
      }
    }
    return terms(p);
  }

  private static Predicate<String> terms(String p) {
    List<String> all = new ArrayList<>();
    List<String> any = new ArrayList<>();
    List<String> none = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      List<String> into = all;
      if (c == '?') {
        into = any;
        i++;
      } else if (c == '-') {
        into = none;
        i++;
      }
      if (i >= p.length()) {
        throw invalid();
      }
      StringBuilder term = new StringBuilder();
      if (p.charAt(i) == '"') {
        i++;
        while (i < p.length() && p.charAt(i) != '"') {
          if (p.charAt(i) == '\\' && i + 1 < p.length()) {
            i++;
          }
          term.append(p.charAt(i++));
        }
        if (i >= p.length()) {
          throw invalid();
        }
        i++;
      } else {
        while (i < p.length() && !Character.isWhitespace(p.charAt(i))) {
          term.append(p.charAt(i++));
        }
      }
      into.add(term.toString());
    }
    return message -> {
      for (String t : all) {
        if (!message.contains(t)) {
          return false;
        }
      }
      for (String t : none) {
        if (message.contains(t)) {
          return false;
        }
      }
      if (any.isEmpty()) {
        return true;
      }
      for (String t : any) {
        if (message.contains(t)) {
          return true;
        }
      }
      return false;
    };
  }

  static JsonNode parseJson(String message) {
    String m = message.strip();
    if (!m.startsWith("{") && !m.startsWith("[")) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(m);
    } catch (Exception e) {
      return null;
    }
  }

  static dev.fogbank.core.error.AwsException invalid() {
    return LogsErrors.invalidParameter("Invalid filter pattern");
  }
}
