package dev.fogbank.dynamodb.it;

import static dev.fogbank.dynamodb.it.Tables.n;
import static dev.fogbank.dynamodb.it.Tables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** PartiQL statements through the AWS SDK v2. */
class DynamoDbPartiqlIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final DynamoDbClient ddb = fogbank.client(DynamoDbClient.builder());

  private ExecuteStatementResponse run(String statement, AttributeValue... parameters) {
    // an empty Parameters list is itself invalid (the model requires at least one member)
    return ddb.executeStatement(b -> {
      b.statement(statement);
      if (parameters.length > 0) {
        b.parameters(parameters);
      }
    });
  }

  @Test
  void insertSelectUpdateDelete() {
    String t = Tables.create(ddb, "pq", ScalarAttributeType.N);
    run("INSERT INTO \"" + t + "\" VALUE {'pk': 'a', 'sk': 1, 'name': 'x', 'tags': <<'red'>>, 'info': {'n': 1}}");
    run("INSERT INTO \"" + t + "\" VALUE {'pk': ?, 'sk': ?, 'name': 'y'}", s("a"), n(2));
    run("INSERT INTO \"" + t + "\" VALUE {'pk': 'b', 'sk': 1}");
    DuplicateItemException dup = assertThrows(DuplicateItemException.class,
        () -> run("INSERT INTO \"" + t + "\" VALUE {'pk': 'a', 'sk': 1}"));
    // AWS: DuplicateItemException "Duplicate primary key exists in table"
    assertEquals("Duplicate primary key exists in table", dup.awsErrorDetails().errorMessage());

    var partition = run("SELECT * FROM \"" + t + "\" WHERE pk = 'a' ORDER BY sk DESC");
    assertEquals(List.of(n(2), n(1)), partition.items().stream().map(i -> i.get("sk")).toList());
    var projected = run("SELECT name, info.n FROM \"" + t + "\" WHERE pk = ? AND sk >= 1 AND contains(tags, 'red')", s("a"));
    assertEquals(List.of(Map.of("name", s("x"), "info", AttributeValue.fromM(Map.of("n", n(1))))), projected.items());
    assertEquals(3, run("SELECT * FROM \"" + t + "\"").items().size());
    assertEquals(1, run("SELECT * FROM \"" + t + "\" WHERE name IS MISSING").items().size());

    var updated = run("UPDATE \"" + t + "\" SET name = 'z' SET info.n = info.n + 5 SET tags = set_add(tags, <<'blue'>>) REMOVE nothing"
        + " WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *");
    Map<String, AttributeValue> item = updated.items().get(0);
    assertEquals(s("z"), item.get("name"));
    assertEquals(AttributeValue.fromM(Map.of("n", n(6))), item.get("info"));
    assertEquals(AttributeValue.fromSs(List.of("red", "blue")), item.get("tags"));
    assertThrows(ConditionalCheckFailedException.class,
        () -> run("UPDATE \"" + t + "\" SET name = 'q' WHERE pk = 'zzz' AND sk = 1"));
    DynamoDbException partialKey = assertThrows(DynamoDbException.class,
        () -> run("UPDATE \"" + t + "\" SET name = 'q' WHERE pk = 'a'"));
    assertEquals("Where clause does not contain a mandatory equality on all key attributes", partialKey.awsErrorDetails().errorMessage());

    run("DELETE FROM \"" + t + "\" WHERE pk = 'b' AND sk = 1");
    assertFalse(ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("b"), "sk", n(1)))).hasItem());
    DynamoDbException malformed = assertThrows(DynamoDbException.class, () -> run("SELEC * FROM \"" + t + "\""));
    assertTrue(malformed.awsErrorDetails().errorMessage().startsWith("Statement wasn't well formed"));
  }

  @Test
  void selectPagesWithNextToken() {
    String t = Tables.create(ddb, "pqpage", ScalarAttributeType.N);
    for (int i = 0; i < 7; i++) {
      run("INSERT INTO \"" + t + "\" VALUE {'pk': 'p', 'sk': ?}", n(i));
    }
    List<AttributeValue> seen = new ArrayList<>();
    String token = null;
    do {
      String from = token;
      var page = ddb.executeStatement(b -> b.statement("SELECT sk FROM \"" + t + "\" WHERE pk = 'p'").limit(3).nextToken(from));
      page.items().forEach(i -> seen.add(i.get("sk")));
      token = page.nextToken();
    } while (token != null);
    assertEquals(7, seen.size());
    assertEquals(n(6), seen.get(6));
  }

  @Test
  void batchesAndTransactions() {
    String t = Tables.create(ddb, "pqtx", null);
    var batch = ddb.batchExecuteStatement(b -> b.statements(
        BatchStatementRequest.builder().statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'a', 'v': 1}").build(),
        BatchStatementRequest.builder().statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'a', 'v': 2}").build()));
    assertNull(batch.responses().get(0).error());
    assertEquals(BatchStatementErrorCodeEnum.DUPLICATE_ITEM, batch.responses().get(1).error().code());

    var reads = ddb.batchExecuteStatement(b -> b.statements(
        BatchStatementRequest.builder().statement("SELECT * FROM \"" + t + "\" WHERE pk = ?").parameters(s("a")).build(),
        BatchStatementRequest.builder().statement("SELECT * FROM \"" + t + "\" WHERE pk = 'none'").build()));
    assertEquals(n(1), reads.responses().get(0).item().get("v"));
    assertFalse(reads.responses().get(1).hasItem() && !reads.responses().get(1).item().isEmpty());

    ddb.executeTransaction(b -> b.transactStatements(
        ParameterizedStatement.builder().statement("UPDATE \"" + t + "\" SET v = v + 1 WHERE pk = 'a'").build(),
        ParameterizedStatement.builder().statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'b'}").build()));
    assertEquals(n(2), ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("a")))).item().get("v"));
    TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class,
        () -> ddb.executeTransaction(b -> b.transactStatements(
            ParameterizedStatement.builder().statement("UPDATE \"" + t + "\" SET v = 9 WHERE pk = 'a'").build(),
            ParameterizedStatement.builder().statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'b'}").build())));
    assertEquals("ConditionalCheckFailed", cancelled.cancellationReasons().get(1).code());
    assertEquals(n(2), ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("a")))).item().get("v"), "nothing was applied");
    var txRead = ddb.executeTransaction(b -> b.transactStatements(
        ParameterizedStatement.builder().statement("SELECT v FROM \"" + t + "\" WHERE pk = 'a'").build()));
    assertEquals(Map.of("v", n(2)), txRead.responses().get(0).item());
  }
}
