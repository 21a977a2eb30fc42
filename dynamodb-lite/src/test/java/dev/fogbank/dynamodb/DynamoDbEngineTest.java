package dev.fogbank.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.bus.EventBus;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine without HTTP, on a frozen virtual clock. */
class DynamoDbEngineTest {

  private final VirtualClock clock = VirtualClock.frozenAt(Instant.parse("2025-01-01T00:00:00Z"));
  private final Scheduler scheduler = new Scheduler(clock);
  private final EventBus bus = new EventBus();
  private final DynamoDbEngine engine = new DynamoDbEngine(clock, scheduler, bus);

  @AfterEach
  void stop() {
    scheduler.close();
    bus.close();
  }

  private JsonNode call(String op, String json) {
    RequestContext ctx = new RequestContext("r", "000000000000", "us-east-1", "localhost", Protocol.AWS_JSON_1_0, null, clock);
    return engine.handlers().getOrDefault(op, engine.streamHandlers().get(op)).handle(ctx, (ObjectNode) Json.parse(json));
  }

  private void table(String name, String extra) {
    call("CreateTable", """
        {"TableName": "%s", "BillingMode": "PAY_PER_REQUEST",
         "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
         "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}] %s}
        """.formatted(name, extra));
  }

  @Test
  void timeToLiveDeletesOnTheSchedulerAndStreamsPublishOnTheBus() throws Exception {
    table("ttl", ", \"StreamSpecification\": {\"StreamEnabled\": true, \"StreamViewType\": \"NEW_IMAGE\"}");
    List<StreamRecordWritten> events = new CopyOnWriteArrayList<>();
    CountDownLatch two = new CountDownLatch(2);
    bus.subscribe(StreamRecordWritten.class, e -> {
      events.add(e);
      two.countDown();
    });
    call("UpdateTimeToLive", "{\"TableName\": \"ttl\", \"TimeToLiveSpecification\": {\"Enabled\": true, \"AttributeName\": \"exp\"}}");
    long expiry = clock.now().getEpochSecond() + 30;
    call("PutItem", "{\"TableName\": \"ttl\", \"Item\": {\"pk\": {\"S\": \"a\"}, \"exp\": {\"N\": \"" + expiry + "\"}}}");
    scheduler.advance(Duration.ofSeconds(29));
    assertTrue(call("GetItem", "{\"TableName\": \"ttl\", \"Key\": {\"pk\": {\"S\": \"a\"}}}").has("Item"));
    scheduler.advance(Duration.ofSeconds(1));
    assertFalse(call("GetItem", "{\"TableName\": \"ttl\", \"Key\": {\"pk\": {\"S\": \"a\"}}}").has("Item"));
    assertTrue(two.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("INSERT", "REMOVE"), events.stream().map(e -> e.record().get("eventName").asText()).toList());
    assertEquals("Service", events.get(1).record().path("userIdentity").path("Type").asText());
  }

  @Test
  void rewritingAnItemMovesItsExpiry() {
    table("ttl2", "");
    call("UpdateTimeToLive", "{\"TableName\": \"ttl2\", \"TimeToLiveSpecification\": {\"Enabled\": true, \"AttributeName\": \"exp\"}}");
    long now = clock.now().getEpochSecond();
    call("PutItem", "{\"TableName\": \"ttl2\", \"Item\": {\"pk\": {\"S\": \"a\"}, \"exp\": {\"N\": \"" + (now + 10) + "\"}}}");
    call("UpdateItem", "{\"TableName\": \"ttl2\", \"Key\": {\"pk\": {\"S\": \"a\"}}, \"UpdateExpression\": \"SET exp = :e\","
        + " \"ExpressionAttributeValues\": {\":e\": {\"N\": \"" + (now + 100) + "\"}}}");
    scheduler.advance(Duration.ofSeconds(50));
    assertTrue(call("GetItem", "{\"TableName\": \"ttl2\", \"Key\": {\"pk\": {\"S\": \"a\"}}}").has("Item"));
    scheduler.advance(Duration.ofSeconds(50));
    assertFalse(call("GetItem", "{\"TableName\": \"ttl2\", \"Key\": {\"pk\": {\"S\": \"a\"}}}").has("Item"));
  }

  @Test
  void concurrentConditionalIncrementsNeverLoseAnUpdate() throws Exception {
    table("counter", "");
    call("PutItem", "{\"TableName\": \"counter\", \"Item\": {\"pk\": {\"S\": \"c\"}, \"n\": {\"N\": \"0\"}}}");
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 200; i++) {
        pool.execute(() -> call("UpdateItem", "{\"TableName\": \"counter\", \"Key\": {\"pk\": {\"S\": \"c\"}},"
            + " \"UpdateExpression\": \"ADD n :one\", \"ExpressionAttributeValues\": {\":one\": {\"N\": \"1\"}}}"));
      }
    }
    assertEquals("200", call("GetItem", "{\"TableName\": \"counter\", \"Key\": {\"pk\": {\"S\": \"c\"}}}").at("/Item/n/N").asText());
  }

  @Test
  void describeTableCountsItemsAndBytes() {
    table("sizes", "");
    call("PutItem", "{\"TableName\": \"sizes\", \"Item\": {\"pk\": {\"S\": \"abc\"}, \"v\": {\"S\": \"12345\"}}}");
    JsonNode t = call("DescribeTable", "{\"TableName\": \"sizes\"}").get("Table");
    assertEquals(1, t.get("ItemCount").asInt());
    // "pk" + "abc" + "v" + "12345" (Developer Guide, "Item sizes and formats")
    assertEquals(2 + 3 + 1 + 5, t.get("TableSizeBytes").asInt());
    AwsException e = assertThrows(AwsException.class, () -> call("DescribeTable", "{\"TableName\": \"nope\"}"));
    assertEquals("ResourceNotFoundException", e.code());
  }
}
