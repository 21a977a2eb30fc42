package dev.fogbank.dynamodb.it;

import static dev.fogbank.dynamodb.it.Tables.n;
import static dev.fogbank.dynamodb.it.Tables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The legacy conditional parameters (Developer Guide, "Legacy conditional parameters"), which
 * older clients still send.
 */
class DynamoDbLegacyParametersIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final DynamoDbClient ddb = fogbank.client(DynamoDbClient.builder());

  private static software.amazon.awssdk.services.dynamodb.model.Condition condition(ComparisonOperator op, AttributeValue... values) {
    return software.amazon.awssdk.services.dynamodb.model.Condition.builder().comparisonOperator(op).attributeValueList(values).build();
  }

  @Test
  void expectedAndAttributeUpdates() {
    String t = Tables.create(ddb, "legacy", null);
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n(1), "tags", AttributeValue.fromSs(List.of("x", "y"))))
        .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build())));
    assertThrows(ConditionalCheckFailedException.class,
        () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a")))
            .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))));

    var updated = ddb.updateItem(b -> b.tableName(t).key(Map.of("pk", s("a")))
        .attributeUpdates(Map.of(
            "v", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n(4)).build(),
            "tags", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(AttributeValue.fromSs(List.of("x"))).build(),
            "name", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("n")).build()))
        .expected(Map.of("v", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.LT).attributeValueList(n(2)).build(),
            "gone", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.NULL).build()))
        .returnValues(ReturnValue.ALL_NEW));
    assertEquals(Map.of("pk", s("a"), "v", n(5), "tags", AttributeValue.fromSs(List.of("y")), "name", s("n")), updated.attributes());

    ddb.updateItem(b -> b.tableName(t).key(Map.of("pk", s("a")))
        .attributeUpdates(Map.of("name", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build()))
        .expected(Map.of("v", ExpectedAttributeValue.builder().value(n(0)).build(),
            "tags", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.CONTAINS).attributeValueList(s("y")).build()))
        .conditionalOperator(ConditionalOperator.OR));
    assertEquals(3, ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("a")))).item().size());

    DynamoDbException wrongCount = assertThrows(DynamoDbException.class,
        () -> ddb.deleteItem(b -> b.tableName(t).key(Map.of("pk", s("a")))
            .expected(Map.of("v", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n(1)).build()))));
    assertEquals("One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator",
        wrongCount.awsErrorDetails().errorMessage());
  }

  @Test
  void keyConditionsQueryFilterScanFilterAndAttributesToGet() {
    String t = Tables.create(ddb, "legacyq", ScalarAttributeType.N);
    for (int i = 1; i <= 6; i++) {
      int sk = i;
      ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("p"), "sk", n(sk), "even", AttributeValue.fromBool(sk % 2 == 0), "x", n(sk * 2))));
    }
    var q = ddb.query(b -> b.tableName(t)
        .keyConditions(Map.of("pk", condition(ComparisonOperator.EQ, s("p")), "sk", condition(ComparisonOperator.GE, n(3))))
        .queryFilter(Map.of("even", condition(ComparisonOperator.EQ, AttributeValue.fromBool(true))))
        .attributesToGet("sk"));
    assertEquals(List.of(Map.of("sk", n(4)), Map.of("sk", n(6))), q.items());
    assertEquals(4, q.scannedCount());

    var scan = ddb.scan(b -> b.tableName(t)
        .scanFilter(Map.of("x", condition(ComparisonOperator.BETWEEN, n(3), n(8)), "even", condition(ComparisonOperator.EQ, AttributeValue.fromBool(false))))
        .conditionalOperator(ConditionalOperator.AND));
    assertEquals(1, scan.count(), "x in [3, 8] and odd: sk 3 (x 6)");

    DynamoDbException filterOnKey = assertThrows(DynamoDbException.class, () -> ddb.query(b -> b.tableName(t)
        .keyConditions(Map.of("pk", condition(ComparisonOperator.EQ, s("p"))))
        .queryFilter(Map.of("sk", condition(ComparisonOperator.GT, n(1))))));
    assertEquals("QueryFilter can only contain non-key attributes: Primary key attribute: sk", filterOnKey.awsErrorDetails().errorMessage());
  }
}
