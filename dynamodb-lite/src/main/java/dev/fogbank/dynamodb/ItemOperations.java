package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.expr.Documents;
import dev.fogbank.dynamodb.expr.ExpressionContext;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import dev.fogbank.dynamodb.item.ItemSize;
import dev.fogbank.dynamodb.table.IndexDefinition;
import dev.fogbank.dynamodb.table.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** PutItem, GetItem, UpdateItem and DeleteItem. */
final class ItemOperations {

  private final DynamoDbEngine engine;

  ItemOperations(DynamoDbEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("PutItem", this::putItem);
    handlers.put("GetItem", this::getItem);
    handlers.put("UpdateItem", this::updateItem);
    handlers.put("DeleteItem", this::deleteItem);
  }

  private JsonNode putItem(RequestContext ctx, ObjectNode input) {
    return replaceOrDelete(ctx, input, Writes::put);
  }

  private JsonNode deleteItem(RequestContext ctx, ObjectNode input) {
    return replaceOrDelete(ctx, input, Writes::delete);
  }

  /** PutItem and DeleteItem: one whole-item write whose only ReturnValues are NONE and ALL_OLD. */
  private JsonNode replaceOrDelete(RequestContext ctx, ObjectNode input, BiFunction<Table, ObjectNode, Write> writeOf) {
    Table table = engine.table(ctx, input.get("TableName").asText());
    String returnValues = returnValues(input, Set.of("NONE", "ALL_OLD"), "ALL_OLD or NONE");
    Write write = writeOf.apply(table, input);
    DynamoDbEngine.Outcome outcome = engine.execute(write);
    ObjectNode out = Json.object();
    if (returnValues.equals("ALL_OLD") && outcome.before() != null) {
      out.set("Attributes", AttributeValues.json(outcome.before()));
    }
    capacity(out, input, () -> writeCapacity(table, outcome));
    itemCollectionMetrics(out, input, table, write.key());
    return out;
  }

  private JsonNode updateItem(RequestContext ctx, ObjectNode input) {
    Table table = engine.table(ctx, input.get("TableName").asText());
    String returnValues = input.path("ReturnValues").asText("NONE");
    Write write = Writes.update(table, input);
    DynamoDbEngine.Outcome outcome = engine.execute(write);
    ObjectNode out = Json.object();
    List<Path> updated = write.updatedPaths();
    Map<String, AttributeValue> attributes =
        switch (returnValues) {
          case "ALL_OLD" -> outcome.before();
          case "ALL_NEW" -> outcome.after();
          case "UPDATED_OLD" -> outcome.before() == null ? null : Documents.project(outcome.before(), updated);
          case "UPDATED_NEW" -> Documents.project(outcome.after(), updated);
          default -> null;
        };
    if (attributes != null && !attributes.isEmpty()) {
      out.set("Attributes", AttributeValues.json(attributes));
    }
    capacity(out, input, () -> writeCapacity(table, outcome));
    itemCollectionMetrics(out, input, table, write.key());
    return out;
  }

  private JsonNode getItem(RequestContext ctx, ObjectNode input) {
    Table table = engine.table(ctx, input.get("TableName").asText());
    Legacy.noMixing(input, List.of("AttributesToGet"), List.of("ProjectionExpression"));
    Map<String, AttributeValue> key = AttributeValues.item(input.get("Key"));
    KeyValidation.key(table, key);
    ExpressionContext expressions = Writes.expressions(input);
    List<Path> projection = projection(expressions, input);
    expressions.checkUnused();
    boolean consistent = input.path("ConsistentRead").asBoolean(false);
    Map<String, AttributeValue> item;
    table.lock.lock();
    try {
      item = table.get(key);
    } finally {
      table.lock.unlock();
    }
    Map<String, AttributeValue> found = item;
    ObjectNode out = Json.object();
    if (item != null) {
      out.set("Item", AttributeValues.json(projection == null ? item : Documents.project(item, projection)));
    }
    capacity(
        out,
        input,
        () -> new Capacity(table.name()).table(Capacity.readUnits(found == null ? 0 : ItemSize.of(found), consistent)));
    return out;
  }

  static List<Path> projection(ExpressionContext expressions, JsonNode input) {
    JsonNode p = input.get("ProjectionExpression");
    return p == null || p.isNull() ? Legacy.attributesToGet(input) : expressions.projection(p.asText());
  }

  /**
   * A write costs one unit per KB of the larger of the old and new item, and the same again in
   * each secondary index the item is (or was) in.
   */
  static Capacity writeCapacity(Table table, DynamoDbEngine.Outcome outcome) {
    long size = Math.max(
        outcome.before() == null ? 0 : ItemSize.of(outcome.before()),
        outcome.after() == null ? 0 : ItemSize.of(outcome.after()));
    Capacity c = new Capacity(table.name()).table(Capacity.writeUnits(size));
    for (IndexDefinition index : table.indexes().values()) {
      long indexSize = 0;
      boolean touched = false;
      for (Map<String, AttributeValue> item : java.util.Arrays.asList(outcome.before(), outcome.after())) {
        if (item != null && item.keySet().containsAll(index.key().names())) {
          touched = true;
          indexSize = Math.max(indexSize, ItemSize.of(index.project(item, table.key())));
        }
      }
      if (touched) {
        c.index(index.name(), index.global(), Capacity.writeUnits(indexSize));
      }
    }
    return c;
  }

  /**
   * ReturnItemCollectionMetrics SIZE: for tables with local secondary indexes, the size of the
   * item collection (the items sharing the partition key) as DynamoDB's 1 GB estimate range.
   */
  static void itemCollectionMetrics(ObjectNode out, JsonNode input, Table table, Map<String, AttributeValue> key) {
    if (!"SIZE".equals(input.path("ReturnItemCollectionMetrics").asText(null))
        || table.indexes().values().stream().allMatch(IndexDefinition::global)) {
      return;
    }
    AttributeValue hash = key.get(table.key().hash());
    long bytes = 0;
    table.lock.lock();
    try {
      for (Map<String, AttributeValue> item : table.partition(null, hash).values()) {
        bytes += ItemSize.of(item);
      }
    } finally {
      table.lock.unlock();
    }
    double gb = Math.floor(bytes / (1024.0 * 1024 * 1024));
    ObjectNode metrics = out.putObject("ItemCollectionMetrics");
    metrics.set("ItemCollectionKey", AttributeValues.json(Map.of(table.key().hash(), hash)));
    metrics.putArray("SizeEstimateRangeGB").add(gb).add(gb + 1);
  }

  /** ConsumedCapacity when the request asks for it, the units counted only then (items are sized for it). */
  static void capacity(ObjectNode out, JsonNode input, Supplier<Capacity> capacity) {
    String mode = input.path("ReturnConsumedCapacity").asText(null);
    if (mode != null && !mode.equals("NONE")) {
      capacity(out, input, capacity.get());
    }
  }

  static void capacity(ObjectNode out, JsonNode input, Capacity capacity) {
    JsonNode c = capacity.json(input.path("ReturnConsumedCapacity").asText(null));
    if (c != null) {
      out.set("ConsumedCapacity", c);
    }
  }

  private static String returnValues(JsonNode input, Set<String> allowed, String wording) {
    String rv = input.path("ReturnValues").asText("NONE");
    if (!allowed.contains(rv)) {
      throw DynamoDbErrors.validation("ReturnValues can only be " + wording);
    }
    return rv;
  }
}
