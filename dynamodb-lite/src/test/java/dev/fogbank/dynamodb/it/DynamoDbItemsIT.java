package dev.fogbank.dynamodb.it;

import static dev.fogbank.dynamodb.it.Tables.n;
import static dev.fogbank.dynamodb.it.Tables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** PutItem, GetItem, UpdateItem and DeleteItem through the AWS SDK v2. */
class DynamoDbItemsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final DynamoDbClient ddb = fogbank.client(DynamoDbClient.builder());

  private static String message(DynamoDbException e) {
    return e.awsErrorDetails().errorMessage();
  }

  @Test
  void putThenGetWithProjectionAndConsumedCapacity() {
    String t = Tables.create(ddb, "items", ScalarAttributeType.N);
    Map<String, AttributeValue> item =
        Map.of(
            "pk", s("u1"), "sk", n(1), "name", s("Ada"),
            "address", AttributeValue.fromM(Map.of("city", s("London"), "zip", s("N1"))),
            "langs", AttributeValue.fromSs(List.of("en", "fr")));
    var put = ddb.putItem(b -> b.tableName(t).item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    // 1 WCU per KB written, rounded up (Developer Guide, "Read/write capacity mode")
    assertEquals(1.0, put.consumedCapacity().capacityUnits());
    assertEquals(t, put.consumedCapacity().tableName());

    var got = ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("u1"), "sk", n(1))).consistentRead(true)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertEquals(item, got.item());
    assertEquals(1.0, got.consumedCapacity().capacityUnits());
    var eventual = ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("u1"), "sk", n(1)))
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertEquals(0.5, eventual.consumedCapacity().capacityUnits(), "eventually consistent reads cost half");

    var projected = ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("u1"), "sk", n(1)))
        .projectionExpression("#n, address.city").expressionAttributeNames(Map.of("#n", "name")));
    assertEquals(
        Map.of("name", s("Ada"), "address", AttributeValue.fromM(Map.of("city", s("London")))), projected.item());

    assertFalse(ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("nobody"), "sk", n(1)))).hasItem());
  }

  @Test
  void conditionalWritesFailWithTheOldItemWhenAsked() {
    String t = Tables.create(ddb, "cond", null);
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n(1))).conditionExpression("attribute_not_exists(pk)"));
    ConditionalCheckFailedException e =
        assertThrows(
            ConditionalCheckFailedException.class,
            () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n(2)))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    // AWS: "The conditional request failed", with the item when ReturnValuesOnConditionCheckFailure is ALL_OLD
    assertEquals("The conditional request failed", message(e));
    assertEquals(Map.of("pk", s("a"), "v", n(1)), e.item());
    assertEquals(400, e.statusCode());

    ddb.updateItem(b -> b.tableName(t).key(Map.of("pk", s("a"))).updateExpression("SET v = v + :one")
        .conditionExpression("v = :one").expressionAttributeValues(Map.of(":one", n(1))));
    assertEquals(n(2), ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("a")))).item().get("v"));
    assertThrows(ConditionalCheckFailedException.class,
        () -> ddb.deleteItem(b -> b.tableName(t).key(Map.of("pk", s("a"))).conditionExpression("v > :ten")
            .expressionAttributeValues(Map.of(":ten", n(10)))));
  }

  @Test
  void everyReturnValuesKind() {
    String t = Tables.create(ddb, "rv", null);
    Map<String, AttributeValue> key = Map.of("pk", s("k"));
    assertFalse(ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("k"), "a", n(1), "b", s("x")))
        .returnValues(ReturnValue.ALL_OLD)).hasAttributes(), "nothing was replaced");
    var allOld = ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("k"), "a", n(1), "b", s("x"))).returnValues(ReturnValue.ALL_OLD));
    assertEquals(Map.of("pk", s("k"), "a", n(1), "b", s("x")), allOld.attributes());

    var updatedOld = ddb.updateItem(b -> b.tableName(t).key(key).updateExpression("SET a = :two")
        .expressionAttributeValues(Map.of(":two", n(2))).returnValues(ReturnValue.UPDATED_OLD));
    assertEquals(Map.of("a", n(1)), updatedOld.attributes());
    var updatedNew = ddb.updateItem(b -> b.tableName(t).key(key).updateExpression("SET a = a + :two, c = :c")
        .expressionAttributeValues(Map.of(":two", n(2), ":c", s("new"))).returnValues(ReturnValue.UPDATED_NEW));
    assertEquals(Map.of("a", n(4), "c", s("new")), updatedNew.attributes());
    var allNew = ddb.updateItem(b -> b.tableName(t).key(key).updateExpression("REMOVE c").returnValues(ReturnValue.ALL_NEW));
    assertEquals(Map.of("pk", s("k"), "a", n(4), "b", s("x")), allNew.attributes());
    var allOldUpdate = ddb.updateItem(b -> b.tableName(t).key(key).updateExpression("ADD a :one")
        .expressionAttributeValues(Map.of(":one", n(1))).returnValues(ReturnValue.ALL_OLD));
    assertEquals(n(4), allOldUpdate.attributes().get("a"));
    var deleted = ddb.deleteItem(b -> b.tableName(t).key(key).returnValues(ReturnValue.ALL_OLD));
    assertEquals(n(5), deleted.attributes().get("a"));
    DynamoDbException bad = assertThrows(DynamoDbException.class,
        () -> ddb.putItem(b -> b.tableName(t).item(key).returnValues(ReturnValue.ALL_NEW)));
    assertEquals("ReturnValues can only be ALL_OLD or NONE", message(bad));
  }

  @Test
  void updateItemCreatesItemsAndAppliesEveryActionKind() {
    String t = Tables.create(ddb, "upd", null);
    Map<String, AttributeValue> key = Map.of("pk", s("c"));
    ddb.updateItem(b -> b.tableName(t).key(key)
        .updateExpression("SET #l = list_append(if_not_exists(#l, :empty), :one), hits = if_not_exists(hits, :zero) + :inc ADD tags :t")
        .expressionAttributeNames(Map.of("#l", "log"))
        .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()), ":one", AttributeValue.fromL(List.of(s("x"))),
            ":zero", n(0), ":inc", n(3), ":t", AttributeValue.fromSs(List.of("a", "b")))));
    ddb.updateItem(b -> b.tableName(t).key(key).updateExpression("REMOVE #l[0] DELETE tags :a")
        .expressionAttributeNames(Map.of("#l", "log")).expressionAttributeValues(Map.of(":a", AttributeValue.fromSs(List.of("a")))));
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(t).key(key)).item();
    assertEquals(AttributeValue.fromL(List.of()), item.get("log"));
    assertEquals(n(3), item.get("hits"));
    assertEquals(AttributeValue.fromSs(List.of("b")), item.get("tags"));

    DynamoDbException keyUpdate = assertThrows(DynamoDbException.class,
        () -> ddb.updateItem(b -> b.tableName(t).key(key).updateExpression("SET pk = :v").expressionAttributeValues(Map.of(":v", s("z")))));
    assertEquals("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
        message(keyUpdate));
  }

  @Test
  void errorsCarryDynamoDbsTypesAndMessages() throws Exception {
    String t = Tables.create(ddb, "err", null);
    ResourceNotFoundException missing =
        assertThrows(ResourceNotFoundException.class, () -> ddb.getItem(b -> b.tableName("no-such-table").key(Map.of("pk", s("a")))));
    assertEquals("Requested resource not found", message(missing));

    DynamoDbException schema = assertThrows(DynamoDbException.class,
        () -> ddb.getItem(b -> b.tableName(t).key(Map.of("pk", n(1)))));
    assertEquals("The provided key element does not match the schema", message(schema));

    DynamoDbException noKey = assertThrows(DynamoDbException.class,
        () -> ddb.putItem(b -> b.tableName(t).item(Map.of("other", s("x")))));
    assertEquals("One or more parameter values were invalid: Missing the key pk in the item", message(noKey));

    DynamoDbException unused = assertThrows(DynamoDbException.class,
        () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("x"))).conditionExpression("attribute_exists(pk)")
            .expressionAttributeValues(Map.of(":x", s("1")))));
    assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}", message(unused));

    DynamoDbException tooBig = assertThrows(DynamoDbException.class,
        () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("x"), "blob", s("x".repeat(400 * 1024))))));
    assertEquals("Item size has exceeded the maximum allowed size", message(tooBig));

    DynamoDbException mixed = assertThrows(DynamoDbException.class,
        () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("x"))).conditionExpression("attribute_not_exists(pk)")
            .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))));
    assertEquals(
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
        message(mixed));

    // the wire: __type carries DynamoDB's namespaces
    HttpResponse<String> raw = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(fogbank.endpoint() + "/"))
            .header("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
            .header("Content-Type", "application/x-amz-json-1.0")
            .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":\"no-such-table\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, raw.statusCode());
    assertTrue(raw.body().contains("\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\""), raw.body());
    HttpResponse<String> invalid = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(fogbank.endpoint() + "/"))
            .header("X-Amz-Target", "DynamoDB_20120810.GetItem")
            .header("Content-Type", "application/x-amz-json-1.0")
            .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":\"" + t + "\",\"Key\":{\"pk\":{}}}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(invalid.body().contains("\"__type\":\"com.amazon.coral.validate#ValidationException\""), invalid.body());
  }

  @Test
  void emptyStringsAreAllowedOutsideKeys() {
    String t = Tables.create(ddb, "empty", null);
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "note", s(""))));
    assertEquals(s(""), ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("a")))).item().get("note"));
    DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("")))));
    assertEquals(
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
        message(e));
    assertNull(ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("b")))).item().get("pk"));
  }
}
