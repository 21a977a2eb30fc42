package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.expr.Condition;
import dev.fogbank.dynamodb.expr.ConditionEvaluator;
import dev.fogbank.dynamodb.expr.Documents;
import dev.fogbank.dynamodb.expr.ExpressionContext;
import dev.fogbank.dynamodb.expr.Operand;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import dev.fogbank.dynamodb.item.ItemSize;
import dev.fogbank.dynamodb.table.IndexDefinition;
import dev.fogbank.dynamodb.table.KeySchema;
import dev.fogbank.dynamodb.table.SortKey;
import dev.fogbank.dynamodb.table.Table;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Query and Scan. A page ends after Limit evaluated items or once 1 MB of items has been read
 * (Developer Guide, "Paginating table query results"), and then carries a LastEvaluatedKey; the
 * FilterExpression applies after that, so a page may hold fewer items than it evaluated.
 */
final class ReadOperations {

  /** Query and Scan read at most 1 MB per page. */
  static final int PAGE_BYTES = 1024 * 1024;

  private final DynamoDbEngine engine;

  ReadOperations(DynamoDbEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("Query", this::query);
    handlers.put("Scan", this::scan);
  }

  /** What a Query or Scan asked for, checked. */
  private record Request(
      Table table,
      IndexDefinition index,
      String select,
      List<Path> projection,
      Condition filter,
      Integer limit,
      Map<String, AttributeValue> exclusiveStart,
      boolean consistent) {}

  private Request request(RequestContext ctx, ObjectNode input, ExpressionContext expressions, String op) {
    Table table = engine.table(ctx, input.get("TableName").asText());
    IndexDefinition index = null;
    if (input.hasNonNull("IndexName")) {
      index = table.index(input.get("IndexName").asText());
      if (index == null) {
        throw DynamoDbErrors.validation(
            "The table does not have the specified index: " + input.get("IndexName").asText());
      }
    }
    boolean consistent = input.path("ConsistentRead").asBoolean(false);
    if (consistent && index != null && index.global()) {
      throw DynamoDbErrors.validation("Consistent reads are not supported on global secondary indexes");
    }
    String select = input.path("Select").asText(null);
    List<Path> projection = ItemOperations.projection(expressions, input);
    if (select == null) {
      select = projection != null ? "SPECIFIC_ATTRIBUTES" : index != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
    } else if (projection != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
      throw DynamoDbErrors.validation(
          "Cannot specify the "
              + (input.hasNonNull("AttributesToGet") ? "AttributesToGet" : "ProjectionExpression")
              + " when choosing to get "
              + select);
    } else if (select.equals("SPECIFIC_ATTRIBUTES") && projection == null) {
      throw DynamoDbErrors.validation(
          "SPECIFIC_ATTRIBUTES requires either AttributesToGet or ProjectionExpression to be specified");
    }
    if (select.equals("ALL_PROJECTED_ATTRIBUTES") && index == null) {
      throw DynamoDbErrors.validation(
          "ALL_PROJECTED_ATTRIBUTES can be used only when " + (op.equals("Query") ? "Querying" : "Scanning") + " using an IndexName");
    }
    if (select.equals("ALL_ATTRIBUTES") && index != null && index.global() && !index.projectionType().equals("ALL")) {
      throw DynamoDbErrors.validation(
          "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index "
              + index.name()
              + " because its projection type is not ALL");
    }
    Condition filter = null;
    String legacyFilter = op.equals("Query") ? "QueryFilter" : "ScanFilter";
    if (input.hasNonNull("FilterExpression")) {
      filter = expressions.condition("FilterExpression", input.get("FilterExpression").asText());
    } else if (input.hasNonNull(legacyFilter)) {
      filter = Legacy.conditions(input.get(legacyFilter), input.path("ConditionalOperator").asText("AND"));
      if (op.equals("Query")) {
        KeySchema key = index == null ? table.key() : index.key();
        for (String name : Legacy.names(input.get(legacyFilter))) {
          if (key.names().contains(name)) {
            throw DynamoDbErrors.validation(
                "QueryFilter can only contain non-key attributes: Primary key attribute: " + name);
          }
        }
      }
    }
    Integer limit = input.hasNonNull("Limit") ? input.get("Limit").asInt() : null;
    Map<String, AttributeValue> start = null;
    if (input.hasNonNull("ExclusiveStartKey")) {
      start = AttributeValues.item(input.get("ExclusiveStartKey"));
      checkStartKey(table, index, start);
    }
    return new Request(table, index, select, projection, filter, limit, start, consistent);
  }

  private static void checkStartKey(Table table, IndexDefinition index, Map<String, AttributeValue> start) {
    List<String> expected = new java.util.ArrayList<>(table.key().names());
    if (index != null) {
      index.key().names().stream().filter(n -> !expected.contains(n)).forEach(expected::add);
    }
    if (start.size() != expected.size() || !start.keySet().containsAll(expected)) {
      throw DynamoDbErrors.validation("The provided starting key is invalid: The provided key element does not match the schema");
    }
    for (String n : expected) {
      if (!start.get(n).type().equals(table.attributeType(n))) {
        throw DynamoDbErrors.validation(
            "The provided starting key is invalid: The provided key element does not match the schema");
      }
    }
  }

  private JsonNode query(RequestContext ctx, ObjectNode input) {
    Legacy.noMixing(
        input,
        List.of("KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator"),
        List.of("KeyConditionExpression", "FilterExpression", "ProjectionExpression"));
    ExpressionContext expressions = Writes.expressions(input);
    Condition keyExpression;
    if (input.hasNonNull("KeyConditionExpression")) {
      keyExpression = expressions.condition("KeyConditionExpression", input.get("KeyConditionExpression").asText());
    } else if (input.hasNonNull("KeyConditions")) {
      keyExpression = Legacy.conditions(input.get("KeyConditions"), "AND");
    } else {
      throw DynamoDbErrors.validation(
          "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    }
    Request r = request(ctx, input, expressions, "Query");
    expressions.checkUnused();
    String indexName = r.index() == null ? null : r.index().name();
    KeySchema key = r.table().keyOf(indexName);
    KeyCondition keyCondition = KeyCondition.of(keyExpression, r.table(), key);
    checkFilterOnKeys(r, key);
    boolean forward = input.path("ScanIndexForward").asBoolean(true);
    Page page = new Page(r);
    r.table().lock.lock();
    try {
      NavigableMap<SortKey, Map<String, AttributeValue>> partition =
          r.table().partition(indexName, keyCondition.hashValue());
      if (r.exclusiveStart() != null) {
        if (!keyCondition.hashValue().equals(r.exclusiveStart().get(key.hash()))) {
          throw DynamoDbErrors.validation("The provided starting key is invalid: The provided key element does not match the schema");
        }
        SortKey after = r.table().sortKey(indexName, r.exclusiveStart());
        partition = forward ? partition.tailMap(after, false) : partition.headMap(after, false);
      }
      Iterator<Map<String, AttributeValue>> items =
          (forward ? partition : partition.descendingMap()).values().iterator();
      boolean matched = false;
      while (items.hasNext() && !page.full()) {
        Map<String, AttributeValue> item = items.next();
        if (!keyCondition.rangeMatches(item)) {
          // the items of a sort key condition are contiguous in sort order
          if (matched) {
            break;
          }
          continue;
        }
        matched = true;
        page.add(item);
      }
      page.more = items.hasNext();
    } finally {
      r.table().lock.unlock();
    }
    return page.json(input);
  }

  private JsonNode scan(RequestContext ctx, ObjectNode input) {
    Legacy.noMixing(
        input,
        List.of("ScanFilter", "AttributesToGet", "ConditionalOperator"),
        List.of("FilterExpression", "ProjectionExpression"));
    ExpressionContext expressions = Writes.expressions(input);
    Integer segment = input.hasNonNull("Segment") ? input.get("Segment").asInt() : null;
    Integer total = input.hasNonNull("TotalSegments") ? input.get("TotalSegments").asInt() : null;
    if (segment != null && total == null) {
      throw DynamoDbErrors.validation(
          "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
    }
    if (total != null && segment == null) {
      throw DynamoDbErrors.validation(
          "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
    }
    if (segment != null && segment >= total) {
      throw DynamoDbErrors.validation(
          "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
              + segment
              + " is not less than TotalSegments: "
              + total);
    }
    Request r = request(ctx, input, expressions, "Scan");
    expressions.checkUnused();
    String indexName = r.index() == null ? null : r.index().name();
    String hash = r.table().keyOf(indexName).hash();
    Page page = new Page(r);
    r.table().lock.lock();
    try {
      Iterator<Map<String, AttributeValue>> items = r.table().scan(indexName, r.exclusiveStart());
      while (items.hasNext() && !page.full()) {
        Map<String, AttributeValue> item = items.next();
        // a partition belongs to exactly one segment
        if (segment != null && Math.floorMod(item.get(hash).hashCode(), total) != segment) {
          continue;
        }
        page.add(item);
      }
      page.more = items.hasNext();
    } finally {
      r.table().lock.unlock();
    }
    return page.json(input);
  }

  private static void checkFilterOnKeys(Request r, KeySchema key) {
    if (r.filter() == null) {
      return;
    }
    for (String name : key.names()) {
      if (mentions(r.filter(), name)) {
        throw DynamoDbErrors.validation(
            "Filter Expression can only contain non-primary key attributes: Primary key attribute: " + name);
      }
    }
  }

  private static boolean mentions(Condition c, String attribute) {
    return switch (c) {
      case Condition.And a -> mentions(a.left(), attribute) || mentions(a.right(), attribute);
      case Condition.Or o -> mentions(o.left(), attribute) || mentions(o.right(), attribute);
      case Condition.Not n -> mentions(n.condition(), attribute);
      case Condition.Compare cmp -> mentions(cmp.left(), attribute) || mentions(cmp.right(), attribute);
      case Condition.Between b ->
          mentions(b.value(), attribute) || mentions(b.low(), attribute) || mentions(b.high(), attribute);
      case Condition.In in ->
          mentions(in.value(), attribute) || in.candidates().stream().anyMatch(o -> mentions(o, attribute));
      case Condition.Function f -> f.args().stream().anyMatch(o -> mentions(o, attribute));
    };
  }

  private static boolean mentions(Operand o, String attribute) {
    return switch (o) {
      case Operand.PathRef p -> p.path().isTopLevel() && p.path().head().equals(attribute);
      case Operand.Call c -> c.args().stream().anyMatch(x -> mentions(x, attribute));
      default -> false;
    };
  }

  /** One page of a Query or Scan being collected. */
  private final class Page {
    final Request r;
    final ArrayNode items = Json.MAPPER.createArrayNode();
    int scanned;
    int count;
    long bytes;
    Map<String, AttributeValue> last;
    boolean more;

    Page(Request r) {
      this.r = r;
    }

    boolean full() {
      return (r.limit() != null && scanned >= r.limit()) || bytes >= PAGE_BYTES;
    }

    void add(Map<String, AttributeValue> stored) {
      scanned++;
      Map<String, AttributeValue> item = stored;
      if (r.index() != null && !r.select().equals("ALL_ATTRIBUTES")) {
        item = r.index().project(stored, r.table().key());
      }
      bytes += ItemSize.of(item);
      last = stored;
      if (r.filter() != null && !ConditionEvaluator.test(r.filter(), item)) {
        return;
      }
      count++;
      if (!r.select().equals("COUNT")) {
        items.add(AttributeValues.json(r.projection() == null ? item : Documents.project(item, r.projection())));
      }
    }

    JsonNode json(JsonNode input) {
      ObjectNode out = Json.object();
      if (!r.select().equals("COUNT")) {
        out.set("Items", items);
      }
      out.put("Count", count);
      out.put("ScannedCount", scanned);
      if (last != null && full() && (more || r.limit() != null)) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(r.table().key().keyOf(last));
        if (r.index() != null) {
          key.putAll(r.index().key().keyOf(last));
        }
        out.set("LastEvaluatedKey", AttributeValues.json(key));
      }
      Capacity capacity = new Capacity(r.table().name());
      double units = Capacity.readUnits(bytes, r.consistent());
      if (r.index() == null) {
        capacity.table(units);
      } else {
        capacity.table(0).index(r.index().name(), r.index().global(), units);
      }
      ItemOperations.capacity(out, input, capacity);
      return out;
    }
  }
}
