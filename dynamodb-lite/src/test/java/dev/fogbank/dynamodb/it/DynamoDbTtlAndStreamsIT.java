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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Time to live on the virtual clock, and DynamoDB Streams, through the AWS SDK v2. */
class DynamoDbTtlAndStreamsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final DynamoDbClient ddb = fogbank.client(DynamoDbClient.builder());
  private final DynamoDbStreamsClient streams = fogbank.client(DynamoDbStreamsClient.builder());

  private String streamTable(StreamViewType viewType) {
    String name = Tables.unique("stream");
    ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)));
    return name;
  }

  private List<Record> records(String streamArn) {
    var shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0);
    String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    return streams.getRecords(b -> b.shardIterator(iterator)).records();
  }

  @Test
  void expiredItemsAreDeletedWhenVirtualTimePassesTheirExpiry() {
    String t = streamTable(StreamViewType.OLD_IMAGE);
    ddb.updateTimeToLive(b -> b.tableName(t).timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
    long now = fogbank.fogbank().now().getEpochSecond();
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("soon"), "expires", n(now + 60))));
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("later"), "expires", n(now + 3600))));
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("never"), "expires", s("not a number"))));

    fogbank.advance(Duration.ofMinutes(2));
    assertFalse(ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("soon")))).hasItem());
    assertTrue(ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("later")))).hasItem());
    fogbank.advance(Duration.ofHours(2));
    assertFalse(ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("later")))).hasItem());
    assertTrue(ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("never")))).hasItem(), "only Number TTL values expire");

    String arn = ddb.describeTable(b -> b.tableName(t)).table().latestStreamArn();
    Record removal = records(arn).stream().filter(r -> r.eventName() == OperationType.REMOVE).findFirst().orElseThrow();
    // TTL deletions carry the service's identity (Developer Guide, "DynamoDB Streams and Time to Live")
    assertEquals("dynamodb.amazonaws.com", removal.userIdentity().principalId());
    assertEquals("Service", removal.userIdentity().type());
    assertEquals(s("soon"), removal.dynamodb().oldImage().get("pk"));
  }

  @Test
  void streamRecordsFollowTheViewType() {
    String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n(1))));
    ddb.updateItem(b -> b.tableName(t).key(Map.of("pk", s("a"))).updateExpression("SET v = :two")
        .expressionAttributeValues(Map.of(":two", n(2))));
    ddb.deleteItem(b -> b.tableName(t).key(Map.of("pk", s("a"))));

    String arn = ddb.describeTable(b -> b.tableName(t)).table().latestStreamArn();
    assertTrue(streams.listStreams(b -> b.tableName(t)).streams().stream().anyMatch(st -> st.streamArn().equals(arn)));
    var description = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
    assertEquals(t, description.tableName());
    assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, description.streamViewType());

    List<Record> records = records(arn);
    assertEquals(List.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE),
        records.stream().map(Record::eventName).toList());
    assertNull(records.get(0).dynamodb().oldImage().isEmpty() ? null : records.get(0).dynamodb().oldImage());
    assertEquals(n(1), records.get(1).dynamodb().oldImage().get("v"));
    assertEquals(n(2), records.get(1).dynamodb().newImage().get("v"));
    assertEquals(Map.of("pk", s("a")), records.get(2).dynamodb().keys());
    assertTrue(records.get(0).dynamodb().sequenceNumber().compareTo(records.get(1).dynamodb().sequenceNumber()) < 0);

    var shard = description.shards().get(0);
    String latest = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("b"))));
    var fresh = streams.getRecords(b -> b.shardIterator(latest));
    assertEquals(1, fresh.records().size());
    assertEquals(s("b"), fresh.records().get(0).dynamodb().keys().get("pk"));
    String after = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(records.get(1).dynamodb().sequenceNumber()))
        .shardIterator();
    assertEquals(OperationType.REMOVE, streams.getRecords(b -> b.shardIterator(after)).records().get(0).eventName());

    fogbank.advance(Duration.ofMinutes(16));
    // shard iterators expire after 15 minutes (DynamoDB Streams API reference, GetShardIterator)
    assertThrows(software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException.class,
        () -> streams.getRecords(b -> b.shardIterator(latest)));
  }

  @Test
  void keysOnlyStreamsCarryNoImages() {
    String t = streamTable(StreamViewType.KEYS_ONLY);
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n(1))));
    Record r = records(ddb.describeTable(b -> b.tableName(t)).table().latestStreamArn()).get(0);
    assertFalse(r.dynamodb().hasNewImage());
    assertEquals(StreamViewType.KEYS_ONLY, r.dynamodb().streamViewType());
  }
}
