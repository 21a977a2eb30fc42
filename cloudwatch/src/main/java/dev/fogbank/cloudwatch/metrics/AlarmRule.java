package dev.fogbank.cloudwatch.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A composite alarm's rule (PutCompositeAlarm, AlarmRule): {@code ALARM(name)}, {@code OK(name)},
 * {@code INSUFFICIENT_DATA(name)}, {@code TRUE}, {@code FALSE}, combined with {@code AND}, {@code
 * OR}, {@code NOT} and parentheses. A name may be quoted and may be the alarm's ARN.
 */
final class AlarmRule {

  private final String text;
  private final Set<String> alarms = new TreeSet<>();
  private int pos;

  private AlarmRule(String text) {
    this.text = text;
  }

  /** A rule as a test over "the state of alarm X", and the alarms it names. */
  record Compiled(Predicate<Function<String, String>> test, Set<String> alarms) {}

  static Compiled parse(String rule) {
    AlarmRule p = new AlarmRule(rule);
    Predicate<Function<String, String>> test = p.or();
    p.space();
    if (p.pos != rule.length()) {
      throw invalid(rule);
    }
    return new Compiled(test, p.alarms);
  }

  private Predicate<Function<String, String>> or() {
    Predicate<Function<String, String>> left = and();
    while (word("OR")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<Function<String, String>> and() {
    Predicate<Function<String, String>> left = not();
    while (word("AND")) {
      left = left.and(not());
    }
    return left;
  }

  private Predicate<Function<String, String>> not() {
    if (word("NOT")) {
      return not().negate();
    }
    space();
    if (pos < text.length() && text.charAt(pos) == '(') {
      pos++;
      Predicate<Function<String, String>> inner = or();
      space();
      if (pos >= text.length() || text.charAt(pos) != ')') {
        throw invalid(text);
      }
      pos++;
      return inner;
    }
    if (word("TRUE")) {
      return states -> true;
    }
    if (word("FALSE")) {
      return states -> false;
    }
    for (String state : new String[] {"INSUFFICIENT_DATA", "ALARM", "OK"}) {
      if (word(state)) {
        space();
        if (pos >= text.length() || text.charAt(pos) != '(') {
          throw invalid(text);
        }
        int close = text.indexOf(')', pos);
        if (close < 0) {
          throw invalid(text);
        }
        String name = text.substring(pos + 1, close).strip();
        if (name.length() > 1 && (name.startsWith("\"") || name.startsWith("'"))) {
          name = name.substring(1, name.length() - 1);
        }
        if (name.startsWith("arn:")) {
          name = name.substring(name.lastIndexOf(":alarm:") + ":alarm:".length());
        }
        pos = close + 1;
        String alarm = name;
        alarms.add(alarm);
        return states -> state.equals(states.apply(alarm));
      }
    }
    throw invalid(text);
  }

  private boolean word(String w) {
    space();
    int end = pos + w.length();
    if (text.regionMatches(pos, w, 0, w.length())
        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_')) {
      pos = end;
      return true;
    }
    return false;
  }

  private void space() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static dev.fogbank.core.error.AwsException invalid(String rule) {
    return MetricsErrors.validation("Error in AlarmRule [" + rule + "]: the rule is not valid.");
  }
}
