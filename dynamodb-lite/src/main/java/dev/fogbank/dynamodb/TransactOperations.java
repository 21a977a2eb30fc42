package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.expr.Documents;
import dev.fogbank.dynamodb.expr.ExpressionContext;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import dev.fogbank.dynamodb.item.ItemSize;
import dev.fogbank.dynamodb.table.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TransactWriteItems and TransactGetItems (Developer Guide, "Amazon DynamoDB Transactions"): all
 * actions succeed or none is applied; a failed condition cancels the transaction with one
 * cancellation reason per action, in order. A ClientRequestToken makes TransactWriteItems
 * idempotent for 10 minutes: a retry with the same token and the same request answers as the
 * first call without running again; the same token with a different request is an
 * IdempotentParameterMismatchException.
 */
final class TransactOperations {

  /** The idempotency window of ClientRequestToken. */
  static final long TOKEN_MILLIS = 10 * 60 * 1000;

  private final DynamoDbEngine engine;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  private record Token(JsonNode request, long time, JsonNode response) {}

  TransactOperations(DynamoDbEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("TransactWriteItems", this::transactWriteItems);
    handlers.put("TransactGetItems", this::transactGetItems);
  }

  void reset() {
    tokens.clear();
  }

  private JsonNode transactWriteItems(RequestContext ctx, ObjectNode input) {
    return idempotent(ctx, input, () -> write(ctx, input));
  }

  /**
   * Runs a transaction once per ClientRequestToken for 10 minutes: a retry with the same token
   * and request answers the first response; a different request is a mismatch.
   */
  JsonNode idempotent(RequestContext ctx, ObjectNode input, java.util.function.Supplier<JsonNode> transaction) {
    String token = input.path("ClientRequestToken").asText(null);
    if (token == null) {
      return transaction.get();
    }
    String scope = ctx.account() + "/" + ctx.region() + "/" + token;
    JsonNode request = input.deepCopy();
    ((ObjectNode) request).remove("ReturnConsumedCapacity");
    synchronized (tokens) {
      long now = engine.clock.millis();
      tokens.values().removeIf(t -> now - t.time() > TOKEN_MILLIS);
      Token seen = tokens.get(scope);
      if (seen != null) {
        if (!seen.request().equals(request)) {
          throw DynamoDbErrors.idempotentParameterMismatch();
        }
        return seen.response();
      }
    }
    JsonNode response = transaction.get();
    synchronized (tokens) {
      tokens.putIfAbsent(scope, new Token(request, engine.clock.millis(), response));
    }
    return response;
  }

  private JsonNode write(RequestContext ctx, ObjectNode input) {
    List<Write> writes = new ArrayList<>();
    Set<String> items = new HashSet<>();
    for (JsonNode action : input.path("TransactItems")) {
      Write w;
      JsonNode spec;
      if ((spec = action.get("Put")) != null) {
        w = Writes.put(engine.table(ctx, spec.path("TableName").asText()), spec);
      } else if ((spec = action.get("Update")) != null) {
        w = Writes.update(engine.table(ctx, spec.path("TableName").asText()), spec);
      } else if ((spec = action.get("Delete")) != null) {
        w = Writes.delete(engine.table(ctx, spec.path("TableName").asText()), spec);
      } else if ((spec = action.get("ConditionCheck")) != null) {
        w = Writes.conditionCheck(engine.table(ctx, spec.path("TableName").asText()), spec);
      } else {
        throw DynamoDbErrors.validation(
            "TransactItems can only contain one of Check, Put, Update or Delete");
      }
      if (!items.add(w.table().arn() + AttributeValues.json(w.key()))) {
        throw DynamoDbErrors.validation("Transaction request cannot include multiple operations on one item");
      }
      writes.add(w);
    }
    List<DynamoDbEngine.Outcome> outcomes = run(writes);
    ObjectNode out = Json.object();
    String mode = input.path("ReturnConsumedCapacity").asText(null);
    Map<String, Capacity> capacities = new LinkedHashMap<>();
    for (int i = 0; i < writes.size(); i++) {
      // transactional writes cost two units per KB
      Capacity c = ItemOperations.writeCapacity(writes.get(i).table(), outcomes.get(i));
      capacities.merge(writes.get(i).table().name(), new Capacity(writes.get(i).table().name()).table(2 * c.total()),
          (a, b) -> a.table(b.total()));
    }
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

  /**
   * Runs checked writes as one transaction: under the locks of all their tables (taken in ARN
   * order), every condition is evaluated first; if any fails the transaction is cancelled with a
   * reason per write, otherwise every write is applied.
   */
  List<DynamoDbEngine.Outcome> run(List<Write> writes) {
    TreeSet<Table> tables = new TreeSet<>(Comparator.comparing(Table::arn));
    writes.forEach(w -> tables.add(w.table()));
    tables.forEach(t -> t.lock.lock());
    List<DynamoDbEngine.Outcome> outcomes = new ArrayList<>();
    try {
      ArrayNode reasons = Json.MAPPER.createArrayNode();
      List<String> codes = new ArrayList<>();
      boolean cancelled = false;
      for (Write w : writes) {
        Map<String, AttributeValue> before = w.table().get(w.key());
        ObjectNode reason = reasons.addObject();
        try {
          DynamoDbEngine.check(w, before);
          outcomes.add(new DynamoDbEngine.Outcome(before, w.apply(before)));
          reason.put("Code", "None");
          codes.add("None");
        } catch (DynamoDbErrors.ConditionalCheckFailed e) {
          cancelled = true;
          reason.put("Code", "ConditionalCheckFailed").put("Message", e.getMessage());
          if (e.item() != null) {
            reason.set("Item", e.item());
          }
          codes.add("ConditionalCheckFailed");
        } catch (AwsException e) {
          cancelled = true;
          reason.put("Code", "ValidationError").put("Message", e.getMessage());
          codes.add("ValidationError");
        }
      }
      if (cancelled) {
        throw new DynamoDbErrors.TransactionCanceled(reasons, codes);
      }
      for (int i = 0; i < writes.size(); i++) {
        engine.store(writes.get(i), outcomes.get(i).before(), outcomes.get(i).after());
      }
    } finally {
      tables.descendingSet().forEach(t -> t.lock.unlock());
    }
    return outcomes;
  }

  private record Get(Table table, Map<String, AttributeValue> key, List<Path> projection) {}

  private JsonNode transactGetItems(RequestContext ctx, ObjectNode input) {
    List<Get> gets = new ArrayList<>();
    for (JsonNode action : input.path("TransactItems")) {
      JsonNode spec = action.path("Get");
      Table table = engine.table(ctx, spec.path("TableName").asText());
      Map<String, AttributeValue> key = AttributeValues.item(spec.get("Key"));
      KeyValidation.key(table, key);
      ExpressionContext expressions = Writes.expressions(spec);
      List<Path> projection = ItemOperations.projection(expressions, spec);
      expressions.checkUnused();
      gets.add(new Get(table, key, projection));
    }
    TreeSet<Table> tables = new TreeSet<>(Comparator.comparing(Table::arn));
    gets.forEach(g -> tables.add(g.table()));
    ObjectNode out = Json.object();
    ArrayNode responses = out.putArray("Responses");
    Map<String, Double> units = new LinkedHashMap<>();
    tables.forEach(t -> t.lock.lock());
    try {
      for (Get g : gets) {
        Map<String, AttributeValue> item = g.table().get(g.key());
        ObjectNode response = responses.addObject();
        if (item != null) {
          response.set("Item", AttributeValues.json(g.projection() == null ? item : Documents.project(item, g.projection())));
        }
        // transactional reads cost two units per 4 KB
        units.merge(g.table().name(), 2 * Capacity.readUnits(item == null ? 0 : ItemSize.of(item), true), Double::sum);
      }
    } finally {
      tables.descendingSet().forEach(t -> t.lock.unlock());
    }
    String mode = input.path("ReturnConsumedCapacity").asText(null);
    ArrayNode consumed = Json.MAPPER.createArrayNode();
    units.forEach((t, u) -> {
      JsonNode j = new Capacity(t).table(u).json(mode);
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
