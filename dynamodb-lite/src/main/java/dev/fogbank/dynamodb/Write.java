package dev.fogbank.dynamodb;

import dev.fogbank.dynamodb.expr.Condition;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.expr.UpdateAction;
import dev.fogbank.dynamodb.expr.Updater;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.table.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One checked write — of PutItem, UpdateItem, DeleteItem, a BatchWriteItem request or a
 * transaction action — ready to run against the table under its lock.
 *
 * @param item the item to put (PUT only)
 * @param actions the update actions (UPDATE only; empty creates the item with just its key)
 * @param condition the ConditionExpression, or null
 * @param returnOldOnFailure whether ReturnValuesOnConditionCheckFailure is ALL_OLD
 */
record Write(
    Table table,
    Kind kind,
    Map<String, AttributeValue> key,
    Map<String, AttributeValue> item,
    List<UpdateAction> actions,
    Condition condition,
    boolean returnOldOnFailure) {

  enum Kind {
    PUT,
    UPDATE,
    DELETE,
    CONDITION_CHECK
  }

  /** The paths an update names, for ReturnValues UPDATED_OLD / UPDATED_NEW. */
  List<Path> updatedPaths() {
    return actions == null ? List.of() : actions.stream().map(UpdateAction::path).toList();
  }

  /** The item after this write, given the item before it (null: none); null when the write deletes. */
  Map<String, AttributeValue> apply(Map<String, AttributeValue> old) {
    return switch (kind) {
      case PUT -> item;
      case DELETE -> null;
      case CONDITION_CHECK -> old;
      case UPDATE -> {
        Map<String, AttributeValue> base = old != null ? old : new LinkedHashMap<>(key);
        Map<String, AttributeValue> updated = Updater.apply(actions, base);
        KeyValidation.item(table, updated, true);
        yield updated;
      }
    };
  }

  boolean changesTable() {
    return kind != Kind.CONDITION_CHECK;
  }
}
