package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.expr.Condition;
import dev.fogbank.dynamodb.expr.ConditionEvaluator;
import dev.fogbank.dynamodb.expr.Documents;
import dev.fogbank.dynamodb.expr.Operand;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.expr.UpdateAction;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import dev.fogbank.dynamodb.item.ItemSize;
import dev.fogbank.dynamodb.partiql.PartiqlParser;
import dev.fogbank.dynamodb.partiql.Statement;
import dev.fogbank.dynamodb.table.IndexDefinition;
import dev.fogbank.dynamodb.table.KeySchema;
import dev.fogbank.dynamodb.table.SortKey;
import dev.fogbank.dynamodb.table.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * PartiQL: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction. A SELECT whose WHERE
 * fixes the partition key reads that partition; any other SELECT scans. INSERT fails on an
 * existing key (DuplicateItemException); UPDATE and DELETE need the full primary key in their
 * WHERE, and UPDATE needs the item to exist.
 */
final class PartiqlOperations {

  /** BatchExecuteStatement takes up to 25 statements, ExecuteTransaction up to 100. */
  static final int MAX_BATCH = 25;

  private final DynamoDbEngine engine;
  private final TransactOperations transactions;

  PartiqlOperations(DynamoDbEngine engine, TransactOperations transactions) {
    this.engine = engine;
    this.transactions = transactions;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("ExecuteStatement", this::executeStatement);
    handlers.put("BatchExecuteStatement", this::batchExecuteStatement);
    handlers.put("ExecuteTransaction", this::executeTransaction);
  }

  private static Statement parse(JsonNode spec) {
    List<AttributeValue> parameters = new ArrayList<>();
    spec.path("Parameters").forEach(p -> parameters.add(AttributeValues.value(p)));
    return PartiqlParser.parse(spec.path("Statement").asText(), parameters);
  }

  private JsonNode executeStatement(RequestContext ctx, ObjectNode input) {
    Statement statement = parse(input);
    if (statement instanceof Statement.Select select) {
      return select(ctx, select, input);
    }
    Write write = write(ctx, statement, "ALL_OLD".equals(input.path("ReturnValuesOnConditionCheckFailure").asText(null)));
    DynamoDbEngine.Outcome outcome;
    try {
      outcome = engine.execute(write);
    } catch (DynamoDbErrors.ConditionalCheckFailed e) {
      throw statement instanceof Statement.Insert ? duplicateItem() : e;
    }
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("Items");
    Map<String, AttributeValue> returned = returning(statement, write, outcome);
    if (returned != null) {
      items.add(AttributeValues.json(returned));
    }
    ItemOperations.capacity(out, input, ItemOperations.writeCapacity(write.table(), outcome));
    return out;
  }

  private static AwsException duplicateItem() {
    return new AwsException("DuplicateItemException", "Duplicate primary key exists in table", 400);
  }

  private static Map<String, AttributeValue> returning(Statement s, Write write, DynamoDbEngine.Outcome outcome) {
    String returning =
        s instanceof Statement.Update u ? u.returning() : s instanceof Statement.Delete d ? d.returning() : null;
    if (returning == null) {
      return null;
    }
    return switch (returning) {
      case "ALL_OLD" -> outcome.before();
      case "ALL_NEW" -> outcome.after();
      case "MODIFIED_OLD" -> outcome.before() == null ? null : Documents.project(outcome.before(), write.updatedPaths());
      default -> outcome.after() == null ? null : Documents.project(outcome.after(), write.updatedPaths());
    };
  }

  /** The checked write of an INSERT, UPDATE or DELETE. */
  private Write write(RequestContext ctx, Statement statement, boolean returnOld) {
    Table table = engine.table(ctx, statement.table());
    Operand hash = new Operand.PathRef(Path.of(table.key().hash()));
    return switch (statement) {
      case Statement.Insert insert -> {
        KeyValidation.item(table, insert.item(), false);
        yield new Write(table, Write.Kind.PUT, table.key().keyOf(insert.item()), insert.item(), null,
            new Condition.Function("attribute_not_exists", List.of(hash)), returnOld);
      }
      case Statement.Update update -> {
        Map<String, AttributeValue> key = key(table, update.where());
        for (UpdateAction a : update.actions()) {
          if (table.key().names().contains(a.path().head())) {
            throw DynamoDbErrors.validation(
                "One or more parameter values were invalid: Cannot update attribute " + a.path().head()
                    + ". This attribute is part of the key");
          }
        }
        Condition exists = new Condition.Function("attribute_exists", List.of(hash));
        yield new Write(table, Write.Kind.UPDATE, key, null, update.actions(), new Condition.And(exists, update.where()), returnOld);
      }
      case Statement.Delete delete -> {
        Map<String, AttributeValue> key = key(table, delete.where());
        Condition missing = new Condition.Function("attribute_not_exists", List.of(hash));
        yield new Write(table, Write.Kind.DELETE, key, null, null, new Condition.Or(missing, delete.where()), returnOld);
      }
      case Statement.Select select -> throw DynamoDbErrors.validation("A SELECT statement does not write");
    };
  }

  /** The primary key a WHERE clause fixes with equalities; UPDATE, DELETE and batch reads need all of it. */
  private static Map<String, AttributeValue> key(Table table, Condition where) {
    Map<String, AttributeValue> equalities = equalities(where);
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String name : table.key().names()) {
      AttributeValue v = equalities.get(name);
      if (v == null) {
        throw DynamoDbErrors.validation("Where clause does not contain a mandatory equality on all key attributes");
      }
      key.put(name, v);
    }
    KeyValidation.key(table, key);
    return key;
  }

  /** The {@code attribute = value} terms of a WHERE clause's top-level conjunction. */
  private static Map<String, AttributeValue> equalities(Condition where) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    List<Condition> pending = new ArrayList<>();
    if (where != null) {
      pending.add(where);
    }
    while (!pending.isEmpty()) {
      Condition c = pending.remove(pending.size() - 1);
      if (c instanceof Condition.And and) {
        pending.add(and.left());
        pending.add(and.right());
      } else if (c instanceof Condition.Compare cmp && cmp.op().equals("=")) {
        if (cmp.left() instanceof Operand.PathRef p && p.path().isTopLevel() && cmp.right() instanceof Operand.Value v) {
          out.put(p.path().head(), v.value());
        } else if (cmp.right() instanceof Operand.PathRef p && p.path().isTopLevel() && cmp.left() instanceof Operand.Value v) {
          out.put(p.path().head(), v.value());
        }
      }
    }
    return out;
  }

  private JsonNode select(RequestContext ctx, Statement.Select select, JsonNode input) {
    Table table = engine.table(ctx, select.table());
    IndexDefinition index = null;
    if (select.index() != null) {
      index = table.index(select.index());
      if (index == null) {
        throw DynamoDbErrors.validation("The table does not have the specified index: " + select.index());
      }
    }
    String indexName = index == null ? null : index.name();
    KeySchema key = table.keyOf(indexName);
    AttributeValue hash = equalities(select.where()).get(key.hash());
    Map<String, AttributeValue> start = null;
    if (input.hasNonNull("NextToken")) {
      try {
        start = AttributeValues.item(Json.parse(new String(Base64.getDecoder().decode(input.get("NextToken").asText()), StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        throw DynamoDbErrors.validation("Invalid NextToken");
      }
    }
    Integer limit = input.hasNonNull("Limit") ? input.get("Limit").asInt() : null;
    boolean consistent = input.path("ConsistentRead").asBoolean(false);
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("Items");
    int evaluated = 0;
    long bytes = 0;
    Map<String, AttributeValue> last = null;
    boolean more;
    table.lock.lock();
    try {
      Iterator<Map<String, AttributeValue>> it;
      if (hash != null) {
        NavigableMap<SortKey, Map<String, AttributeValue>> partition = table.partition(indexName, hash);
        if (start != null) {
          SortKey after = table.sortKey(indexName, start);
          partition = select.descending() ? partition.headMap(after, false) : partition.tailMap(after, false);
        }
        it = (select.descending() ? partition.descendingMap() : partition).values().iterator();
      } else {
        it = table.scan(indexName, start);
      }
      while (it.hasNext() && (limit == null || evaluated < limit) && bytes < ReadOperations.PAGE_BYTES) {
        Map<String, AttributeValue> stored = it.next();
        Map<String, AttributeValue> item = index == null ? stored : index.project(stored, table.key());
        evaluated++;
        bytes += ItemSize.of(item);
        last = stored;
        if (select.where() == null || ConditionEvaluator.test(select.where(), item)) {
          items.add(AttributeValues.json(select.projection() == null ? item : Documents.project(item, select.projection())));
        }
      }
      more = it.hasNext();
    } finally {
      table.lock.unlock();
    }
    if (more && last != null) {
      Map<String, AttributeValue> lastKey = new LinkedHashMap<>(table.key().keyOf(last));
      if (index != null) {
        lastKey.putAll(index.key().keyOf(last));
      }
      out.put("NextToken", Base64.getEncoder().encodeToString(Json.bytes(AttributeValues.json(lastKey))));
      out.set("LastEvaluatedKey", AttributeValues.json(lastKey));
    }
    Capacity capacity = new Capacity(table.name());
    capacity.table(Capacity.readUnits(bytes, consistent));
    ItemOperations.capacity(out, input, capacity);
    return out;
  }

  /** A SELECT of one item by its full key, as batch and transaction reads must be. */
  private Map<String, AttributeValue> get(RequestContext ctx, Statement.Select select) {
    Table table = engine.table(ctx, select.table());
    Map<String, AttributeValue> key = key(table, select.where());
    table.lock.lock();
    try {
      Map<String, AttributeValue> item = table.get(key);
      if (item == null || (select.where() != null && !ConditionEvaluator.test(select.where(), item))) {
        return null;
      }
      return select.projection() == null ? item : Documents.project(item, select.projection());
    } finally {
      table.lock.unlock();
    }
  }

  private JsonNode batchExecuteStatement(RequestContext ctx, ObjectNode input) {
    JsonNode specs = input.path("Statements");
    if (specs.size() > MAX_BATCH) {
      throw DynamoDbErrors.validation("Too many items requested for the BatchExecuteStatement call");
    }
    List<Statement> statements = new ArrayList<>();
    specs.forEach(s -> statements.add(parse(s)));
    long reads = statements.stream().filter(s -> s instanceof Statement.Select).count();
    if (reads != 0 && reads != statements.size()) {
      throw DynamoDbErrors.validation("Statements in a batch must all be reads or all be writes");
    }
    ObjectNode out = Json.object();
    ArrayNode responses = out.putArray("Responses");
    for (Statement s : statements) {
      ObjectNode r = responses.addObject();
      r.put("TableName", s.table());
      try {
        if (s instanceof Statement.Select select) {
          Map<String, AttributeValue> item = get(ctx, select);
          if (item != null) {
            r.set("Item", AttributeValues.json(item));
          }
        } else {
          engine.execute(write(ctx, s, false));
        }
      } catch (DynamoDbErrors.ConditionalCheckFailed e) {
        boolean insert = s instanceof Statement.Insert;
        r.putObject("Error")
            .put("Code", insert ? "DuplicateItem" : "ConditionalCheckFailed")
            .put("Message", insert ? "Duplicate primary key exists in table" : e.getMessage());
      } catch (AwsException e) {
        r.putObject("Error")
            .put("Code", e.code().equals("ResourceNotFoundException") ? "ResourceNotFound" : "ValidationError")
            .put("Message", e.getMessage());
      }
    }
    return out;
  }

  private JsonNode executeTransaction(RequestContext ctx, ObjectNode input) {
    return transactions.idempotent(ctx, input, () -> transaction(ctx, input));
  }

  private JsonNode transaction(RequestContext ctx, ObjectNode input) {
    List<Statement> statements = new ArrayList<>();
    input.path("TransactStatements").forEach(s -> statements.add(parse(s)));
    long reads = statements.stream().filter(s -> s instanceof Statement.Select).count();
    ObjectNode out = Json.object();
    if (reads == statements.size()) {
      ArrayNode responses = out.putArray("Responses");
      for (Statement s : statements) {
        Map<String, AttributeValue> item = get(ctx, (Statement.Select) s);
        ObjectNode r = responses.addObject();
        if (item != null) {
          r.set("Item", AttributeValues.json(item));
        }
      }
      return out;
    }
    if (reads != 0) {
      throw DynamoDbErrors.validation("Transaction statements must all be reads or all be writes");
    }
    List<Write> writes = new ArrayList<>();
    java.util.Set<String> items = new java.util.HashSet<>();
    for (Statement s : statements) {
      Write w = write(ctx, s, false);
      if (!items.add(w.table().arn() + AttributeValues.json(w.key()))) {
        throw DynamoDbErrors.validation("Transaction request cannot include multiple operations on one item");
      }
      writes.add(w);
    }
    transactions.run(writes);
    return out;
  }
}
