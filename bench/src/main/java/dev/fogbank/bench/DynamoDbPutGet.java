package dev.fogbank.bench;

import static dev.fogbank.bench.DynamoDbTables.s;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@code dynamodb-put-get}: one table (created by the driver, on-demand, hash key {@code pk}).
 * Each worker owns {@value #KEYS_PER_WORKER} keys; a cycle is one PutItem of an item of {@code
 * --size} bytes of data to a random key of the worker's, then one GetItem of a random key the
 * worker has already written (strongly consistent, so the item must be there: a GetItem that
 * answers without it counts as an error). Two ops per cycle.
 */
final class DynamoDbPutGet implements Workload {

  static final int KEYS_PER_WORKER = 1000;

  private DynamoDbClient dynamoDb;
  private String table;

  @Override
  public void setUp(BenchClients clients, DriverOptions options) {
    dynamoDb = clients.dynamoDb();
    try {
      table = DynamoDbTables.create(dynamoDb, "put-get", false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    AttributeValue data = s(BenchQueues.body(options.size()));
    BitSet written = new BitSet(KEYS_PER_WORKER);
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int put = random.nextInt(KEYS_PER_WORKER);
        timer.call(() -> dynamoDb.putItem(b -> b.tableName(table).item(Map.of("pk", key(put), "data", data))));
        written.set(put);
        int get;
        do {
          get = random.nextInt(KEYS_PER_WORKER);
        } while (!written.get(get));
        Map<String, AttributeValue> key = Map.of("pk", key(get));
        long start = System.nanoTime();
        GetItemResponse got = timer.call(() -> dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)));
        if (!got.hasItem() || !data.equals(got.item().get("data"))) {
          timer.failedEntries(start);
        }
      }

      private AttributeValue key(int n) {
        return s("w" + index + "-" + n);
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
