package dev.fogbank.dynamodb.it;

import static dev.fogbank.dynamodb.it.Tables.n;
import static dev.fogbank.dynamodb.it.Tables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Transactions and batches through the AWS SDK v2. */
class DynamoDbTransactionsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final DynamoDbClient ddb = fogbank.client(DynamoDbClient.builder());

  private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
  }

  @Test
  void transactionAppliesAllActionsAcrossTables() {
    String accounts = Tables.create(ddb, "acct", null);
    String ledger = Tables.create(ddb, "ledger", null);
    ddb.putItem(b -> b.tableName(accounts).item(Map.of("pk", s("a"), "balance", n(100))));
    ddb.putItem(b -> b.tableName(accounts).item(Map.of("pk", s("b"), "balance", n(0))));
    var response = ddb.transactWriteItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
        TransactWriteItem.builder().update(u -> u.tableName(accounts).key(Map.of("pk", s("a")))
            .updateExpression("SET balance = balance - :x").conditionExpression("balance >= :x")
            .expressionAttributeValues(Map.of(":x", n(30)))).build(),
        TransactWriteItem.builder().update(u -> u.tableName(accounts).key(Map.of("pk", s("b")))
            .updateExpression("SET balance = balance + :x").expressionAttributeValues(Map.of(":x", n(30)))).build(),
        put(ledger, Map.of("pk", s("t1"), "amount", n(30)))));
    // transactional writes cost 2 WCUs per KB (Developer Guide, "Capacity management for transactions")
    assertEquals(4.0, response.consumedCapacity().stream().filter(c -> c.tableName().equals(accounts)).findFirst().orElseThrow().capacityUnits());
    var got = ddb.transactGetItems(b -> b.transactItems(
        TransactGetItem.builder().get(g -> g.tableName(accounts).key(Map.of("pk", s("a")))).build(),
        TransactGetItem.builder().get(g -> g.tableName(accounts).key(Map.of("pk", s("b")))).build(),
        TransactGetItem.builder().get(g -> g.tableName(ledger).key(Map.of("pk", s("none")))).build()));
    assertEquals(n(70), got.responses().get(0).item().get("balance"));
    assertEquals(n(30), got.responses().get(1).item().get("balance"));
    assertFalse(got.responses().get(2).hasItem() && !got.responses().get(2).item().isEmpty());
  }

  @Test
  void failedConditionCancelsEverythingWithReasonsInOrder() {
    String t = Tables.create(ddb, "cancel", null);
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("exists"), "v", n(1))));
    TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
        () -> ddb.transactWriteItems(b -> b.transactItems(
            put(t, Map.of("pk", s("new"))),
            TransactWriteItem.builder().conditionCheck(c -> c.tableName(t).key(Map.of("pk", s("exists")))
                .conditionExpression("v = :two").expressionAttributeValues(Map.of(":two", n(2)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
    // AWS API reference, TransactWriteItems: one reason per item, "None" for those that passed
    List<CancellationReason> reasons = e.cancellationReasons();
    assertEquals(List.of("None", "ConditionalCheckFailed"), reasons.stream().map(CancellationReason::code).toList());
    assertEquals(Map.of("pk", s("exists"), "v", n(1)), reasons.get(1).item());
    assertEquals("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
        e.awsErrorDetails().errorMessage());
    assertFalse(ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("new")))).hasItem(), "nothing was written");

    DynamoDbException twice = assertThrows(DynamoDbException.class,
        () -> ddb.transactWriteItems(b -> b.transactItems(put(t, Map.of("pk", s("x"))), put(t, Map.of("pk", s("x"), "v", n(2))))));
    assertEquals("Transaction request cannot include multiple operations on one item", twice.awsErrorDetails().errorMessage());
  }

  @Test
  void clientRequestTokenMakesRetriesIdempotentForTenMinutes() {
    String t = Tables.create(ddb, "idem", null);
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("c"), "n", n(0))));
    TransactWriteItem increment = TransactWriteItem.builder().update(u -> u.tableName(t).key(Map.of("pk", s("c")))
        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n(1)))).build();
    ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(increment));
    ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(increment));
    assertEquals(n(1), ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("c")))).item().get("n"), "the retry did not run again");
    assertThrows(IdempotentParameterMismatchException.class,
        () -> ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(put(t, Map.of("pk", s("other"))))));
    fogbank.advance(Duration.ofMinutes(11));
    ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(increment));
    assertEquals(n(2), ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("c")))).item().get("n"), "the token expired after 10 minutes");
  }

  @Test
  void batchWriteAndBatchGet() {
    String t = Tables.create(ddb, "batch", null);
    List<WriteRequest> puts = IntStream.range(0, 25)
        .mapToObj(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", s("k" + i), "i", n(i))).build()).build())
        .toList();
    var written = ddb.batchWriteItem(b -> b.requestItems(Map.of(t, puts)));
    assertTrue(written.unprocessedItems().isEmpty());
    ddb.batchWriteItem(b -> b.requestItems(Map.of(t, List.of(WriteRequest.builder().deleteRequest(d -> d.key(Map.of("pk", s("k0")))).build()))));

    var got = ddb.batchGetItem(b -> b.requestItems(Map.of(t, KeysAndAttributes.builder()
        .keys(Map.of("pk", s("k0")), Map.of("pk", s("k1")), Map.of("pk", s("k24")))
        .projectionExpression("i").build())));
    assertEquals(2, got.responses().get(t).size());
    assertTrue(got.responses().get(t).contains(Map.of("i", n(24))));
    assertTrue(got.unprocessedKeys().isEmpty());

    List<WriteRequest> tooMany = IntStream.range(0, 26)
        .mapToObj(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", s("x" + i))).build()).build())
        .toList();
    DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(t, tooMany))));
    assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    DynamoDbException dup = assertThrows(DynamoDbException.class, () -> ddb.batchGetItem(b -> b.requestItems(Map.of(t,
        KeysAndAttributes.builder().keys(Map.of("pk", s("k1")), Map.of("pk", s("k1"))).build()))));
    assertEquals("Provided list of item keys contains duplicates", dup.awsErrorDetails().errorMessage());
  }
}
