package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.fogbank.dynamodb.table.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchGetItem (up to 100 keys) and BatchWriteItem (up to 25 puts and deletes). Every request is
 * checked before any is run; Fogbank processes them all, so UnprocessedKeys and UnprocessedItems
 * come back empty.
 */
final class BatchOperations {

  /** Developer Guide, "BatchGetItem" and "BatchWriteItem". */
  static final int MAX_GET_KEYS = 100;

  static final int MAX_WRITES = 25;

  private final DynamoDbEngine engine;

  BatchOperations(DynamoDbEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("BatchGetItem", this::batchGetItem);
    handlers.put("BatchWriteItem", this::batchWriteItem);
  }

  private record TableGet(Table table, List<Map<String, AttributeValue>> keys, List<Path> projection, boolean consistent) {}

  private JsonNode batchGetItem(RequestContext ctx, ObjectNode input) {
    JsonNode requestItems = input.path("RequestItems");
    int total = 0;
    for (JsonNode r : requestItems) {
      total += r.path("Keys").size();
    }
    if (total > MAX_GET_KEYS) {
      throw DynamoDbErrors.validation("Too many items requested for the BatchGetItem call");
    }
    List<TableGet> gets = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = requestItems.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Table table = engine.table(ctx, e.getKey());
      JsonNode r = e.getValue();
      Legacy.noMixing(r, List.of("AttributesToGet"), List.of("ProjectionExpression"));
      ExpressionContext expressions = Writes.expressions(r);
      List<Path> projection = ItemOperations.projection(expressions, r);
      expressions.checkUnused();
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      Set<Map<String, AttributeValue>> seen = new HashSet<>();
      for (JsonNode k : r.path("Keys")) {
        Map<String, AttributeValue> key = AttributeValues.item(k);
        KeyValidation.key(table, key);
        if (!seen.add(key)) {
          throw DynamoDbErrors.validation("Provided list of item keys contains duplicates");
        }
        keys.add(key);
      }
      gets.add(new TableGet(table, keys, projection, r.path("ConsistentRead").asBoolean(false)));
    }
    ObjectNode out = Json.object();
    ObjectNode responses = out.putObject("Responses");
    ArrayNode consumed = Json.MAPPER.createArrayNode();
    for (TableGet g : gets) {
      ArrayNode items = responses.putArray(g.table().name());
      double units = 0;
      g.table().lock.lock();
      try {
        for (Map<String, AttributeValue> key : g.keys()) {
          Map<String, AttributeValue> item = g.table().get(key);
          units += Capacity.readUnits(item == null ? 0 : ItemSize.of(item), g.consistent());
          if (item != null) {
            items.add(AttributeValues.json(g.projection() == null ? item : Documents.project(item, g.projection())));
          }
        }
      } finally {
        g.table().lock.unlock();
      }
      JsonNode c = new Capacity(g.table().name()).table(units).json(input.path("ReturnConsumedCapacity").asText(null));
      if (c != null) {
        consumed.add(c);
      }
    }
    out.putObject("UnprocessedKeys");
    if (!consumed.isEmpty()) {
      out.set("ConsumedCapacity", consumed);
    }
    return out;
  }

  private JsonNode batchWriteItem(RequestContext ctx, ObjectNode input) {
    JsonNode requestItems = input.path("RequestItems");
    int total = 0;
    for (JsonNode r : requestItems) {
      total += r.size();
    }
    if (total > MAX_WRITES) {
      throw DynamoDbErrors.validation("Too many items requested for the BatchWriteItem call");
    }
    List<Write> writes = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = requestItems.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Table table = engine.table(ctx, e.getKey());
      Set<Map<String, AttributeValue>> seen = new HashSet<>();
      for (JsonNode request : e.getValue()) {
        boolean put = request.hasNonNull("PutRequest");
        boolean delete = request.hasNonNull("DeleteRequest");
        if (put == delete) {
          throw DynamoDbErrors.validation("A WriteRequest must contain exactly one of PutRequest or DeleteRequest");
        }
        Write w;
        if (put) {
          Map<String, AttributeValue> item = AttributeValues.item(request.get("PutRequest").get("Item"));
          KeyValidation.item(table, item, false);
          w = new Write(table, Write.Kind.PUT, table.key().keyOf(item), item, null, null, false);
        } else {
          Map<String, AttributeValue> key = AttributeValues.item(request.get("DeleteRequest").get("Key"));
          KeyValidation.key(table, key);
          w = new Write(table, Write.Kind.DELETE, key, null, null, null, false);
        }
        if (!seen.add(w.key())) {
          throw DynamoDbErrors.validation("Provided list of item keys contains duplicates");
        }
        writes.add(w);
      }
    }
    Map<String, Capacity> capacities = new java.util.LinkedHashMap<>();
    for (Write w : writes) {
      DynamoDbEngine.Outcome outcome = engine.execute(w);
      Capacity c = ItemOperations.writeCapacity(w.table(), outcome);
      capacities.merge(w.table().name(), c, (a, b) -> a.table(b.total()));
    }
    ObjectNode out = Json.object();
    out.putObject("UnprocessedItems");
    String mode = input.path("ReturnConsumedCapacity").asText(null);
    ArrayNode consumed = Json.MAPPER.createArrayNode();
    capacities.values().forEach(c -> {
      JsonNode j = c.json(mode);
      if (j != null) {
        consumed.add(j);
      }
    });
    if (!consumed.isEmpty()) {
      out.set("ConsumedCapacity", consumed);
    }
    return out;
  }
}
