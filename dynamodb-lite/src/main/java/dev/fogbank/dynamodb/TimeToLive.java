package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.table.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Time to live: UpdateTimeToLive, DescribeTimeToLive, and the deletion of expired items. An item
 * expires when its TTL attribute is a Number of epoch seconds in the past (Developer Guide, "Time
 * to Live"); a timer on the engine's Scheduler deletes it at that moment, so virtual time moves
 * expiry forward in tests. Deletions by TTL appear in the stream with the DynamoDB service as
 * their identity.
 */
final class TimeToLive implements DynamoDbEngine.ChangeListener {

  /** DynamoDB ignores TTL values more than five years in the past. */
  private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;

  private final DynamoDbEngine engine;

  TimeToLive(DynamoDbEngine engine) {
    this.engine = engine;
  }

  JsonNode update(RequestContext ctx, ObjectNode input) {
    Table table = engine.tables(ctx).byName.get(DynamoDbEngine.tableName(input.get("TableName").asText()));
    if (table == null) {
      throw DynamoDbErrors.tableNotFound(input.get("TableName").asText());
    }
    JsonNode spec = input.get("TimeToLiveSpecification");
    boolean enabled = spec.path("Enabled").asBoolean();
    String attribute = spec.path("AttributeName").asText();
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    table.lock.lock();
    try {
      String current = table.ttlAttribute();
      if (enabled) {
        if (current != null) {
          throw DynamoDbErrors.validation("TimeToLive is already enabled");
        }
        table.ttlAttribute(attribute);
        table.scan(null, null).forEachRemaining(items::add);
      } else {
        if (current == null) {
          throw DynamoDbErrors.validation("TimeToLive is already disabled");
        }
        if (!current.equals(attribute)) {
          throw DynamoDbErrors.validation(
              "TimeToLive is active on a different AttributeName: current AttributeName is " + current);
        }
        table.ttlAttribute(null);
      }
    } finally {
      table.lock.unlock();
    }
    items.forEach(item -> schedule(table, item));
    ObjectNode out = Json.object();
    out.putObject("TimeToLiveSpecification").put("Enabled", enabled).put("AttributeName", attribute);
    return out;
  }

  JsonNode describe(RequestContext ctx, ObjectNode input) {
    Table table = engine.tables(ctx).byName.get(DynamoDbEngine.tableName(input.get("TableName").asText()));
    if (table == null) {
      throw DynamoDbErrors.tableNotFound(input.get("TableName").asText());
    }
    ObjectNode description = Json.object();
    String attribute = table.ttlAttribute();
    if (attribute == null) {
      description.put("TimeToLiveStatus", "DISABLED");
    } else {
      description.put("TimeToLiveStatus", "ENABLED").put("AttributeName", attribute);
    }
    return Json.object().set("TimeToLiveDescription", description);
  }

  @Override
  public void changed(
      Table table, Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean byTtl) {
    if (after != null && table.ttlAttribute() != null) {
      schedule(table, after);
    }
  }

  private void schedule(Table table, Map<String, AttributeValue> item) {
    Long expiry = expiry(table, item);
    if (expiry == null) {
      return;
    }
    Map<String, AttributeValue> key = table.key().keyOf(item);
    engine.scheduler.scheduleAt(expiry * 1000, () -> expire(table, key));
  }

  private Long expiry(Table table, Map<String, AttributeValue> item) {
    String attribute = table.ttlAttribute();
    if (attribute == null || !(item.get(attribute) instanceof AttributeValue.N n)) {
      return null;
    }
    BigDecimal seconds = n.value();
    long nowSeconds = engine.clock.millis() / 1000;
    if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(nowSeconds - FIVE_YEARS_SECONDS)) < 0) {
      return null;
    }
    if (seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
      return null;
    }
    return seconds.longValue();
  }

  /** Deletes the item if it is still there and still expired (it may have been rewritten since). */
  private void expire(Table table, Map<String, AttributeValue> key) {
    table.lock.lock();
    try {
      Map<String, AttributeValue> item = table.get(key);
      if (item == null) {
        return;
      }
      Long expiry = expiry(table, item);
      if (expiry == null || expiry * 1000 > engine.clock.millis()) {
        return;
      }
      table.delete(key);
      engine.changed(table, item, null, true);
    } finally {
      table.lock.unlock();
    }
  }
}
