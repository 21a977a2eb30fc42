package dev.fogbank.dynamodb.table;

import dev.fogbank.dynamodb.item.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A global or local secondary index: its key, and which attributes it projects (ALL, KEYS_ONLY,
 * or INCLUDE with NonKeyAttributes). Keys of the table are always projected.
 */
public record IndexDefinition(
    String name,
    boolean global,
    KeySchema key,
    String projectionType,
    List<String> nonKeyAttributes,
    long readCapacityUnits,
    long writeCapacityUnits) {

  /** The item as this index holds it. */
  public Map<String, AttributeValue> project(Map<String, AttributeValue> item, KeySchema tableKey) {
    if (projectionType.equals("ALL")) {
      return item;
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      String n = e.getKey();
      if (tableKey.names().contains(n)
          || key.names().contains(n)
          || (projectionType.equals("INCLUDE") && nonKeyAttributes.contains(n))) {
        out.put(n, e.getValue());
      }
    }
    return out;
  }
}
