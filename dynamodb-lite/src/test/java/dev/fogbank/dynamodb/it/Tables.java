package dev.fogbank.dynamodb.it;

import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Small fixtures for the SDK tests: uniquely named tables, attribute value shorthands. */
final class Tables {

  private Tables() {}

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A pay-per-request table keyed by {@code pk} (S) and, when given, {@code sk} (S or N). */
  static String create(DynamoDbClient ddb, String prefix, ScalarAttributeType sortType) {
    String name = unique(prefix);
    ddb.createTable(
        b -> {
          b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
          if (sortType == null) {
            b.attributeDefinitions(def("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH));
          } else {
            b.attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", sortType))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
          }
        });
    return name;
  }

  static AttributeDefinition def(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(Object v) {
    return AttributeValue.fromN(String.valueOf(v));
  }
}
