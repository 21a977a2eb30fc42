package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** DynamoDB Streams event source mappings: per-key order, bisecting, retries, OnFailure, filters. */
class LambdaDynamoDbEventSourceIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());
  private final DynamoDbClient dynamodb = fogbank.client(DynamoDbClient.builder());
  private final SqsClient sqs = fogbank.client(SqsClient.builder());
  private final Metrics metrics = new Metrics(fogbank);

  private String table() {
    String name = Functions.uniqueName("orders");
    dynamodb.createTable(
        t -> t.tableName(name)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
            .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    return dynamodb.describeTable(d -> d.tableName(name)).table().latestStreamArn();
  }

  private void put(String streamArn, String pk, String value) {
    String table = streamArn.split("/")[1];
    dynamodb.putItem(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS(value))));
  }

  private String recorder() {
    String name = Functions.uniqueName("stream");
    Functions.create(lambda, name, Runtime.JAVA21, "example.Recorder::handleRequest", Packages.java(Handlers.recorder()), b -> b.timeout(30));
    return name;
  }

  private String[] queue() {
    String url = sqs.createQueue(q -> q.queueName(Functions.uniqueName("stream-failures"))).queueUrl();
    String arn = sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    return new String[] {url, arn};
  }

  /** Successful deliveries only: "key:value" of every record of every event that did not crash. */
  private static List<String> processed(String streamArn) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : Recorded.events(streamArn)) {
      if (e.toString().contains("crash")) {
        continue;
      }
      for (JsonNode r : e.path("Records")) {
        JsonNode image = r.path("dynamodb").path("NewImage");
        out.add(image.path("pk").path("S").asText() + ":" + image.path("v").path("S").asText());
      }
    }
    return out;
  }

  @Test
  void streamRecordsArriveInOrderAndAFailingBatchIsBisectedDownToTheBadRecord() throws Exception {
    String stream = table();
    String[] failures = queue();
    for (String[] kv : List.of(
        new String[] {"k1", "v1"}, new String[] {"k2", "v1"}, new String[] {"k1", "v2"},
        new String[] {"k3", "crash"}, new String[] {"k2", "v2"}, new String[] {"k1", "v3"})) {
      put(stream, kv[0], kv[1]);
    }
    String fn = recorder();
    CreateEventSourceMappingResponse created =
        lambda.createEventSourceMapping(
            c -> c.functionName(fn)
                .eventSourceArn(stream)
                .startingPosition(EventSourcePosition.TRIM_HORIZON)
                .batchSize(10)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(failures[1]))));
    assertEquals("Creating", created.state());
    assertEquals(-1, created.maximumRecordAgeInSeconds());
    assertEquals(1, created.parallelizationFactor());

    Metrics.await(() -> processed(stream).size() == 5, "the good records");
    // Developer Guide: records of one shard are processed in order; the batch of six fails,
    // its halves are retried, and so on down to the one record that fails by itself.
    assertEquals(List.of("k1:v1", "k2:v1", "k1:v2", "k2:v2", "k1:v3"), processed(stream));
    assertEquals(6, Recorded.events(stream).get(0).path("Records").size());

    List<Message> messages = new ArrayList<>();
    Metrics.await(
        () -> messages.addAll(sqs.receiveMessage(r -> r.queueUrl(failures[0])).messages()) || !messages.isEmpty(),
        "the discarded record's OnFailure record");
    JsonNode record = JSON.readTree(messages.get(0).body());
    assertEquals("RetryAttemptsExhausted", record.path("requestContext").path("condition").asText());
    assertEquals(1, record.path("requestContext").path("approximateInvokeCount").asInt());
    assertEquals("Unhandled", record.path("responseContext").path("functionError").asText());
    JsonNode info = record.path("DDBStreamBatchInfo");
    assertEquals(1, info.path("batchSize").asInt());
    assertEquals(stream, info.path("streamArn").asText());
    assertEquals(info.path("startSequenceNumber").asText(), info.path("endSequenceNumber").asText());
    assertTrue(info.path("shardId").asText().startsWith("shardId-"));

    JsonNode first = Recorded.records(stream).get(0);
    // The record shape of "Using Lambda with Amazon DynamoDB".
    assertEquals("INSERT", first.path("eventName").asText());
    assertEquals("aws:dynamodb", first.path("eventSource").asText());
    assertEquals(stream, first.path("eventSourceARN").asText());
    assertEquals("us-east-1", first.path("awsRegion").asText());
    assertEquals("k1", first.path("dynamodb").path("Keys").path("pk").path("S").asText());
    assertEquals("NEW_AND_OLD_IMAGES", first.path("dynamodb").path("StreamViewType").asText());
    assertTrue(first.path("dynamodb").has("SequenceNumber"));
    assertTrue(first.path("dynamodb").has("SizeBytes"));
  }

  @Test
  void failingBatchIsRetriedMaximumRetryAttemptsTimesThenDiscarded() throws Exception {
    String stream = table();
    String[] failures = queue();
    String fn = recorder();
    lambda.createEventSourceMapping(
        c -> c.functionName(fn)
            .eventSourceArn(stream)
            .startingPosition(EventSourcePosition.LATEST)
            .maximumRetryAttempts(2)
            .destinationConfig(d -> d.onFailure(f -> f.destination(failures[1]))));
    put(stream, "a", "crash");
    Metrics.await(() -> Recorded.events(stream).size() == 1, "the first attempt");
    metrics.advanceUntil(Duration.ofMillis(500), () -> Recorded.events(stream).size() == 3, "two retries");
    List<Message> messages = new ArrayList<>();
    metrics.advanceUntil(
        Duration.ofMillis(500),
        () -> messages.addAll(sqs.receiveMessage(r -> r.queueUrl(failures[0])).messages()) || !messages.isEmpty(),
        "the OnFailure record");
    JsonNode record = JSON.readTree(messages.get(0).body());
    assertEquals("RetryAttemptsExhausted", record.path("requestContext").path("condition").asText());
    assertEquals(3, record.path("requestContext").path("approximateInvokeCount").asInt());
    assertEquals(3, Recorded.events(stream).size());

    // The shard moves on: the next record is processed.
    put(stream, "b", "fine");
    Metrics.await(() -> processed(stream).equals(List.of("b:fine")), "the next record");
  }

  @Test
  void recordsOlderThanMaximumRecordAgeAreDiscarded() throws Exception {
    String stream = table();
    String[] failures = queue();
    String fn = recorder();
    lambda.createEventSourceMapping(
        c -> c.functionName(fn)
            .eventSourceArn(stream)
            .startingPosition(EventSourcePosition.LATEST)
            .maximumRecordAgeInSeconds(60)
            .destinationConfig(d -> d.onFailure(f -> f.destination(failures[1]))));
    put(stream, "a", "crash");
    List<Message> messages = new ArrayList<>();
    // MaximumRetryAttempts is -1 (retry until the record expires): only the age ends the retries.
    metrics.advanceUntil(
        Duration.ofSeconds(1),
        () -> messages.addAll(sqs.receiveMessage(r -> r.queueUrl(failures[0])).messages()) || !messages.isEmpty(),
        "the OnFailure record");
    JsonNode record = JSON.readTree(messages.get(0).body());
    assertEquals("MaximumRecordAgeExceeded", record.path("requestContext").path("condition").asText());
    assertTrue(record.path("requestContext").path("approximateInvokeCount").asInt() > 1);
    java.time.Instant first = java.time.Instant.parse(record.path("DDBStreamBatchInfo").path("approximateArrivalOfFirstRecord").asText());
    assertTrue(Duration.between(first, fogbank.fogbank().now()).getSeconds() > 60, "discarded only once older than 60 s");
  }

  @Test
  void updatedAndReenabledMappingsResumeFromTheirCheckpoint() {
    String stream = table();
    String fn = recorder();
    String uuid =
        lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(stream).startingPosition(EventSourcePosition.TRIM_HORIZON)).uuid();
    put(stream, "a", "1");
    put(stream, "b", "2");
    Metrics.await(() -> processed(stream).size() == 2, "the first records");
    lambda.updateEventSourceMapping(u -> u.uuid(uuid).batchSize(5));
    put(stream, "c", "3");
    Metrics.await(() -> processed(stream).size() == 3, "the record after the update");
    lambda.updateEventSourceMapping(u -> u.uuid(uuid).enabled(false));
    put(stream, "d", "4");
    lambda.updateEventSourceMapping(u -> u.uuid(uuid).enabled(true));
    Metrics.await(() -> processed(stream).size() == 4, "the record written while disabled");
    assertEquals(List.of("a:1", "b:2", "c:3", "d:4"), processed(stream));
  }

  @Test
  void filterCriteriaSkipRecordsThatDoNotMatch() {
    String stream = table();
    String fn = recorder();
    lambda.createEventSourceMapping(
        c -> c.functionName(fn)
            .eventSourceArn(stream)
            .startingPosition(EventSourcePosition.LATEST)
            .filterCriteria(f -> f.filters(p -> p.pattern("{\"dynamodb\":{\"NewImage\":{\"v\":{\"S\":[{\"prefix\":\"keep\"}]}}}}"))));
    put(stream, "a", "drop-me");
    put(stream, "b", "keep-me");
    Metrics.await(() -> processed(stream).equals(List.of("b:keep-me")), "only the matching record");
  }

  @Test
  void streamMappingsNeedAStartingPositionAndAnExistingStream() {
    String stream = table();
    String fn = recorder();
    assertThrows(InvalidParameterValueException.class, () -> lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(stream)));
    assertThrows(
        InvalidParameterValueException.class,
        () -> lambda.createEventSourceMapping(
            c -> c.functionName(fn).eventSourceArn(stream + "x").startingPosition(EventSourcePosition.LATEST)));
  }
}
