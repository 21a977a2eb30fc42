package dev.fogbank.dynamodb;

import dev.fogbank.core.bus.EventBus;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.state.AccountRegionStore;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.dynamodb.expr.ConditionEvaluator;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import dev.fogbank.dynamodb.table.Table;
import dev.fogbank.dynamodb.table.Tables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The DynamoDB engine, without HTTP: tables per account and region, the operations, and the hooks
 * that time to live and streams hang on item changes.
 */
public final class DynamoDbEngine {

  /** Something that wants to know about every item change (streams, time to live). */
  interface ChangeListener {
    void changed(Table table, Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean byTtl);
  }

  final AccountRegionStore<Tables> store = new AccountRegionStore<>((account, region) -> new Tables());
  final Clock clock;
  final Scheduler scheduler;
  final EventBus bus;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, OperationHandler> handlers = new LinkedHashMap<>();
  final TimeToLive timeToLive;
  final Streams streams;
  private final TransactOperations transactions;
  private final Backups backups;

  public DynamoDbEngine(Clock clock, Scheduler scheduler, EventBus bus) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.bus = bus;
    this.timeToLive = new TimeToLive(this);
    this.streams = new Streams(this);
    listeners.add(timeToLive);
    listeners.add(streams);
    new TableOperations(this).register(handlers);
    new ItemOperations(this).register(handlers);
    new ReadOperations(this).register(handlers);
    new BatchOperations(this).register(handlers);
    this.transactions = new TransactOperations(this);
    transactions.register(handlers);
    new PartiqlOperations(this, transactions).register(handlers);
    this.backups = new Backups(this);
    backups.register(handlers);
    handlers.replaceAll((name, handler) -> (ctx, input) -> {
      checkTableName(input.get("TableName"));
      return handler.handle(ctx, input);
    });
  }

  /**
   * The model lets TableName also carry a table ARN (up to 1024 characters), so a plain name's own
   * constraints — 3 to 255 characters of {@code [a-zA-Z0-9_.-]} — are checked here, reported as
   * Coral's request validation does.
   */
  static void checkTableName(com.fasterxml.jackson.databind.JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().startsWith("arn:")) {
      return;
    }
    String name = node.asText();
    String prefix = "1 validation error detected: Value '" + name + "' at 'tableName' failed to satisfy constraint: ";
    if (name.length() < 3) {
      throw DynamoDbErrors.validation(prefix + "Member must have length greater than or equal to 3");
    }
    if (name.length() > 255) {
      throw DynamoDbErrors.validation(prefix + "Member must have length less than or equal to 255");
    }
    if (!name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == '-')) {
      throw DynamoDbErrors.validation(prefix + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
  }

  /** DynamoDB's operations by name. */
  public Map<String, OperationHandler> handlers() {
    return handlers;
  }

  /** DynamoDB Streams' operations by name. */
  public Map<String, OperationHandler> streamHandlers() {
    return streams.handlers();
  }

  public void reset() {
    store.all().forEach(t -> t.byName.clear());
    store.reset();
    streams.reset();
    transactions.reset();
    backups.reset();
  }

  Tables tables(RequestContext ctx) {
    return store.get(ctx.account(), ctx.region());
  }

  /** The table a data-plane request names (by name or ARN); ResourceNotFoundException if none. */
  Table table(RequestContext ctx, String nameOrArn) {
    Table t = tables(ctx).byName.get(tableName(nameOrArn));
    if (t == null) {
      throw DynamoDbErrors.resourceNotFound();
    }
    return t;
  }

  /** A table name, also from a table ARN ({@code arn:aws:dynamodb:…:table/Name}). */
  static String tableName(String nameOrArn) {
    if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
      int i = nameOrArn.indexOf(":table/");
      if (i >= 0) {
        String rest = nameOrArn.substring(i + 7);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
      }
    }
    return nameOrArn;
  }

  /** The outcome of one write: the item before and after. */
  record Outcome(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {}

  /** Runs one write under its table's lock: condition, change, listeners. */
  Outcome execute(Write write) {
    Table table = write.table();
    table.lock.lock();
    try {
      Map<String, AttributeValue> before = table.get(write.key());
      check(write, before);
      Map<String, AttributeValue> after = write.apply(before);
      store(write, before, after);
      return new Outcome(before, after);
    } finally {
      table.lock.unlock();
    }
  }

  /** Throws ConditionalCheckFailedException when the write's condition does not hold. */
  static void check(Write write, Map<String, AttributeValue> before) {
    if (write.condition() != null
        && !ConditionEvaluator.test(write.condition(), before == null ? Map.of() : before)) {
      throw new DynamoDbErrors.ConditionalCheckFailed(
          write.returnOldOnFailure() && before != null ? AttributeValues.json(before) : null);
    }
  }

  /** Applies a checked write; the caller holds the table's lock. */
  void store(Write write, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    if (!write.changesTable()) {
      return;
    }
    Table table = write.table();
    if (after == null) {
      if (before != null) {
        table.delete(write.key());
        changed(table, before, null, false);
      }
    } else {
      table.put(after);
      changed(table, before, after, false);
    }
  }

  void changed(Table table, Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean byTtl) {
    for (ChangeListener l : listeners) {
      l.changed(table, before, after, byTtl);
    }
  }
}
