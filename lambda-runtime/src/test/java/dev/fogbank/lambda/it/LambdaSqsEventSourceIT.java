package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS event source mappings end to end: CRUD, the event shape, deletes, partial failures, redrive, FIFO, filters. */
class LambdaSqsEventSourceIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());
  private final SqsClient sqs = fogbank.client(SqsClient.builder());

  record Queue(String url, String arn) {}

  private Queue queue(String prefix, Map<QueueAttributeName, String> attributes) {
    String url = sqs.createQueue(q -> q.queueName(Functions.uniqueName(prefix) + (prefix.endsWith("fifo") ? ".fifo" : "")).attributes(attributes)).queueUrl();
    String arn = sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    return new Queue(url, arn);
  }

  private String recorder() {
    String name = Functions.uniqueName("esm");
    Functions.create(lambda, name, Runtime.JAVA21, "example.Recorder::handleRequest", Packages.java(Handlers.recorder()), b -> b.timeout(30));
    return name;
  }

  private int inQueue(Queue q) {
    Map<QueueAttributeName, String> a =
        sqs.getQueueAttributes(
                r -> r.queueUrl(q.url())
                    .attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static List<String> bodies(String sourceArn) {
    List<String> out = new ArrayList<>();
    Recorded.records(sourceArn).forEach(r -> out.add(r.path("body").asText()));
    return out;
  }

  @Test
  void mappingLifecycleFromCreatingToEnabledDisabledAndDeleted() {
    Queue q = queue("crud", Map.of());
    String fn = recorder();
    CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(q.arn()).batchSize(5));
    assertEquals("Creating", created.state());
    assertTrue(created.uuid().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    assertEquals(5, created.batchSize());
    // As the AWS CLI reference's create-event-source-mapping example answers.
    assertEquals("USER_INITIATED", created.stateTransitionReason());
    assertEquals(0, created.maximumBatchingWindowInSeconds());
    assertTrue(created.functionArn().endsWith(":function:" + fn));
    assertEquals("Enabled", lambda.getEventSourceMapping(g -> g.uuid(created.uuid())).state());
    assertEquals(1, lambda.listEventSourceMappings(l -> l.functionName(fn)).eventSourceMappings().size());
    assertEquals(1, lambda.listEventSourceMappings(l -> l.eventSourceArn(q.arn())).eventSourceMappings().size());

    // A second mapping of the same queue to the same function: ResourceConflictException.
    ResourceConflictException conflict =
        assertThrows(ResourceConflictException.class, () -> lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(q.arn())));
    assertTrue(conflict.getMessage().contains(created.uuid()));

    assertEquals("Disabling", lambda.updateEventSourceMapping(u -> u.uuid(created.uuid()).enabled(false)).state());
    assertEquals("Disabled", lambda.getEventSourceMapping(g -> g.uuid(created.uuid())).state());
    sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody("while-disabled"));
    GetEventSourceMappingResponse enabled = lambda.getEventSourceMapping(g -> g.uuid(created.uuid()));
    assertEquals("Disabled", enabled.state());
    assertEquals("Enabling", lambda.updateEventSourceMapping(u -> u.uuid(created.uuid()).enabled(true).batchSize(3)).state());
    Metrics.await(() -> bodies(q.arn()).contains("while-disabled"), "processing after re-enabling");
    assertEquals(3, lambda.getEventSourceMapping(g -> g.uuid(created.uuid())).batchSize());

    assertEquals("Deleting", lambda.deleteEventSourceMapping(d -> d.uuid(created.uuid())).state());
    assertThrows(ResourceNotFoundException.class, () -> lambda.getEventSourceMapping(g -> g.uuid(created.uuid())));
    assertTrue(lambda.listEventSourceMappings(l -> l.functionName(fn)).eventSourceMappings().isEmpty());
  }

  @Test
  void badConfigurationsGetLambdasErrors() {
    String fn = recorder();
    Queue fifo = queue("bad-fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
    Queue standard = queue("bad", Map.of());
    assertThrows(
        InvalidParameterValueException.class,
        () -> lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn("arn:aws:sqs:us-east-1:000000000000:no-such-queue")));
    assertThrows(
        InvalidParameterValueException.class,
        () -> lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(fifo.arn()).maximumBatchingWindowInSeconds(5)));
    // Developer Guide: a batch size above 10 needs a batching window of at least 1 second.
    assertThrows(
        InvalidParameterValueException.class,
        () -> lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(standard.arn()).batchSize(100)));
    assertThrows(
        InvalidParameterValueException.class,
        () -> lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(standard.arn()).maximumRetryAttempts(3)));
    assertThrows(
        ResourceNotFoundException.class,
        () -> lambda.createEventSourceMapping(c -> c.functionName("no-such-function").eventSourceArn(standard.arn())));
    assertThrows(ResourceNotFoundException.class, () -> lambda.getEventSourceMapping(g -> g.uuid("7e1e1e1e-0000-4000-8000-000000000000")));
    // The queue's visibility timeout (30 s by default) must cover the function's timeout.
    lambda.updateFunctionConfiguration(u -> u.functionName(fn).timeout(60));
    Functions.waitUpdated(lambda, fn);
    InvalidParameterValueException slow =
        assertThrows(InvalidParameterValueException.class, () -> lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(standard.arn())));
    assertEquals("Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds", slow.awsErrorDetails().errorMessage());
  }

  @Test
  void functionReceivesSqsRecordsAndProcessedMessagesAreDeleted() {
    Queue q = queue("shape", Map.of());
    String fn = recorder();
    lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(q.arn()));
    String id =
        sqs.sendMessage(
                s -> s.queueUrl(q.url())
                    .messageBody("hello")
                    .messageAttributes(Map.of("color", MessageAttributeValue.builder().dataType("String").stringValue("blue").build())))
            .messageId();
    Metrics.await(() -> Recorded.records(q.arn()).size() == 1, "the message reaches the function");
    JsonNode r = Recorded.records(q.arn()).get(0);
    // The SQS record of "Using Lambda with Amazon SQS" (Developer Guide).
    assertEquals(id, r.path("messageId").asText());
    assertFalse(r.path("receiptHandle").asText().isEmpty());
    assertEquals("hello", r.path("body").asText());
    assertEquals("1", r.path("attributes").path("ApproximateReceiveCount").asText());
    assertTrue(r.path("attributes").has("SentTimestamp"));
    assertTrue(r.path("attributes").has("SenderId"));
    assertTrue(r.path("attributes").has("ApproximateFirstReceiveTimestamp"));
    assertEquals("blue", r.path("messageAttributes").path("color").path("stringValue").asText());
    assertEquals("String", r.path("messageAttributes").path("color").path("dataType").asText());
    assertEquals("5d41402abc4b2a76b9719d911017c592", r.path("md5OfBody").asText()); // MD5 of "hello"
    assertEquals("aws:sqs", r.path("eventSource").asText());
    assertEquals(q.arn(), r.path("eventSourceARN").asText());
    assertEquals("us-east-1", r.path("awsRegion").asText());
    Metrics.await(() -> inQueue(q) == 0, "the processed message is deleted");
  }

  @Test
  void partialBatchFailuresDeleteOnlySuccessesAndRedriveTheRestAfterMaxReceiveCount() {
    Queue dlq = queue("esm-dlq", Map.of());
    Queue q =
        queue(
            "partial",
            Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"2\"}"));
    String fn = recorder();
    lambda.createEventSourceMapping(
        c -> c.functionName(fn).eventSourceArn(q.arn()).functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
    for (String body : List.of("one", "poison", "two")) {
      sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody(body));
    }
    Metrics.await(() -> bodies(q.arn()).size() == 3, "the first deliveries");
    Metrics.await(() -> inQueue(q) == 1, "the successes deleted");
    // The failed message returns after the visibility timeout, fails again, and after its
    // second receive (maxReceiveCount 2) SQS moves it to the dead-letter queue.
    fogbank.advance(Duration.ofSeconds(31));
    Metrics.await(() -> bodies(q.arn()).size() == 4, "the second delivery of the failed message");
    assertEquals("poison", bodies(q.arn()).get(3));
    fogbank.advance(Duration.ofSeconds(31));
    Metrics.await(() -> inQueue(dlq) == 1, "the failed message redriven");
    assertEquals(0, inQueue(q));
    assertEquals("poison", sqs.receiveMessage(r -> r.queueUrl(dlq.url())).messages().get(0).body());
  }

  @Test
  void failedBatchReturnsToTheQueueWhole() {
    Queue q = queue("crash", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
    String fn = recorder();
    lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(q.arn()));
    sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody("crash"));
    Metrics.await(() -> bodies(q.arn()).size() == 1, "the first attempt");
    assertEquals(1, inQueue(q));
    fogbank.advance(Duration.ofSeconds(31));
    Metrics.await(() -> bodies(q.arn()).size() == 2, "the retry after the visibility timeout");
    assertEquals("2", Recorded.records(q.arn()).get(1).path("attributes").path("ApproximateReceiveCount").asText());
  }

  @Test
  void mappingKeepsPollingAQueueThatIsDeletedAndCreatedAgain() {
    String name = Functions.uniqueName("again");
    String url = sqs.createQueue(q -> q.queueName(name)).queueUrl();
    String arn = sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    String fn = recorder();
    lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(arn));
    sqs.deleteQueue(d -> d.queueUrl(url));
    // The pollers' long polls end on the deleted queue; they try again every 10 s. SQS lets a
    // queue of the same name be created 60 s after the deletion.
    new Metrics(fogbank).advanceUntil(Duration.ofSeconds(10), () -> {
      try {
        sqs.createQueue(q -> q.queueName(name));
        return true;
      } catch (software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException e) {
        return false;
      }
    }, "the name free again");
    String again = sqs.getQueueUrl(q -> q.queueName(name)).queueUrl();
    sqs.sendMessage(s -> s.queueUrl(again).messageBody("back"));
    new Metrics(fogbank).advanceUntil(Duration.ofSeconds(5), () -> bodies(arn).contains("back"), "the message in the new queue");
  }

  @Test
  void fifoQueueKeepsOrderWithinEachMessageGroup() {
    Queue q = queue("order-fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
    String fn = recorder();
    lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(q.arn()).batchSize(2));
    for (int i = 0; i < 6; i++) {
      String group = i % 2 == 0 ? "a" : "b";
      String body = group + i;
      sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody(body).messageGroupId(group));
    }
    Metrics.await(() -> bodies(q.arn()).size() == 6, "all six messages");
    List<String> a = bodies(q.arn()).stream().filter(b -> b.startsWith("a")).toList();
    List<String> b = bodies(q.arn()).stream().filter(x -> x.startsWith("b")).toList();
    assertEquals(List.of("a0", "a2", "a4"), a);
    assertEquals(List.of("b1", "b3", "b5"), b);
    JsonNode first = Recorded.records(q.arn()).get(0);
    assertTrue(first.path("attributes").has("MessageGroupId"));
    assertTrue(first.path("attributes").has("SequenceNumber"));
    assertTrue(first.path("attributes").has("MessageDeduplicationId"));
    Metrics.await(() -> inQueue(q) == 0, "all deleted");
  }

  @Test
  void scalingConfigCapsConcurrentInvocations() {
    Queue q = queue("scaling", Map.of());
    String fn = recorder();
    lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(q.arn()).batchSize(1).scalingConfig(s -> s.maximumConcurrency(2)));
    for (int i = 0; i < 20; i++) {
      String body = "slow" + i;
      sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody(body));
    }
    Metrics.await(() -> inQueue(q) == 0, "all processed");
    assertEquals(20, bodies(q.arn()).size());
    long maximum = new Metrics(fogbank).of(fn).path("ConcurrentExecutions").path("Maximum").asLong();
    assertTrue(maximum >= 1 && maximum <= 2, "concurrent executions: " + maximum);
  }

  @Test
  void batchingWindowGathersABatchUntilItEnds() {
    Queue q = queue("window", Map.of());
    String fn = recorder();
    lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(q.arn()).batchSize(50).maximumBatchingWindowInSeconds(10));
    for (int i = 0; i < 25; i++) {
      String body = "m" + i;
      sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody(body));
    }
    Metrics.await(() -> inQueue(q) == 25, "sent");
    assertTrue(Recorded.events(q.arn()).isEmpty(), "no invocation before the window ends");
    fogbank.advance(Duration.ofSeconds(10));
    // Each of the mapping's pollers gathers its own batch; all of them wait for the window.
    Metrics.await(() -> bodies(q.arn()).size() == 25, "the batches when the window ends");
    assertTrue(Recorded.events(q.arn()).size() <= 5, "batches: " + Recorded.events(q.arn()).size());
  }

  @Test
  void filterCriteriaPassOnlyMatchingMessagesAndDeleteTheOthers() {
    Queue q = queue("filter", Map.of());
    String fn = recorder();
    lambda.createEventSourceMapping(
        c -> c.functionName(fn).eventSourceArn(q.arn()).filterCriteria(f -> f.filters(p -> p.pattern("{\"body\":{\"kind\":[\"order\"],\"total\":[{\"numeric\":[\">\",100]}]}}"))));
    sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody("{\"kind\":\"order\",\"total\":50}"));
    sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody("{\"kind\":\"refund\",\"total\":500}"));
    sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody("{\"kind\":\"order\",\"total\":500}"));
    sqs.sendMessage(s -> s.queueUrl(q.url()).messageBody("not json"));
    Metrics.await(() -> inQueue(q) == 0, "every message handled or filtered out");
    assertEquals(List.of("{\"kind\":\"order\",\"total\":500}"), bodies(q.arn()));
  }
}
