package dev.fogbank.stepfunctions.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.path.Paths;
import dev.fogbank.stepfunctions.asl.path.Scope;
import dev.fogbank.stepfunctions.asl.state.WaitState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSONPath Choice rule: a Variable with one comparison operator ({@code StringEquals},
 * {@code NumericLessThanPath}, {@code IsPresent}, {@code StringMatches}, …), or And/Or/Not of
 * nested rules (https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html).
 */
public abstract class ChoiceRule {

  public static final Set<String> OPERATORS = Set.of(
      "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals",
      "StringMatches", "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
      "NumericGreaterThanEquals", "BooleanEquals", "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan",
      "TimestampLessThanEquals", "TimestampGreaterThanEquals", "IsNull", "IsPresent", "IsNumeric", "IsString",
      "IsBoolean", "IsTimestamp", "StringEqualsPath", "StringLessThanPath", "StringGreaterThanPath",
      "StringLessThanEqualsPath", "StringGreaterThanEqualsPath", "NumericEqualsPath", "NumericLessThanPath",
      "NumericGreaterThanPath", "NumericLessThanEqualsPath", "NumericGreaterThanEqualsPath", "BooleanEqualsPath",
      "TimestampEqualsPath", "TimestampLessThanPath", "TimestampGreaterThanPath", "TimestampLessThanEqualsPath",
      "TimestampGreaterThanEqualsPath");

  public abstract boolean test(Scope scope);

  /** Parses a rule; throws IllegalArgumentException with the offending field when malformed. */
  public static ChoiceRule parse(JsonNode json) {
    if (json.has("And") || json.has("Or")) {
      boolean and = json.has("And");
      List<ChoiceRule> rules = new ArrayList<>();
      json.get(and ? "And" : "Or").forEach(r -> rules.add(parse(r)));
      return new ChoiceRule() {
        @Override
        public boolean test(Scope s) {
          for (ChoiceRule r : rules) {
            if (r.test(s) != and) {
              return !and;
            }
          }
          return and;
        }
      };
    }
    if (json.has("Not")) {
      ChoiceRule inner = parse(json.get("Not"));
      return new ChoiceRule() {
        @Override
        public boolean test(Scope s) {
          return !inner.test(s);
        }
      };
    }
    JsonNode variable = json.get("Variable");
    if (variable == null || !variable.isTextual() || !Paths.isValidPath(variable.asText())) {
      throw new IllegalArgumentException("Variable");
    }
    String op = null;
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (OPERATORS.contains(f)) {
        op = f;
      }
    }
    if (op == null) {
      throw new IllegalArgumentException("operator");
    }
    return new Comparison(variable.asText(), op, json.get(op));
  }

  /** One Variable compared with a value or, for the …Path operators, with another path. */
  static final class Comparison extends ChoiceRule {
    private final String variable;
    private final String op;
    private final JsonNode operand;

    Comparison(String variable, String op, JsonNode operand) {
      this.variable = variable;
      this.op = op;
      this.operand = operand;
      if (op.endsWith("Path") && (!operand.isTextual() || !Paths.isValidPath(operand.asText()))) {
        throw new IllegalArgumentException(op);
      }
      if (op.equals("StringMatches") && !operand.isTextual()) {
        throw new IllegalArgumentException(op);
      }
    }

    @Override
    public boolean test(Scope s) {
      Optional<JsonNode> found = Paths.read(variable, s);
      switch (op) {
        case "IsPresent":
          return found.isPresent() == operand.asBoolean();
        case "IsNull":
          return found.isPresent() && found.get().isNull() == operand.asBoolean();
        case "IsNumeric":
          return found.isPresent() && found.get().isNumber() == operand.asBoolean();
        case "IsString":
          return found.isPresent() && found.get().isTextual() == operand.asBoolean();
        case "IsBoolean":
          return found.isPresent() && found.get().isBoolean() == operand.asBoolean();
        case "IsTimestamp":
          return found.isPresent() && isTimestamp(found.get()) == operand.asBoolean();
        default:
          break;
      }
      // "Invalid path '$.x': The choice state's condition path references an invalid value."
      JsonNode value = found.orElseThrow(() -> StatesError.runtime(
          "Invalid path '" + variable + "': The choice state's condition path references an invalid value."));
      String base = op.endsWith("Path") ? op.substring(0, op.length() - 4) : op;
      JsonNode other = operand;
      if (op.endsWith("Path")) {
        other = Paths.read(operand.asText(), s).orElseThrow(() -> StatesError.runtime(
            "Invalid path '" + operand.asText() + "': The choice state's condition path references an invalid value."));
      }
      if (base.startsWith("String")) {
        if (!value.isTextual() || !other.isTextual()) {
          return false;
        }
        if (base.equals("StringMatches")) {
          return matches(value.asText(), other.asText());
        }
        return compare(base.substring(6), value.asText().compareTo(other.asText()));
      }
      if (base.startsWith("Numeric")) {
        if (!value.isNumber() || !other.isNumber()) {
          return false;
        }
        return compare(base.substring(7), value.decimalValue().compareTo(other.decimalValue()));
      }
      if (base.equals("BooleanEquals")) {
        return value.isBoolean() && other.isBoolean() && value.asBoolean() == other.asBoolean();
      }
      if (base.startsWith("Timestamp")) {
        if (!isTimestamp(value) || !isTimestamp(other)) {
          return false;
        }
        Instant a = WaitState.parseTimestamp(value.asText());
        Instant b = WaitState.parseTimestamp(other.asText());
        return compare(base.substring(9), a.compareTo(b));
      }
      return false;
    }

    private static boolean compare(String relation, int c) {
      return switch (relation) {
        case "Equals" -> c == 0;
        case "LessThan" -> c < 0;
        case "GreaterThan" -> c > 0;
        case "LessThanEquals" -> c <= 0;
        default -> c >= 0;
      };
    }

    private static boolean isTimestamp(JsonNode v) {
      if (!v.isTextual()) {
        return false;
      }
      try {
        WaitState.parseTimestamp(v.asText());
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }

    /** StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
    static boolean matches(String s, String pattern) {
      StringBuilder regex = new StringBuilder();
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c == '\\' && i + 1 < pattern.length()) {
          regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
        } else if (c == '*') {
          regex.append(".*");
        } else {
          regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
        }
      }
      return s.matches("(?s)" + regex);
    }
  }
}
