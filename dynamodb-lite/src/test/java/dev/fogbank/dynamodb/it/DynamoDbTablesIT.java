package dev.fogbank.dynamodb.it;

import static dev.fogbank.dynamodb.it.Tables.def;
import static dev.fogbank.dynamodb.it.Tables.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The control plane through the AWS SDK v2. */
class DynamoDbTablesIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final DynamoDbClient ddb = fogbank.client(DynamoDbClient.builder());

  @Test
  void createDescribeListAndDeleteATable() {
    String name = Tables.unique("orders");
    CreateTableResponse created =
        ddb.createTable(
            b ->
                b.tableName(name)
                    .attributeDefinitions(
                        def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N), def("gpk", ScalarAttributeType.S),
                        def("lsk", ScalarAttributeType.S))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L))
                    .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder()
                            .indexName("by-gpk")
                            .keySchema(key("gpk", KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                            .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                            .build())
                    .localSecondaryIndexes(
                        LocalSecondaryIndex.builder()
                            .indexName("by-lsk")
                            .keySchema(key("pk", KeyType.HASH), key("lsk", KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("extra"))
                            .build())
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                    .tags(Tag.builder().key("team").value("core").build()));
    // CreateTable answers CREATING; the table is ACTIVE when described (AWS API reference, CreateTable)
    assertEquals(TableStatus.CREATING, created.tableDescription().tableStatus());
    ddb.waiter().waitUntilTableExists(b -> b.tableName(name));

    TableDescription t = ddb.describeTable(b -> b.tableName(name)).table();
    assertEquals(TableStatus.ACTIVE, t.tableStatus());
    assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/" + name, t.tableArn());
    assertNotNull(t.tableId());
    assertNotNull(t.creationDateTime());
    assertEquals(0L, t.itemCount());
    assertEquals(5L, t.provisionedThroughput().readCapacityUnits());
    assertEquals("by-gpk", t.globalSecondaryIndexes().get(0).indexName());
    assertEquals(t.tableArn() + "/index/by-lsk", t.localSecondaryIndexes().get(0).indexArn());
    assertEquals(List.of("extra"), t.localSecondaryIndexes().get(0).projection().nonKeyAttributes());
    assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, t.streamSpecification().streamViewType());
    assertTrue(t.latestStreamArn().startsWith(t.tableArn() + "/stream/"));

    assertTrue(ddb.listTables().tableNames().contains(name));
    assertEquals(
        List.of(Tag.builder().key("team").value("core").build()),
        ddb.listTagsOfResource(b -> b.resourceArn(t.tableArn())).tags());

    assertEquals(TableStatus.DELETING, ddb.deleteTable(b -> b.tableName(name)).tableDescription().tableStatus());
    ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class, () -> ddb.describeTable(b -> b.tableName(name)));
    // AWS: "Requested resource not found: Table: <name> not found"
    assertEquals("Requested resource not found: Table: " + name + " not found", gone.awsErrorDetails().errorMessage());
  }

  @Test
  void createTableRejectsInvalidDefinitionsWithAwsMessages() {
    String name = Tables.unique("bad");
    DynamoDbException e =
        assertThrows(
            DynamoDbException.class,
            () ->
                ddb.createTable(
                    b ->
                        b.tableName(name)
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(def("pk", ScalarAttributeType.S), def("other", ScalarAttributeType.S))
                            .keySchema(key("pk", KeyType.HASH))));
    assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    assertEquals(
        "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions",
        e.awsErrorDetails().errorMessage());

    e =
        assertThrows(
            DynamoDbException.class,
            () ->
                ddb.createTable(
                    b ->
                        b.tableName(name)
                            .attributeDefinitions(def("pk", ScalarAttributeType.S))
                            .keySchema(key("pk", KeyType.HASH))));
    assertEquals(
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
        e.awsErrorDetails().errorMessage());

    e =
        assertThrows(
            DynamoDbException.class,
            () -> ddb.createTable(b -> b.tableName("x").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH))));
    // Coral validation of the model's length constraint on TableName
    assertTrue(e.awsErrorDetails().errorMessage().contains("failed to satisfy constraint"), e.awsErrorDetails().errorMessage());
  }

  @Test
  void creatingAnExistingTableIsResourceInUse() {
    String name = Tables.create(ddb, "dup", null);
    ResourceInUseException e =
        assertThrows(
            ResourceInUseException.class,
            () ->
                ddb.createTable(
                    b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(def("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH))));
    assertEquals("Table already exists: " + name, e.awsErrorDetails().errorMessage());
  }

  @Test
  void listTablesPagesByExclusiveStartTableName() {
    String prefix = Tables.unique("page");
    for (int i = 0; i < 3; i++) {
      String n = prefix + "-" + i;
      ddb.createTable(b -> b.tableName(n).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(def("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH)));
    }
    var first = ddb.listTables(b -> b.exclusiveStartTableName(prefix).limit(2));
    assertEquals(List.of(prefix + "-0", prefix + "-1"), first.tableNames());
    assertEquals(prefix + "-1", first.lastEvaluatedTableName());
    var second = ddb.listTables(b -> b.exclusiveStartTableName(first.lastEvaluatedTableName()).limit(1));
    assertEquals(List.of(prefix + "-2"), second.tableNames());
  }

  @Test
  void updateTableChangesBillingAddsIndexesAndGuardsDeletionProtection() {
    String name = Tables.create(ddb, "upd", ScalarAttributeType.S);
    ddb.putItem(b -> b.tableName(name).item(Map.of("pk", Tables.s("a"), "sk", Tables.s("1"), "g", Tables.s("x"))));
    TableDescription t =
        ddb.updateTable(
                b ->
                    b.tableName(name)
                        .attributeDefinitions(def("g", ScalarAttributeType.S))
                        .deletionProtectionEnabled(true)
                        .globalSecondaryIndexUpdates(
                            u -> u.create(c -> c.indexName("by-g").keySchema(key("g", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL)))))
            .tableDescription();
    assertEquals(1L, t.globalSecondaryIndexes().get(0).itemCount(), "a new index is filled from the table");
    assertTrue(t.deletionProtectionEnabled());
    DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.deleteTable(b -> b.tableName(name)));
    assertEquals(
        "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.",
        e.awsErrorDetails().errorMessage());
    ddb.updateTable(b -> b.tableName(name).deletionProtectionEnabled(false));
    ddb.deleteTable(b -> b.tableName(name));
  }

  @Test
  void tagsAndTimeToLiveSettings() {
    String name = Tables.create(ddb, "tags", null);
    String arn = ddb.describeTable(b -> b.tableName(name)).table().tableArn();
    ddb.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build()));
    ddb.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
    assertEquals(List.of(Tag.builder().key("b").value("2").build()), ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags());
    SdkServiceException missing =
        assertThrows(SdkServiceException.class, () -> ddb.listTagsOfResource(b -> b.resourceArn(arn + "x")));
    assertEquals(400, missing.statusCode());

    assertEquals(TimeToLiveStatus.DISABLED, ddb.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription().timeToLiveStatus());
    ddb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
    var ttl = ddb.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription();
    assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
    assertEquals("expires", ttl.attributeName());
    DynamoDbException again =
        assertThrows(DynamoDbException.class,
            () -> ddb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(s -> s.enabled(true).attributeName("expires"))));
    assertEquals("TimeToLive is already enabled", again.awsErrorDetails().errorMessage());
  }

  @Test
  void describeLimitsAndEndpoints() {
    var limits = ddb.describeLimits();
    // AWS default quotas: 80,000 RCU/WCU per account, 40,000 per table
    assertEquals(80000L, limits.accountMaxReadCapacityUnits());
    assertEquals(40000L, limits.tableMaxWriteCapacityUnits());
    assertFalse(ddb.describeEndpoints().endpoints().isEmpty());
  }
}
