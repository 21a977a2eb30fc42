package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Consumed capacity, as ReturnConsumedCapacity asks for it (Developer Guide, "Read/write capacity
 * mode"): a read costs one unit per 4 KB of data read, rounded up, halved when eventually
 * consistent; a write costs one unit per 1 KB, rounded up; transactions cost double.
 */
final class Capacity {

  private final String table;
  private double tableUnits;
  private final Map<String, Double> globalIndexes = new LinkedHashMap<>();
  private final Map<String, Double> localIndexes = new LinkedHashMap<>();

  Capacity(String table) {
    this.table = table;
  }

  static double readUnits(long bytes, boolean consistent) {
    double units = Math.max(1, (bytes + 4095) / 4096);
    return consistent ? units : units / 2;
  }

  static double writeUnits(long bytes) {
    return Math.max(1, (bytes + 1023) / 1024);
  }

  Capacity table(double units) {
    tableUnits += units;
    return this;
  }

  Capacity index(String name, boolean global, double units) {
    (global ? globalIndexes : localIndexes).merge(name, units, Double::sum);
    return this;
  }

  double total() {
    return tableUnits
        + globalIndexes.values().stream().mapToDouble(Double::doubleValue).sum()
        + localIndexes.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The ConsumedCapacity structure for ReturnConsumedCapacity TOTAL or INDEXES; null for NONE. */
  JsonNode json(String mode) {
    if (mode == null || mode.equals("NONE")) {
      return null;
    }
    ObjectNode c = Json.object().put("TableName", table).put("CapacityUnits", total());
    if (mode.equals("INDEXES")) {
      c.putObject("Table").put("CapacityUnits", tableUnits);
      if (!globalIndexes.isEmpty()) {
        ObjectNode g = c.putObject("GlobalSecondaryIndexes");
        globalIndexes.forEach((n, u) -> g.putObject(n).put("CapacityUnits", u));
      }
      if (!localIndexes.isEmpty()) {
        ObjectNode l = c.putObject("LocalSecondaryIndexes");
        localIndexes.forEach((n, u) -> l.putObject(n).put("CapacityUnits", u));
      }
    }
    return c;
  }
}
