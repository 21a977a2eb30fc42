package dev.fogbank.dynamodb;

import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.ItemSize;
import dev.fogbank.dynamodb.table.IndexDefinition;
import dev.fogbank.dynamodb.table.KeySchema;
import dev.fogbank.dynamodb.table.Table;
import java.util.Map;

/** DynamoDB's checks of keys and items against a table's key schema, with its wording. */
final class KeyValidation {

  /** Partition keys are limited to 2048 bytes, sort keys to 1024 (Developer Guide, "Service quotas"). */
  private static final int MAX_HASH_KEY_BYTES = 2048;

  private static final int MAX_RANGE_KEY_BYTES = 1024;

  private KeyValidation() {}

  /** A Key parameter (GetItem, UpdateItem, DeleteItem…): exactly the key attributes, of their types. */
  static void key(Table table, Map<String, AttributeValue> key) {
    KeySchema schema = table.key();
    if (key.size() != schema.names().size()) {
      throw DynamoDbErrors.validation("The provided key element does not match the schema");
    }
    for (String name : schema.names()) {
      AttributeValue v = key.get(name);
      if (v == null || !v.type().equals(table.attributeType(name))) {
        throw DynamoDbErrors.validation("The provided key element does not match the schema");
      }
    }
    keyValues(table, key);
  }

  /** An item to store: its key attributes present and typed, its index keys typed, its size allowed. */
  static void item(Table table, Map<String, AttributeValue> item, boolean update) {
    for (String name : table.key().names()) {
      AttributeValue v = item.get(name);
      if (v == null) {
        throw DynamoDbErrors.validation("One or more parameter values were invalid: Missing the key " + name + " in the item");
      }
      String expected = table.attributeType(name);
      if (!v.type().equals(expected)) {
        throw DynamoDbErrors.validation(
            "One or more parameter values were invalid: Type mismatch for key "
                + name
                + " expected: "
                + expected
                + " actual: "
                + v.type());
      }
    }
    keyValues(table, item);
    for (IndexDefinition index : table.indexes().values()) {
      for (String name : index.key().names()) {
        AttributeValue v = item.get(name);
        if (v == null) {
          continue;
        }
        String expected = table.attributeType(name);
        if (!v.type().equals(expected)) {
          throw DynamoDbErrors.validation(
              "One or more parameter values were invalid: Type mismatch for Index Key "
                  + name
                  + " Expected: "
                  + expected
                  + " Actual: "
                  + v.type()
                  + " IndexName: "
                  + index.name());
        }
        emptyKeyValue(name, v, "index key");
      }
    }
    if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) {
      throw DynamoDbErrors.validation(
          update ? "Item size to update has exceeded the maximum allowed size" : "Item size has exceeded the maximum allowed size");
    }
  }

  private static void keyValues(Table table, Map<String, AttributeValue> key) {
    for (String name : table.key().names()) {
      emptyKeyValue(name, key.get(name), "key attribute");
    }
    if (ItemSize.of(key.get(table.key().hash())) > MAX_HASH_KEY_BYTES) {
      // sic: DynamoDB's message has no space before the number
      throw DynamoDbErrors.validation(
          "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
    }
    if (table.key().hasRange() && ItemSize.of(key.get(table.key().range())) > MAX_RANGE_KEY_BYTES) {
      throw DynamoDbErrors.validation(
          "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
    }
  }

  private static void emptyKeyValue(String name, AttributeValue v, String what) {
    if (v instanceof AttributeValue.S s && s.value().isEmpty()) {
      throw DynamoDbErrors.validation(
          "One or more parameter values are not valid. The AttributeValue for a "
              + what
              + " cannot contain an empty string value. "
              + (what.equals("key attribute") ? "Key: " : "IndexName: , IndexKey: ")
              + name);
    }
    if (v instanceof AttributeValue.B b && b.value().length() == 0) {
      throw DynamoDbErrors.validation(
          "One or more parameter values are not valid. The AttributeValue for a "
              + what
              + " cannot contain an empty binary value. "
              + (what.equals("key attribute") ? "Key: " : "IndexName: , IndexKey: ")
              + name);
    }
  }
}
