package dev.fogbank.dynamodb.it;

import static dev.fogbank.dynamodb.it.Tables.def;
import static dev.fogbank.dynamodb.it.Tables.key;
import static dev.fogbank.dynamodb.it.Tables.n;
import static dev.fogbank.dynamodb.it.Tables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query and Scan through the AWS SDK v2: key conditions, filters, paging, indexes, segments. */
class DynamoDbQueryScanIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static DynamoDbClient ddb;
  private static String table;

  /** Orders of three customers: pk = customer, sk = order number, status and total per order. */
  @BeforeAll
  static void fill() {
    ddb = fogbank.client(DynamoDbClient.builder());
    table = Tables.unique("orders");
    ddb.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
                    def("status", ScalarAttributeType.S), def("total", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(
                    GlobalSecondaryIndex.builder().indexName("by-status")
                        .keySchema(key("status", KeyType.HASH), key("total", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build())
                .localSecondaryIndexes(
                    LocalSecondaryIndex.builder().indexName("by-total")
                        .keySchema(key("pk", KeyType.HASH), key("total", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
    for (String customer : List.of("alice", "bob", "carol")) {
      for (int i = 1; i <= 10; i++) {
        int order = i;
        ddb.putItem(b -> b.tableName(table).item(Map.of(
            "pk", s(customer), "sk", n(order), "status", s(order % 2 == 0 ? "SHIPPED" : "OPEN"),
            "total", n(order * 10 + customer.length()), "note", s("order " + order))));
      }
    }
  }

  private static List<Integer> sortKeys(List<Map<String, AttributeValue>> items) {
    return items.stream().map(i -> Integer.parseInt(i.get("sk").n())).toList();
  }

  @Test
  void queryWalksOnePartitionInSortKeyOrderBothWays() {
    QueryResponse r = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :c AND sk BETWEEN :lo AND :hi")
        .expressionAttributeValues(Map.of(":c", s("bob"), ":lo", n(3), ":hi", n(6))));
    assertEquals(List.of(3, 4, 5, 6), sortKeys(r.items()));
    assertEquals(4, r.count());
    QueryResponse back = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :c AND sk > :x")
        .expressionAttributeValues(Map.of(":c", s("bob"), ":x", n(7))).scanIndexForward(false));
    assertEquals(List.of(10, 9, 8), sortKeys(back.items()));
  }

  @Test
  void filterCountsScannedItemsAndSelectCount() {
    QueryResponse r = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :c")
        .filterExpression("#s = :open").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":c", s("alice"), ":open", s("OPEN"))));
    assertEquals(5, r.count());
    assertEquals(10, r.scannedCount());
    QueryResponse count = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :c").select(Select.COUNT)
        .expressionAttributeValues(Map.of(":c", s("alice"))));
    assertEquals(10, count.count());
    assertFalse(count.hasItems());
  }

  @Test
  void limitPagesWithLastEvaluatedKey() {
    List<Integer> seen = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    int pages = 0;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :c").limit(4)
          .exclusiveStartKey(from).expressionAttributeValues(Map.of(":c", s("carol"))));
      seen.addAll(sortKeys(page.items()));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      pages++;
    } while (start != null);
    assertEquals(IntStream.rangeClosed(1, 10).boxed().toList(), seen);
    assertEquals(3, pages);
    // the paginator stitches pages as well
    assertEquals(10, ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :c").limit(3)
        .expressionAttributeValues(Map.of(":c", s("carol")))).items().stream().count());
  }

  @Test
  void pagesStopAtOneMegabyte() {
    String t = Tables.create(ddb, "big", ScalarAttributeType.N);
    String payload = "x".repeat(100 * 1024);
    for (int i = 0; i < 15; i++) {
      int sk = i;
      ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("p"), "sk", n(sk), "data", s(payload))));
    }
    QueryResponse first = ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("p"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    // 1 MB per page (Developer Guide, "Paginating table query results"): 100 KB items, so 11 fit before the limit is passed
    assertTrue(first.count() < 15 && first.count() >= 10, "count " + first.count());
    assertTrue(first.hasLastEvaluatedKey());
    QueryResponse rest = ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p").exclusiveStartKey(first.lastEvaluatedKey())
        .expressionAttributeValues(Map.of(":p", s("p"))));
    assertEquals(15, first.count() + rest.count());
  }

  @Test
  void globalAndLocalSecondaryIndexes() {
    QueryResponse shipped = ddb.query(b -> b.tableName(table).indexName("by-status")
        .keyConditionExpression("#s = :s AND #t < :max").expressionAttributeNames(Map.of("#s", "status", "#t", "total"))
        .expressionAttributeValues(Map.of(":s", s("SHIPPED"), ":max", n(30))));
    // orders 2 of each customer: totals 23 (bob), 25 (alice, carol); KEYS_ONLY projects table and index keys
    assertEquals(3, shipped.count());
    assertEquals(Set.of("pk", "sk", "status", "total"), shipped.items().get(0).keySet());
    assertEquals(n(23), shipped.items().get(0).get("total"));

    DynamoDbException consistent = assertThrows(DynamoDbException.class,
        () -> ddb.query(b -> b.tableName(table).indexName("by-status").consistentRead(true)
            .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
            .expressionAttributeValues(Map.of(":s", s("OPEN")))));
    assertEquals("Consistent reads are not supported on global secondary indexes", consistent.awsErrorDetails().errorMessage());

    QueryResponse local = ddb.query(b -> b.tableName(table).indexName("by-total").scanIndexForward(false).limit(2)
        .keyConditionExpression("pk = :c").expressionAttributeValues(Map.of(":c", s("alice"))));
    assertEquals(List.of(10, 9), sortKeys(local.items()));
    assertEquals(Set.of("pk", "sk", "total"), local.lastEvaluatedKey().keySet());
    QueryResponse next = ddb.query(b -> b.tableName(table).indexName("by-total").scanIndexForward(false).limit(2)
        .exclusiveStartKey(local.lastEvaluatedKey())
        .keyConditionExpression("pk = :c").expressionAttributeValues(Map.of(":c", s("alice"))));
    assertEquals(List.of(8, 7), sortKeys(next.items()));

    DynamoDbException noIndex = assertThrows(DynamoDbException.class,
        () -> ddb.query(b -> b.tableName(table).indexName("nope").keyConditionExpression("pk = :c")
            .expressionAttributeValues(Map.of(":c", s("alice")))));
    assertEquals("The table does not have the specified index: nope", noIndex.awsErrorDetails().errorMessage());
  }

  @Test
  void keyConditionErrors() {
    DynamoDbException missed = assertThrows(DynamoDbException.class,
        () -> ddb.query(b -> b.tableName(table).keyConditionExpression("sk = :v").expressionAttributeValues(Map.of(":v", n(1)))));
    assertEquals("Query condition missed key schema element: pk", missed.awsErrorDetails().errorMessage());
    DynamoDbException notKey = assertThrows(DynamoDbException.class,
        () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :v AND note = :v")
            .expressionAttributeValues(Map.of(":v", s("x")))));
    assertEquals("Query key condition not supported", notKey.awsErrorDetails().errorMessage());
    DynamoDbException filterOnKey = assertThrows(DynamoDbException.class,
        () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :v").filterExpression("sk > :n")
            .expressionAttributeValues(Map.of(":v", s("x"), ":n", n(1)))));
    assertEquals("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
        filterOnKey.awsErrorDetails().errorMessage());
  }

  @Test
  void scanPagesAndParallelSegmentsCoverTheTableOnce() {
    Set<String> all = new HashSet<>();
    ddb.scanPaginator(b -> b.tableName(table).limit(7)).items()
        .forEach(i -> assertTrue(all.add(i.get("pk").s() + "#" + i.get("sk").n())));
    assertEquals(30, all.size());
    Set<String> bySegments = new HashSet<>();
    for (int segment = 0; segment < 3; segment++) {
      int seg = segment;
      ddb.scanPaginator(b -> b.tableName(table).segment(seg).totalSegments(3)).items()
          .forEach(i -> assertTrue(bySegments.add(i.get("pk").s() + "#" + i.get("sk").n())));
    }
    assertEquals(all, bySegments);
    var filtered = ddb.scan(b -> b.tableName(table).filterExpression("contains(note, :ten)")
        .expressionAttributeValues(Map.of(":ten", s("10"))));
    assertEquals(3, filtered.count());
    assertEquals(30, filtered.scannedCount());
    assertNull(filtered.lastEvaluatedKey().isEmpty() ? null : filtered.lastEvaluatedKey());
    DynamoDbException badSegment = assertThrows(DynamoDbException.class,
        () -> ddb.scan(b -> b.tableName(table).segment(3).totalSegments(2)));
    assertEquals("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 2",
        badSegment.awsErrorDetails().errorMessage());
  }
}
