package dev.fogbank.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The table a DynamoDB workload creates for its run, and the items it writes. */
final class DynamoDbTables {

  /** One name per driver run, so that runs against a shared server never meet. */
  private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

  /** BatchWriteItem takes at most 25 put or delete requests (DynamoDB API reference). */
  static final int BATCH_WRITE_LIMIT = 25;

  private DynamoDbTables() {}

  /**
   * Creates an on-demand table keyed by {@code pk} (string) and, when {@code sortKey}, {@code sk}
   * (number), and waits until DescribeTable says ACTIVE.
   */
  static String create(DynamoDbClient dynamoDb, String workload, boolean sortKey) throws InterruptedException {
    String name = "bench-" + workload + "-" + RUN;
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> keys = new ArrayList<>();
    attributes.add(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build());
    keys.add(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build());
    if (sortKey) {
      attributes.add(AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build());
      keys.add(KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
    }
    dynamoDb.createTable(
        b -> b.tableName(name).attributeDefinitions(attributes).keySchema(keys).billingMode(BillingMode.PAY_PER_REQUEST));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (dynamoDb.describeTable(b -> b.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("table " + name + " not ACTIVE after 60 s");
      }
      Thread.sleep(50);
    }
    return name;
  }

  static void delete(DynamoDbClient dynamoDb, String table) {
    try {
      dynamoDb.deleteTable(b -> b.tableName(table));
    } catch (SdkException e) {
      // The run's figures are already taken; a table left behind only costs the server memory.
      System.err.println("could not delete " + table + ": " + e.getMessage());
    }
  }

  /** Writes {@code items} with BatchWriteItem, 25 at a time, resending what comes back unprocessed. */
  static void load(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += BATCH_WRITE_LIMIT) {
      List<WriteRequest> writes = new ArrayList<>();
      for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + BATCH_WRITE_LIMIT))) {
        writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
      Map<String, List<WriteRequest>> pending = Map.of(table, writes);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> request = pending;
        BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      }
    }
  }

  static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }
}
