package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.dynamodb.expr.Condition;
import dev.fogbank.dynamodb.expr.ExpressionContext;
import dev.fogbank.dynamodb.expr.UpdateAction;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import dev.fogbank.dynamodb.table.Table;
import java.util.List;
import java.util.Map;

/**
 * Reads the write requests of PutItem, UpdateItem, DeleteItem and transaction actions into {@link
 * Write}s: key and item checks, expressions parsed and resolved, unused placeholders rejected.
 */
final class Writes {

  private Writes() {}

  static Write put(Table table, JsonNode input) {
    Legacy.noMixing(input, List.of("Expected"), List.of("ConditionExpression"));
    Map<String, AttributeValue> item = AttributeValues.item(input.get("Item"));
    KeyValidation.item(table, item, false);
    ExpressionContext expressions = expressions(input);
    Condition condition = condition(expressions, input);
    expressions.checkUnused();
    return new Write(table, Write.Kind.PUT, table.key().keyOf(item), item, null, condition, returnOld(input));
  }

  static Write update(Table table, JsonNode input) {
    Legacy.noMixing(input, List.of("AttributeUpdates", "Expected"), List.of("UpdateExpression", "ConditionExpression"));
    Map<String, AttributeValue> key = AttributeValues.item(input.get("Key"));
    KeyValidation.key(table, key);
    ExpressionContext expressions = expressions(input);
    List<UpdateAction> actions = Legacy.attributeUpdates(input);
    if (input.hasNonNull("UpdateExpression")) {
      actions = expressions.update(input.get("UpdateExpression").asText());
    }
    if (actions == null) {
      actions = List.of();
    }
    for (UpdateAction a : actions) {
      if (table.key().names().contains(a.path().head())) {
        throw DynamoDbErrors.validation(
            "One or more parameter values were invalid: Cannot update attribute "
                + a.path().head()
                + ". This attribute is part of the key");
      }
    }
    Condition condition = condition(expressions, input);
    expressions.checkUnused();
    return new Write(table, Write.Kind.UPDATE, key, null, actions, condition, returnOld(input));
  }

  static Write delete(Table table, JsonNode input) {
    Legacy.noMixing(input, List.of("Expected"), List.of("ConditionExpression"));
    Map<String, AttributeValue> key = AttributeValues.item(input.get("Key"));
    KeyValidation.key(table, key);
    ExpressionContext expressions = expressions(input);
    Condition condition = condition(expressions, input);
    expressions.checkUnused();
    return new Write(table, Write.Kind.DELETE, key, null, null, condition, returnOld(input));
  }

  static Write conditionCheck(Table table, JsonNode input) {
    Map<String, AttributeValue> key = AttributeValues.item(input.get("Key"));
    KeyValidation.key(table, key);
    ExpressionContext expressions = expressions(input);
    Condition condition = condition(expressions, input);
    expressions.checkUnused();
    return new Write(table, Write.Kind.CONDITION_CHECK, key, null, null, condition, returnOld(input));
  }

  static ExpressionContext expressions(JsonNode input) {
    return ExpressionContext.of(input.get("ExpressionAttributeNames"), input.get("ExpressionAttributeValues"));
  }

  private static Condition condition(ExpressionContext expressions, JsonNode input) {
    JsonNode c = input.get("ConditionExpression");
    return c == null || c.isNull() ? Legacy.expected(input) : expressions.condition("ConditionExpression", c.asText());
  }

  private static boolean returnOld(JsonNode input) {
    return "ALL_OLD".equals(input.path("ReturnValuesOnConditionCheckFailure").asText(null));
  }
}
