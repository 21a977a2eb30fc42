package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.dynamodb.table.IndexDefinition;
import dev.fogbank.dynamodb.table.KeySchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks the table definition of CreateTable (and the index definitions of UpdateTable),
 * in DynamoDB's check order and wording.
 */
final class TableSpecs {

  private static final String INVALID = "One or more parameter values were invalid: ";

  /** Per-table limits (Developer Guide, "Service quotas"). */
  static final int MAX_GSIS = 20;

  static final int MAX_LSIS = 5;

  private TableSpecs() {}

  static Map<String, String> attributeDefinitions(JsonNode input) {
    Map<String, String> defs = new LinkedHashMap<>();
    for (JsonNode d : input.path("AttributeDefinitions")) {
      String name = d.path("AttributeName").asText();
      if (defs.put(name, d.path("AttributeType").asText()) != null) {
        throw DynamoDbErrors.validation(
            "Cannot have two attributes with the same name. Attribute name: " + name);
      }
    }
    return defs;
  }

  static KeySchema keySchema(JsonNode elements, Map<String, String> defs) {
    List<String> names = new ArrayList<>();
    elements.forEach(e -> names.add(e.path("AttributeName").asText()));
    if (names.size() > defs.size()) {
      throw DynamoDbErrors.validation("Invalid KeySchema: Some index key attribute have no definition");
    }
    if (!defs.keySet().containsAll(names)) {
      throw DynamoDbErrors.validation(
          INVALID
              + "Some index key attributes are not defined in AttributeDefinitions. Keys: "
              + names
              + ", AttributeDefinitions: "
              + new ArrayList<>(defs.keySet()));
    }
    if (names.size() == 2 && names.get(0).equals(names.get(1))) {
      throw DynamoDbErrors.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }
    if (!elements.get(0).path("KeyType").asText().equals("HASH")) {
      throw DynamoDbErrors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    if (names.size() == 2 && !elements.get(1).path("KeyType").asText().equals("RANGE")) {
      throw DynamoDbErrors.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
    return new KeySchema(names.get(0), names.size() == 2 ? names.get(1) : null);
  }

  /** BillingMode and ProvisionedThroughput: {@code [mode, read, write]}. */
  static Object[] billing(JsonNode input, String defaultMode) {
    String mode = input.path("BillingMode").asText(defaultMode);
    JsonNode pt = input.get("ProvisionedThroughput");
    if (mode.equals("PAY_PER_REQUEST")) {
      if (pt != null && !pt.isNull()) {
        throw DynamoDbErrors.validation(
            INVALID
                + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
      }
      return new Object[] {mode, 0L, 0L};
    }
    if (pt == null || !pt.hasNonNull("ReadCapacityUnits") || !pt.hasNonNull("WriteCapacityUnits")) {
      throw DynamoDbErrors.validation(
          INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
    }
    return new Object[] {mode, pt.get("ReadCapacityUnits").asLong(), pt.get("WriteCapacityUnits").asLong()};
  }

  /** The secondary indexes of a CreateTable request, checked against the table key. */
  static List<IndexDefinition> indexes(JsonNode input, KeySchema tableKey, Map<String, String> defs, String billingMode) {
    List<IndexDefinition> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonNode lsis = input.get("LocalSecondaryIndexes");
    if (lsis != null && !lsis.isNull()) {
      if (lsis.isEmpty()) {
        throw DynamoDbErrors.validation(INVALID + "List of LocalSecondaryIndexes is empty");
      }
      if (!tableKey.hasRange()) {
        throw DynamoDbErrors.validation(
            INVALID + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
      }
      for (JsonNode lsi : lsis) {
        IndexDefinition index = index(lsi, false, defs, billingMode);
        if (!index.key().hasRange()) {
          throw DynamoDbErrors.validation(INVALID + "Index KeySchema does not have a range key for index: " + index.name());
        }
        if (!index.key().hash().equals(tableKey.hash())) {
          throw DynamoDbErrors.validation(
              INVALID
                  + "Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                  + index.name()
                  + ". index hash key: "
                  + index.key().hash()
                  + ", table hash key: "
                  + tableKey.hash());
        }
        if (!names.add(index.name())) {
          throw DynamoDbErrors.validation(INVALID + "Duplicate index name: " + index.name());
        }
        out.add(index);
      }
      if (lsis.size() > MAX_LSIS) {
        throw DynamoDbErrors.validation(
            INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of " + MAX_LSIS);
      }
    }
    JsonNode gsis = input.get("GlobalSecondaryIndexes");
    if (gsis != null && !gsis.isNull()) {
      if (gsis.isEmpty()) {
        throw DynamoDbErrors.validation(INVALID + "List of GlobalSecondaryIndexes is empty");
      }
      for (JsonNode gsi : gsis) {
        IndexDefinition index = index(gsi, true, defs, billingMode);
        if (!names.add(index.name())) {
          throw DynamoDbErrors.validation(INVALID + "Duplicate index name: " + index.name());
        }
        out.add(index);
      }
      if (gsis.size() > MAX_GSIS) {
        throw DynamoDbErrors.validation(
            INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of " + MAX_GSIS);
      }
    }
    return out;
  }

  static IndexDefinition index(JsonNode spec, boolean global, Map<String, String> defs, String billingMode) {
    String name = spec.path("IndexName").asText();
    KeySchema key = keySchema(spec.path("KeySchema"), defs);
    JsonNode projection = spec.path("Projection");
    String type = projection.path("ProjectionType").asText(null);
    if (type == null) {
      throw DynamoDbErrors.validation(INVALID + "Unknown ProjectionType: null");
    }
    List<String> nonKey = new ArrayList<>();
    projection.path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
    if (projection.hasNonNull("NonKeyAttributes") && !type.equals("INCLUDE")) {
      throw DynamoDbErrors.validation(INVALID + "ProjectionType is " + type + ", but NonKeyAttributes is specified");
    }
    long read = 0;
    long write = 0;
    JsonNode pt = spec.get("ProvisionedThroughput");
    if (global) {
      if (billingMode.equals("PAY_PER_REQUEST") && pt != null && !pt.isNull()) {
        throw DynamoDbErrors.validation(
            INVALID
                + "ProvisionedThroughput should not be specified for index: "
                + name
                + " when BillingMode is PAY_PER_REQUEST");
      }
      if (billingMode.equals("PROVISIONED")) {
        if (pt == null || pt.isNull()) {
          throw DynamoDbErrors.validation(
              INVALID + "ProvisionedThroughput must be specified for index: " + name);
        }
        read = pt.path("ReadCapacityUnits").asLong();
        write = pt.path("WriteCapacityUnits").asLong();
      }
    }
    return new IndexDefinition(name, global, key, type, List.copyOf(nonKey), read, write);
  }

  /** Every attribute definition must be used by a key of the table or an index. */
  static void allDefinitionsUsed(Map<String, String> defs, KeySchema key, List<IndexDefinition> indexes) {
    Set<String> used = new HashSet<>(key.names());
    indexes.forEach(i -> used.addAll(i.key().names()));
    if (!used.containsAll(defs.keySet())) {
      throw DynamoDbErrors.validation(
          INVALID
              + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
    }
  }
}
