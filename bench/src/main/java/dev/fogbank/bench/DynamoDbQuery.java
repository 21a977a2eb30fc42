package dev.fogbank.bench;

import static dev.fogbank.bench.DynamoDbTables.n;
import static dev.fogbank.bench.DynamoDbTables.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@code dynamodb-query}: one table (hash key {@code pk}, range key {@code sk}) pre-loaded with
 * {@value #PARTITIONS} partitions of {@value #ITEMS_PER_PARTITION} items, each item with a
 * category {@code cat = sk % 10} and {@code --size} bytes of data. A cycle is one Query of a
 * random partition with a FilterExpression on a random category: the server reads 100 items and
 * returns the 10 that match (a Query answering any other count counts as an error). One op per
 * cycle.
 */
final class DynamoDbQuery implements Workload {

  static final int PARTITIONS = 10;
  static final int ITEMS_PER_PARTITION = 100;
  static final int CATEGORIES = 10;

  private DynamoDbClient dynamoDb;
  private String table;

  @Override
  public void setUp(BenchClients clients, DriverOptions options) {
    dynamoDb = clients.dynamoDb();
    try {
      table = DynamoDbTables.create(dynamoDb, "query", true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    AttributeValue data = s(BenchQueues.body(options.size()));
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = 0; i < ITEMS_PER_PARTITION; i++) {
        items.add(Map.of("pk", partition(p), "sk", n(i), "cat", n(i % CATEGORIES), "data", data));
      }
    }
    DynamoDbTables.load(dynamoDb, table, items);
  }

  private static AttributeValue partition(int p) {
    return s("p" + p);
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, AttributeValue> values =
            Map.of(":p", partition(random.nextInt(PARTITIONS)), ":c", n(random.nextInt(CATEGORIES)));
        long start = System.nanoTime();
        QueryResponse found =
            timer.call(
                () ->
                    dynamoDb.query(
                        b ->
                            b.tableName(table)
                                .keyConditionExpression("pk = :p")
                                .filterExpression("cat = :c")
                                .expressionAttributeValues(values)));
        if (found.count() != ITEMS_PER_PARTITION / CATEGORIES || found.scannedCount() != ITEMS_PER_PARTITION) {
          timer.failedEntries(start);
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void tearDown() {
    if (table != null) {
      DynamoDbTables.delete(dynamoDb, table);
    }
  }
}
