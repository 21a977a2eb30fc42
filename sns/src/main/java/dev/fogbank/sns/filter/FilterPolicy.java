package dev.fogbank.sns.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sns.SnsErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subscription's filter policy, validated as SNS validates it and compiled into alternatives:
 * each alternative ({@code $or} multiplies them) maps a key path to the match expressions of which
 * one must hold, and a message passes when every key of some alternative matches.
 *
 * <p>Limits (SNS developer guide, "Amazon SNS subscription filter policy constraints"): at most
 * five keys (for nested policies only parent keys count), at most 150 combinations (the product
 * of each array's size times its key's depth; {@code $or} branches add up), 256 KB.
 */
public final class FilterPolicy {

  public enum Scope {
    MessageAttributes,
    MessageBody
  }

  /** A key path and the match expressions listed for it. */
  record Rule(List<String> path, List<Condition> conditions) {}

  private static final int MAX_KEYS = 5;
  private static final int MAX_COMBINATIONS = 150;
  private static final int MAX_BYTES = 256 * 1024;

  private final Scope scope;
  private final List<List<Rule>> alternatives;

  private FilterPolicy(Scope scope, List<List<Rule>> alternatives) {
    this.scope = scope;
    this.alternatives = alternatives;
  }

  public Scope scope() {
    return scope;
  }

  /**
   * Parses and validates {@code json}; null for an empty policy ({@code ""} or {@code {}}), which
   * lets every message through.
   *
   * @param errorPrefix {@code "Invalid parameter: Attributes Reason: "} from Subscribe, {@code
   *     "Invalid parameter: "} from SetSubscriptionAttributes, as SNS words them
   */
  public static FilterPolicy parse(String json, Scope scope, String errorPrefix) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw SnsErrors.invalidParameter(errorPrefix + "FilterPolicy: failed to parse JSON.");
    }
    if (root == null || !root.isObject()) {
      throw SnsErrors.invalidParameter(errorPrefix + "FilterPolicy: failed to parse JSON.");
    }
    if (root.isEmpty()) {
      return null;
    }
    new Validator(scope, errorPrefix + "FilterPolicy: ", errorPrefix).validate((ObjectNode) root, json);
    List<List<Rule>> alternatives = new ArrayList<>();
    alternatives.add(new ArrayList<>());
    alternatives = compile((ObjectNode) root, List.of(), alternatives);
    return new FilterPolicy(scope, alternatives);
  }

  private static List<List<Rule>> compile(ObjectNode node, List<String> parent, List<List<Rule>> branches) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (e.getKey().equals("$or") && value.isArray()) {
        List<List<Rule>> next = new ArrayList<>();
        for (JsonNode option : value) {
          next.addAll(compile((ObjectNode) option, parent, copy(branches)));
        }
        branches = next;
        continue;
      }
      List<String> path = new ArrayList<>(parent);
      path.add(e.getKey());
      if (value.isObject()) {
        branches = compile((ObjectNode) value, path, branches);
      } else {
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode rule : value) {
          conditions.add(condition(rule));
        }
        for (List<Rule> branch : branches) {
          branch.add(new Rule(List.copyOf(path), List.copyOf(conditions)));
        }
      }
    }
    return branches;
  }

  private static List<List<Rule>> copy(List<List<Rule>> branches) {
    List<List<Rule>> out = new ArrayList<>();
    for (List<Rule> b : branches) {
      out.add(new ArrayList<>(b));
    }
    return out;
  }

  /** Compiles one validated match expression. */
  private static Condition condition(JsonNode rule) {
    if (!rule.isObject()) {
      return new Condition.Exact(rule);
    }
    Map.Entry<String, JsonNode> op = rule.fields().next();
    JsonNode v = op.getValue();
    return switch (op.getKey()) {
      case "prefix" -> new Condition.Prefix(v.asText());
      case "suffix" -> new Condition.Suffix(v.asText());
      case "equals-ignore-case" -> new Condition.EqualsIgnoreCase(v.asText());
      case "exists" -> new Condition.Exists(v.asBoolean());
      case "cidr" -> cidr(v.asText());
      case "numeric" -> {
        List<String> operators = new ArrayList<>();
        List<Double> operands = new ArrayList<>();
        for (int i = 0; i + 1 < v.size(); i += 2) {
          operators.add(v.get(i).asText());
          operands.add(v.get(i + 1).asDouble());
        }
        yield new Condition.Numeric(operators, operands);
      }
      case "anything-but" -> {
        List<Condition> excluded = new ArrayList<>();
        if (v.isArray()) {
          v.forEach(x -> excluded.add(new Condition.Exact(x)));
        } else if (v.isObject()) {
          excluded.add(condition(v));
        } else {
          excluded.add(new Condition.Exact(v));
        }
        yield new Condition.AnythingBut(excluded);
      }
      default -> throw new IllegalStateException("validated policy has " + op.getKey());
    };
  }

  private static Condition cidr(String text) {
    String[] parts = text.split("/");
    return new Condition.Cidr(Condition.ipLiteral(parts[0]), Integer.parseInt(parts[1]));
  }

  // ------------------------------------------------------------------ matching

  /** Whether a message with these attributes passes (scope MessageAttributes). */
  public boolean matchesAttributes(Map<String, AttributeValue> attributes) {
    for (List<Rule> alternative : alternatives) {
      boolean all = true;
      for (Rule rule : alternative) {
        AttributeValue a = attributes.get(rule.path().get(0));
        if (!matches(rule.conditions(), a != null, a == null ? List.of() : a.filterValues())) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** Whether a message body passes (scope MessageBody); a body that is not a JSON object never does. */
  public boolean matchesBody(String body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return false;
    }
    if (root == null || !root.isObject()) {
      return false;
    }
    for (List<Rule> alternative : alternatives) {
      boolean all = true;
      for (Rule rule : alternative) {
        List<JsonNode> values = new ArrayList<>();
        boolean present = collect(root, rule.path(), 0, values);
        if (!matches(rule.conditions(), present, values)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** Gathers the leaf values at {@code path}, descending into arrays; whether any leaf exists. */
  private static boolean collect(JsonNode node, List<String> path, int depth, List<JsonNode> out) {
    if (node.isArray()) {
      boolean any = false;
      for (JsonNode item : node) {
        any |= collect(item, path, depth, out);
      }
      return any;
    }
    if (depth == path.size()) {
      if (node.isObject()) {
        return false;
      }
      out.add(node);
      return true;
    }
    JsonNode child = node.get(path.get(depth));
    return child != null && collect(child, path, depth + 1, out);
  }

  private static boolean matches(List<Condition> conditions, boolean present, List<JsonNode> values) {
    for (Condition c : conditions) {
      if (c instanceof Condition.Exists e) {
        if (e.exists() == present) {
          return true;
        }
        continue;
      }
      for (JsonNode v : values) {
        if (c.test(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A message attribute as filtering sees it. */
  public record AttributeValue(String dataType, String stringValue) {

    /**
     * The values a policy tests: a String's text; a Number's number; each element of a
     * String.Array; nothing for Binary, which SNS does not filter on.
     */
    List<JsonNode> filterValues() {
      String base = dataType.contains(".") ? dataType.substring(0, dataType.indexOf('.')) : dataType;
      if (dataType.equals("String.Array")) {
        try {
          JsonNode array = Json.MAPPER.readTree(stringValue);
          List<JsonNode> out = new ArrayList<>();
          if (array instanceof ArrayNode a) {
            a.forEach(out::add);
          }
          return out;
        } catch (JsonProcessingException e) {
          return List.of();
        }
      }
      return switch (base) {
        case "String" -> List.of(Json.NODES.textNode(stringValue));
        case "Number" -> {
          try {
            yield List.of(Json.NODES.numberNode(new java.math.BigDecimal(stringValue.trim())));
          } catch (NumberFormatException e) {
            yield List.of();
          }
        }
        default -> List.of();
      };
    }
  }

  // ------------------------------------------------------------------ validation

  /** SNS's checks, in its order: key count, structure (and depth per scope), combinations, then each rule. */
  private static final class Validator {
    private final Scope scope;
    private final String prefix;
    private final String reasonPrefix;
    private final List<JsonNode> rules = new ArrayList<>();

    Validator(Scope scope, String prefix, String reasonPrefix) {
      this.scope = scope;
      this.prefix = prefix;
      this.reasonPrefix = reasonPrefix;
    }

    void validate(ObjectNode root, String json) {
      if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
        throw fail("Filter policy is too long");
      }
      if (root.size() > MAX_KEYS) {
        throw fail("Filter policy can not have more than 5 keys");
      }
      long combinations = walk(root, 1, 1);
      if (combinations > MAX_COMBINATIONS) {
        throw fail("Filter policy is too complex");
      }
      for (JsonNode rule : rules) {
        rule(rule);
      }
    }

    private long walk(ObjectNode node, int depth, long combinations) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode value = e.getValue();
        if (value.isObject()) {
          combinations = walk((ObjectNode) value, depth + 1, combinations);
        } else if (value.isArray()) {
          if (value.isEmpty()) {
            throw fail("Empty arrays are not allowed");
          }
          if (e.getKey().equals("$or")) {
            long sum = 0;
            for (JsonNode option : value) {
              if (!option.isObject()) {
                throw fail("\"$or\" must be an object or an array");
              }
              sum += walk((ObjectNode) option, depth, combinations);
            }
            combinations = sum;
          } else {
            value.forEach(rules::add);
            combinations = combinations * value.size() * depth;
          }
        } else {
          throw fail("\"" + e.getKey() + "\" must be an object or an array");
        }
      }
      if (scope == Scope.MessageAttributes && depth > 1) {
        throw dev.fogbank.sns.SnsErrors.invalidParameter(
            reasonPrefix + "Filter policy scope MessageAttributes does not support nested filter policy");
      }
      return combinations;
    }

    private void rule(JsonNode rule) {
      if (rule.isTextual() || rule.isNumber() || rule.isBoolean() || rule.isNull()) {
        return;
      }
      if (!rule.isObject()) {
        throw fail("Match value must be String, number, true, false, or null");
      }
      if (rule.size() != 1) {
        throw fail("Only one key allowed in match expression");
      }
      Map.Entry<String, JsonNode> op = rule.fields().next();
      JsonNode v = op.getValue();
      switch (op.getKey()) {
        case "prefix", "suffix", "equals-ignore-case" -> {
          if (!v.isTextual()) {
            throw fail(op.getKey() + " match pattern must be a string");
          }
        }
        case "exists" -> {
          if (!v.isBoolean()) {
            throw fail("exists match pattern must be either true or false.");
          }
        }
        case "anything-but" -> anythingBut(v);
        case "numeric" -> numeric(v);
        case "cidr" -> cidr(v);
        default -> throw fail("Unrecognized match type " + op.getKey());
      }
    }

    private void anythingBut(JsonNode v) {
      if (v.isArray()) {
        for (JsonNode x : v) {
          if (!(x.isTextual() || x.isNumber())) {
            throw fail("Inside anything but list, start|null|boolean is not supported.");
          }
        }
        return;
      }
      if (v.isObject()) {
        if (v.size() != 1) {
          throw fail("Only one key allowed in match expression");
        }
        String inner = v.fieldNames().next();
        if (!inner.equals("prefix") && !inner.equals("suffix")) {
          throw fail("Unsupported anything-but pattern: " + inner);
        }
        if (!v.get(inner).isTextual()) {
          throw fail(inner + " match pattern must be a string");
        }
        return;
      }
      if (!(v.isTextual() || v.isNumber())) {
        throw fail("Inside anything but list, start|null|boolean is not supported.");
      }
    }

    private void numeric(JsonNode v) {
      if (!v.isArray() || v.isEmpty()) {
        throw fail("Invalid member in numeric match: ]");
      }
      JsonNode op1 = v.get(0);
      if (!op1.isTextual()) {
        throw fail("Invalid member in numeric match: " + op1.asText());
      }
      String o1 = op1.asText();
      if (!List.of("<", "<=", "=", ">", ">=").contains(o1)) {
        throw fail("Unrecognized numeric range operator: " + o1);
      }
      JsonNode n1 = v.get(1);
      if (n1 == null || !n1.isNumber()) {
        throw fail("Value of " + (o1.equals("=") ? "equals" : o1) + " must be numeric");
      }
      if (v.size() == 2) {
        return;
      }
      if (!o1.equals(">") && !o1.equals(">=")) {
        throw fail("Too many elements in numeric expression");
      }
      JsonNode op2 = v.get(2);
      if (!op2.isTextual()) {
        throw fail("Bad value in numeric range: " + op2.asText());
      }
      String o2 = op2.asText();
      if (!o2.equals("<") && !o2.equals("<=")) {
        throw fail("Bad numeric range operator: " + o2);
      }
      JsonNode n2 = v.get(3);
      if (n2 == null || !n2.isNumber()) {
        throw fail("Value of " + o2 + " must be numeric");
      }
      if (n2.asDouble() <= n1.asDouble()) {
        throw fail("Bottom must be less than top");
      }
      if (v.size() > 4) {
        throw fail("Too many terms in numeric range expression");
      }
    }

    private void cidr(JsonNode v) {
      if (!v.isTextual()) {
        throw fail("prefix match pattern must be a string");
      }
      String[] parts = v.asText().split("/", -1);
      if (parts.length != 2) {
        throw fail("Malformed CIDR, one '/' required");
      }
      int bits;
      try {
        bits = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw fail("Malformed CIDR, mask bits must be an integer");
      }
      byte[] address = Condition.ipLiteral(parts[0]);
      if (address == null || bits < 0 || bits > address.length * 8) {
        throw fail("Nonstandard IP address: " + parts[0]);
      }
    }

    private dev.fogbank.core.error.AwsException fail(String reason) {
      return SnsErrors.invalidParameter(prefix + reason);
    }
  }

  /** For tests and logs: the alternatives as key paths to expression counts. */
  @Override
  public String toString() {
    Map<String, Integer> summary = new LinkedHashMap<>();
    for (List<Rule> alt : alternatives) {
      for (Rule r : alt) {
        summary.merge(String.join(".", r.path()), r.conditions().size(), Math::max);
      }
    }
    return "FilterPolicy" + summary + " x" + alternatives.size();
  }
}
