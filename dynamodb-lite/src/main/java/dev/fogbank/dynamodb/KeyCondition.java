package dev.fogbank.dynamodb;

import dev.fogbank.dynamodb.expr.Condition;
import dev.fogbank.dynamodb.expr.ConditionEvaluator;
import dev.fogbank.dynamodb.expr.Operand;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.table.KeySchema;
import dev.fogbank.dynamodb.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Query's KeyConditionExpression taken apart: the partition key value (always {@code =}) and
 * the optional sort key condition ({@code = < <= > >= BETWEEN begins_with}), checked against the
 * key schema of the table or index as DynamoDB does.
 */
record KeyCondition(String hashName, AttributeValue hashValue, Condition rangeCondition) {

  static KeyCondition of(Condition condition, Table table, KeySchema key) {
    List<Condition> parts = new ArrayList<>();
    flatten(condition, parts);
    if (parts.size() > 2) {
      throw DynamoDbErrors.validation("Conditions can be of length 1 or 2 only");
    }
    AttributeValue hash = null;
    Condition range = null;
    for (Condition c : parts) {
      String attribute = attribute(c);
      if (attribute.equals(key.hash())) {
        if (hash != null) {
          throw keyConditionNotSupported();
        }
        if (!(c instanceof Condition.Compare cmp) || !cmp.op().equals("=")) {
          throw keyConditionNotSupported();
        }
        hash = constant(cmp.left() instanceof Operand.Value ? cmp.left() : cmp.right());
        typeCheck(table, attribute, hash);
      } else if (attribute.equals(key.range())) {
        if (range != null) {
          throw keyConditionNotSupported();
        }
        if (c instanceof Condition.Compare cmp && cmp.op().equals("<>")) {
          throw DynamoDbErrors.validation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: <>");
        }
        for (AttributeValue v : constants(c)) {
          typeCheck(table, attribute, v);
        }
        range = c;
      } else {
        throw keyConditionNotSupported();
      }
    }
    if (hash == null) {
      throw DynamoDbErrors.validation("Query condition missed key schema element: " + key.hash());
    }
    return new KeyCondition(key.hash(), hash, range);
  }

  boolean rangeMatches(Map<String, AttributeValue> item) {
    return rangeCondition == null || ConditionEvaluator.test(rangeCondition, item);
  }

  private static void flatten(Condition c, List<Condition> out) {
    switch (c) {
      case Condition.And a -> {
        flatten(a.left(), out);
        flatten(a.right(), out);
      }
      case Condition.Or o ->
          throw DynamoDbErrors.validation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR");
      case Condition.Not n ->
          throw DynamoDbErrors.validation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: NOT");
      case Condition.In in ->
          throw DynamoDbErrors.validation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: IN");
      case Condition.Function f when !f.name().equals("begins_with") ->
          throw DynamoDbErrors.validation(
              "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: " + f.name());
      default -> out.add(c);
    }
  }

  /** The one key attribute a simple condition names; its other operands must be values. */
  private static String attribute(Condition c) {
    List<Operand> operands =
        switch (c) {
          case Condition.Compare cmp -> List.of(cmp.left(), cmp.right());
          case Condition.Between b -> List.of(b.value(), b.low(), b.high());
          case Condition.Function f -> f.args();
          default -> List.of();
        };
    Path path = null;
    for (Operand o : operands) {
      if (o instanceof Operand.PathRef p) {
        if (path != null || !p.path().isTopLevel()) {
          throw keyConditionNotSupported();
        }
        path = p.path();
      } else if (!(o instanceof Operand.Value)) {
        throw keyConditionNotSupported();
      }
    }
    if (path == null) {
      throw DynamoDbErrors.validation(
          "Invalid KeyConditionExpression: Key condition must reference a key attribute");
    }
    if (c instanceof Condition.Between b && !(b.value() instanceof Operand.PathRef)) {
      throw keyConditionNotSupported();
    }
    if (c instanceof Condition.Function f && !(f.args().get(0) instanceof Operand.PathRef)) {
      throw keyConditionNotSupported();
    }
    return path.head();
  }

  private static List<AttributeValue> constants(Condition c) {
    List<Operand> operands =
        switch (c) {
          case Condition.Compare cmp -> List.of(cmp.left(), cmp.right());
          case Condition.Between b -> List.of(b.low(), b.high());
          case Condition.Function f -> f.args();
          default -> List.of();
        };
    List<AttributeValue> values = new ArrayList<>();
    for (Operand o : operands) {
      if (o instanceof Operand.Value v) {
        values.add(v.value());
      }
    }
    return values;
  }

  private static AttributeValue constant(Operand o) {
    return ((Operand.Value) o).value();
  }

  private static void typeCheck(Table table, String attribute, AttributeValue v) {
    if (!v.type().equals(table.attributeType(attribute))) {
      throw DynamoDbErrors.validation(
          "One or more parameter values were invalid: Condition parameter type does not match schema type");
    }
  }

  private static dev.fogbank.core.error.AwsException keyConditionNotSupported() {
    return DynamoDbErrors.validation("Query key condition not supported");
  }
}
