package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.dynamodb.expr.Condition;
import dev.fogbank.dynamodb.expr.Operand;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.expr.UpdateAction;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's legacy conditional parameters (Developer Guide, "Legacy conditional parameters"):
 * Expected, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter, AttributesToGet and
 * ConditionalOperator, translated into the same conditions, update actions and projections the
 * expression parameters produce. A request may not mix the two kinds.
 */
final class Legacy {

  private static final String INVALID = "One or more parameter values were invalid: ";

  private Legacy() {}

  /**
   * Rejects a request that uses legacy and expression parameters together, with DynamoDB's
   * message naming both sets.
   */
  static void noMixing(JsonNode input, List<String> legacy, List<String> expressions) {
    List<String> usedLegacy = legacy.stream().filter(input::hasNonNull).toList();
    List<String> usedExpressions = expressions.stream().filter(input::hasNonNull).toList();
    if (!usedLegacy.isEmpty() && !usedExpressions.isEmpty()) {
      throw DynamoDbErrors.validation(
          "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {"
              + String.join(", ", usedLegacy)
              + "} Expression parameters: {"
              + String.join(", ", usedExpressions)
              + "}");
    }
  }

  /** Expected (with ConditionalOperator) as a condition; null when absent. */
  static Condition expected(JsonNode input) {
    JsonNode expected = input.get("Expected");
    if (expected == null || expected.isNull() || expected.isEmpty()) {
      return null;
    }
    List<Condition> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : expected.properties()) {
      String name = e.getKey();
      JsonNode spec = e.getValue();
      if (spec.hasNonNull("ComparisonOperator")) {
        if (spec.hasNonNull("Exists")) {
          throw DynamoDbErrors.validation(
              INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: " + name);
        }
        if (spec.hasNonNull("AttributeValueList") && spec.hasNonNull("Value")) {
          throw DynamoDbErrors.validation(
              INVALID + "Value and AttributeValueList cannot be used together for Attribute: " + name);
        }
        List<AttributeValue> values = new ArrayList<>();
        if (spec.hasNonNull("Value")) {
          values.add(AttributeValues.value(spec.get("Value")));
        }
        spec.path("AttributeValueList").forEach(v -> values.add(AttributeValues.value(v)));
        parts.add(comparison(name, spec.get("ComparisonOperator").asText(), values));
      } else if (spec.hasNonNull("AttributeValueList")) {
        throw DynamoDbErrors.validation(
            INVALID + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
      } else {
        boolean exists = !spec.hasNonNull("Exists") || spec.get("Exists").asBoolean();
        if (exists && !spec.hasNonNull("Value")) {
          throw DynamoDbErrors.validation(
              INVALID
                  + "Value must be provided when Exists is "
                  + (spec.hasNonNull("Exists") ? "true" : "null")
                  + " for Attribute: "
                  + name);
        }
        if (!exists && spec.hasNonNull("Value")) {
          throw DynamoDbErrors.validation(INVALID + "Value cannot be used when Exists is false for Attribute: " + name);
        }
        parts.add(
            exists
                ? new Condition.Compare("=", path(name), value(AttributeValues.value(spec.get("Value"))))
                : new Condition.Function("attribute_not_exists", List.of(path(name))));
      }
    }
    return combine(parts, input.path("ConditionalOperator").asText("AND"));
  }

  /** KeyConditions, QueryFilter or ScanFilter as a condition; null when absent. */
  static Condition conditions(JsonNode map, String conditionalOperator) {
    if (map == null || map.isNull() || map.isEmpty()) {
      return null;
    }
    List<Condition> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      List<AttributeValue> values = new ArrayList<>();
      e.getValue().path("AttributeValueList").forEach(v -> values.add(AttributeValues.value(v)));
      parts.add(comparison(e.getKey(), e.getValue().path("ComparisonOperator").asText(), values));
    }
    return combine(parts, conditionalOperator == null ? "AND" : conditionalOperator);
  }

  /** The attribute names a condition map names, for the key-attribute checks of filters. */
  static List<String> names(JsonNode map) {
    List<String> names = new ArrayList<>();
    if (map != null && !map.isNull()) {
      map.properties().forEach(e -> names.add(e.getKey()));
    }
    return names;
  }

  private static Condition combine(List<Condition> parts, String operator) {
    Condition c = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      c = operator.equals("OR") ? new Condition.Or(c, parts.get(i)) : new Condition.And(c, parts.get(i));
    }
    return c;
  }

  private static Condition comparison(String name, String operator, List<AttributeValue> values) {
    int n = values.size();
    boolean countOk =
        switch (operator) {
          case "NULL", "NOT_NULL" -> n == 0;
          case "IN" -> n > 0;
          case "BETWEEN" -> n == 2;
          default -> n == 1;
        };
    if (!countOk) {
      throw DynamoDbErrors.validation(
          INVALID + "Invalid number of argument(s) for the " + operator + " ComparisonOperator");
    }
    Operand a = path(name);
    return switch (operator) {
      case "EQ" -> new Condition.Compare("=", a, value(values.get(0)));
      case "NE" -> new Condition.Compare("<>", a, value(values.get(0)));
      case "LT" -> new Condition.Compare("<", a, value(values.get(0)));
      case "LE" -> new Condition.Compare("<=", a, value(values.get(0)));
      case "GT" -> new Condition.Compare(">", a, value(values.get(0)));
      case "GE" -> new Condition.Compare(">=", a, value(values.get(0)));
      case "NULL" -> new Condition.Function("attribute_not_exists", List.of(a));
      case "NOT_NULL" -> new Condition.Function("attribute_exists", List.of(a));
      case "CONTAINS" -> new Condition.Function("contains", List.of(a, value(values.get(0))));
      case "NOT_CONTAINS" ->
          new Condition.And(
              new Condition.Function("attribute_exists", List.of(a)),
              new Condition.Not(new Condition.Function("contains", List.of(a, value(values.get(0))))));
      case "BEGINS_WITH" -> new Condition.Function("begins_with", List.of(a, value(values.get(0))));
      case "IN" -> new Condition.In(a, values.stream().map(Legacy::value).toList());
      case "BETWEEN" -> new Condition.Between(a, value(values.get(0)), value(values.get(1)));
      default -> throw DynamoDbErrors.validation(INVALID + "Unsupported ComparisonOperator: " + operator);
    };
  }

  /** AttributeUpdates as update actions; null when absent. */
  static List<UpdateAction> attributeUpdates(JsonNode input) {
    JsonNode updates = input.get("AttributeUpdates");
    if (updates == null || updates.isNull()) {
      return null;
    }
    List<UpdateAction> actions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : updates.properties()) {
      Path path = Path.of(e.getKey());
      JsonNode spec = e.getValue();
      String action = spec.path("Action").asText("PUT");
      AttributeValue v = spec.hasNonNull("Value") ? AttributeValues.value(spec.get("Value")) : null;
      switch (action) {
        case "PUT" -> {
          if (v == null) {
            throw DynamoDbErrors.validation(INVALID + "Only DELETE action is allowed when no attribute value is specified");
          }
          actions.add(new UpdateAction.Set(path, value(v)));
        }
        case "DELETE" -> {
          if (v == null) {
            actions.add(new UpdateAction.Remove(path));
          } else if (!v.isSet()) {
            throw DynamoDbErrors.validation(INVALID + "DELETE action with value is not supported for the type " + v.type());
          } else {
            actions.add(new UpdateAction.Delete(path, value(v)));
          }
        }
        default -> {
          if (v == null) {
            throw DynamoDbErrors.validation(INVALID + "Only DELETE action is allowed when no attribute value is specified");
          }
          if (!(v instanceof AttributeValue.N) && !v.isSet() && !(v instanceof AttributeValue.L)) {
            throw DynamoDbErrors.validation(INVALID + "ADD action is not supported for the type " + v.type());
          }
          actions.add(new UpdateAction.Add(path, value(v)));
        }
      }
    }
    return actions;
  }

  /** AttributesToGet as top-level projection paths; null when absent. */
  static List<Path> attributesToGet(JsonNode input) {
    JsonNode names = input.get("AttributesToGet");
    if (names == null || names.isNull()) {
      return null;
    }
    List<Path> paths = new ArrayList<>();
    for (JsonNode n : names) {
      if (paths.contains(Path.of(n.asText()))) {
        throw DynamoDbErrors.validation(INVALID + "Duplicate value in attribute name: " + n.asText());
      }
      paths.add(Path.of(n.asText()));
    }
    return paths;
  }

  private static Operand path(String name) {
    return new Operand.PathRef(Path.of(name));
  }

  private static Operand value(AttributeValue v) {
    return new Operand.Value(null, v);
  }
}
