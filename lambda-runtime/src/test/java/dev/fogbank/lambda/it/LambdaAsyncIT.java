package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Asynchronous invocation end to end on virtual time: the retry schedule, the dead-letter queue,
 * destinations, the maximum event age and throttling, observed as a client would — through the
 * messages that arrive in SQS and Lambda's metrics.
 */
class LambdaAsyncIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());
  private final SqsClient sqs = fogbank.client(SqsClient.builder());
  private final Metrics metrics = new Metrics(fogbank);

  private String function(String deadLetterArn) {
    String name = Functions.uniqueName("async");
    Functions.create(
        lambda,
        name,
        Runtime.JAVA21,
        "example.Flaky::handleRequest",
        Packages.java(Handlers.flaky()),
        b -> {
          b.timeout(30);
          if (deadLetterArn != null) {
            b.deadLetterConfig(d -> d.targetArn(deadLetterArn));
          }
        });
    return name;
  }

  /** A queue: its URL and ARN. */
  record Queue(String url, String arn) {}

  private Queue queue(String prefix) {
    String url = sqs.createQueue(q -> q.queueName(Functions.uniqueName(prefix))).queueUrl();
    String arn =
        sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    return new Queue(url, arn);
  }

  private List<Message> drain(Queue q) {
    return sqs.receiveMessage(r -> r.queueUrl(q.url()).maxNumberOfMessages(10).messageAttributeNames("All")).messages();
  }

  private Message one(Queue q) {
    List<Message> messages = drain(q);
    assertEquals(1, messages.size(), "messages in " + q.url());
    return messages.get(0);
  }

  private InvokeResponse invokeEvent(String name, String payload) {
    return lambda.invoke(i -> i.functionName(name).invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void permanentlyFailingEventRetriesAtOneAndThreeMinutesThenGoesToDeadLetterQueueAndOnFailure() throws Exception {
    Queue dlq = queue("dlq");
    Queue failures = queue("on-failure");
    String name = function(dlq.arn());
    lambda.putFunctionEventInvokeConfig(p -> p.functionName(name).destinationConfig(d -> d.onFailure(f -> f.destination(failures.arn()))));

    InvokeResponse accepted = invokeEvent(name, "{\"order\":42}");
    assertEquals(202, accepted.statusCode());
    String requestId = accepted.responseMetadata().requestId();
    metrics.settled(name);
    assertEquals(1, metrics.count(name, "Invocations"));

    // Developer Guide, "Error handling and automatic retries": the first retry about 1 minute
    // after the first attempt, the second about 2 minutes after that (with jitter below).
    metrics.advance(name, Duration.ofSeconds(50));
    assertEquals(1, metrics.count(name, "Invocations"));
    metrics.advance(name, Duration.ofSeconds(10));
    assertEquals(2, metrics.count(name, "Invocations"));
    metrics.advance(name, Duration.ofSeconds(100));
    assertEquals(2, metrics.count(name, "Invocations"));
    assertTrue(drain(dlq).isEmpty(), "nothing dead-lettered before the last retry");
    metrics.advance(name, Duration.ofSeconds(20));
    assertEquals(3, metrics.count(name, "Invocations"));
    assertEquals(3, metrics.count(name, "Errors"));

    Message dead = one(dlq);
    assertEquals("{\"order\":42}", dead.body());
    // The dead-letter message attributes Lambda adds: RequestID, ErrorCode, ErrorMessage.
    assertEquals(requestId, dead.messageAttributes().get("RequestID").stringValue());
    assertEquals("200", dead.messageAttributes().get("ErrorCode").stringValue());
    assertEquals("Number", dead.messageAttributes().get("ErrorCode").dataType());
    assertEquals("attempt 3 failed", dead.messageAttributes().get("ErrorMessage").stringValue());

    JsonNode record = JSON.readTree(one(failures).body());
    assertEquals("1.0", record.path("version").asText());
    assertEquals("RetriesExhausted", record.path("requestContext").path("condition").asText());
    assertEquals(3, record.path("requestContext").path("approximateInvokeCount").asInt());
    assertEquals(requestId, record.path("requestContext").path("requestId").asText());
    assertTrue(record.path("requestContext").path("functionArn").asText().endsWith(":function:" + name + ":$LATEST"));
    assertEquals(42, record.path("requestPayload").path("order").asInt());
    assertEquals(200, record.path("responseContext").path("statusCode").asInt());
    assertEquals("$LATEST", record.path("responseContext").path("executedVersion").asText());
    assertEquals("Unhandled", record.path("responseContext").path("functionError").asText());
    assertEquals("attempt 3 failed", record.path("responsePayload").path("errorMessage").asText());
    assertEquals(1, metrics.count(name, "AsyncEventsDropped"));
  }

  @Test
  void s3UploadInvokesAsynchronouslyAndSucceedsOnTheThirdAttempt() throws Exception {
    Queue successes = queue("on-success");
    String name = function(null);
    lambda.putFunctionEventInvokeConfig(p -> p.functionName(name).destinationConfig(d -> d.onSuccess(s -> s.destination(successes.arn()))));
    String functionArn = lambda.getFunction(g -> g.functionName(name)).configuration().functionArn();
    S3Client s3 = fogbank.client(S3Client.builder().forcePathStyle(true));
    String bucket = Functions.uniqueName("uploads");
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketNotificationConfiguration(
        n -> n.bucket(bucket)
            .notificationConfiguration(
                c -> c.lambdaFunctionConfigurations(l -> l.lambdaFunctionArn(functionArn).events(Event.S3_OBJECT_CREATED))));

    s3.putObject(p -> p.bucket(bucket).key("fail2times.txt"), RequestBody.fromString("hello"));
    Metrics.await(() -> metrics.count(name, "Invocations") == 1, "the upload's first attempt");
    metrics.settled(name);
    metrics.advance(name, Duration.ofMinutes(1));
    assertEquals(2, metrics.count(name, "Invocations"));
    metrics.advance(name, Duration.ofMinutes(2));
    assertEquals(3, metrics.count(name, "Invocations"));
    assertEquals(2, metrics.count(name, "Errors"));

    JsonNode record = JSON.readTree(one(successes).body());
    assertEquals("Success", record.path("requestContext").path("condition").asText());
    assertEquals(3, record.path("requestContext").path("approximateInvokeCount").asInt());
    JsonNode s3Record = record.path("requestPayload").path("Records").get(0);
    assertNotNull(s3Record);
    assertEquals("aws:s3", s3Record.path("eventSource").asText());
    assertEquals(bucket, s3Record.path("s3").path("bucket").path("name").asText());
    assertEquals("fail2times.txt", s3Record.path("s3").path("object").path("key").asText());
    assertEquals(3, record.path("responsePayload").path("attempt").asInt());
    assertTrue(record.path("responseContext").path("functionError").isMissingNode());
  }

  @Test
  void snsDeliveryInvokesAsynchronouslyAndRetriesAfterAMinute() throws Exception {
    Queue successes = queue("on-success");
    String name = function(null);
    lambda.putFunctionEventInvokeConfig(p -> p.functionName(name).destinationConfig(d -> d.onSuccess(s -> s.destination(successes.arn()))));
    String functionArn = lambda.getFunction(g -> g.functionName(name)).configuration().functionArn();
    SnsClient sns = fogbank.client(SnsClient.builder());
    String topic = sns.createTopic(t -> t.name(Functions.uniqueName("alerts"))).topicArn();
    sns.subscribe(s -> s.topicArn(topic).protocol("lambda").endpoint(functionArn));

    sns.publish(p -> p.topicArn(topic).message("fail1times").subject("greeting"));
    Metrics.await(() -> metrics.count(name, "Invocations") == 1, "the delivery's first attempt");
    metrics.settled(name);
    metrics.advance(name, Duration.ofMinutes(1));
    assertEquals(2, metrics.count(name, "Invocations"));

    JsonNode record = JSON.readTree(one(successes).body());
    assertEquals("Success", record.path("requestContext").path("condition").asText());
    JsonNode sns0 = record.path("requestPayload").path("Records").get(0);
    // The SNS record of "Invoking Lambda functions with Amazon SNS notifications".
    assertEquals("aws:sns", sns0.path("EventSource").asText());
    assertEquals("fail1times", sns0.path("Sns").path("Message").asText());
    assertEquals(topic, sns0.path("Sns").path("TopicArn").asText());
    assertEquals("greeting", sns0.path("Sns").path("Subject").asText());
  }

  @Test
  void deadLetterTopicGetsTheEventWithLambdasAttributes() {
    SnsClient sns = fogbank.client(SnsClient.builder());
    String topic = sns.createTopic(t -> t.name(Functions.uniqueName("dead-letters"))).topicArn();
    Queue inbox = queue("dead-letter-inbox");
    sns.subscribe(s -> s.topicArn(topic).protocol("sqs").endpoint(inbox.arn()).attributes(Map.of("RawMessageDelivery", "true")));
    String name = function(topic);
    lambda.putFunctionEventInvokeConfig(p -> p.functionName(name).maximumRetryAttempts(0));

    String requestId = invokeEvent(name, "{\"via\":\"sns\"}").responseMetadata().requestId();
    metrics.settled(name);
    List<Message> got = new java.util.ArrayList<>();
    Metrics.await(() -> got.addAll(drain(inbox)) || !got.isEmpty(), "the dead letter through the topic");
    Message dead = got.get(0);
    assertEquals("{\"via\":\"sns\"}", dead.body());
    assertEquals(requestId, dead.messageAttributes().get("RequestID").stringValue());
    assertEquals("200", dead.messageAttributes().get("ErrorCode").stringValue());
    assertEquals("attempt 1 failed", dead.messageAttributes().get("ErrorMessage").stringValue());
  }

  @Test
  void onFailureDestinationFunctionIsInvokedWithTheRecord() {
    String name = function(null);
    String target = function(null);
    String targetArn = lambda.getFunction(g -> g.functionName(target)).configuration().functionArn();
    lambda.putFunctionEventInvokeConfig(
        p -> p.functionName(name).maximumRetryAttempts(0).destinationConfig(d -> d.onFailure(f -> f.destination(targetArn))));
    invokeEvent(name, "{\"to\":\"function\"}");
    metrics.settled(name);
    // The destination function gets the invocation record asynchronously; Flaky fails on it, as
    // it holds no fail<n>times, so it runs once and then waits for its own retry.
    Metrics.await(() -> metrics.count(target, "Invocations") == 1, "the destination's invocation");
    assertEquals(1, metrics.count(name, "Invocations"), "MaximumRetryAttempts 0: no retry");
    assertEquals(1, metrics.count(target, "AsyncEventsReceived"));
  }

  @Test
  void eventOlderThanMaximumEventAgeIsDroppedWithEventAgeExceeded() throws Exception {
    Queue failures = queue("on-failure");
    String name = function(null);
    lambda.putFunctionEventInvokeConfig(
        p -> p.functionName(name).maximumEventAgeInSeconds(60).destinationConfig(d -> d.onFailure(f -> f.destination(failures.arn()))));

    invokeEvent(name, "{\"id\":\"old\"}");
    metrics.settled(name);
    // The first retry (about a minute in) is within the 60 s age; the second would be past it.
    metrics.advance(name, Duration.ofMinutes(1));
    assertEquals(2, metrics.count(name, "Invocations"));
    metrics.advance(name, Duration.ofMinutes(2));
    assertEquals(2, metrics.count(name, "Invocations"), "no attempt after the event's maximum age");

    JsonNode record = JSON.readTree(one(failures).body());
    assertEquals("EventAgeExceeded", record.path("requestContext").path("condition").asText());
    assertEquals(2, record.path("requestContext").path("approximateInvokeCount").asInt());
    assertEquals("old", record.path("requestPayload").path("id").asText());
  }

  @Test
  void throttledEventIsRetriedWithBackoffAndDroppedOnceTooOld() throws Exception {
    Queue dlq = queue("dlq");
    Queue failures = queue("on-failure");
    String name = function(dlq.arn());
    lambda.putFunctionConcurrency(c -> c.functionName(name).reservedConcurrentExecutions(0));
    lambda.putFunctionEventInvokeConfig(
        p -> p.functionName(name).maximumEventAgeInSeconds(120).destinationConfig(d -> d.onFailure(f -> f.destination(failures.arn()))));

    assertEquals(202, invokeEvent(name, "{\"id\":\"throttled\"}").statusCode());
    metrics.settled(name);
    assertEquals(1, metrics.count(name, "Throttles"));
    // Throttled events back off exponentially from 1 s (up to 5 min): about 1, 2, 4, 8, 16, 32,
    // 64 s apart, less up to a tenth of jitter: seven or eight retries fall within two minutes and
    // the first that would come later finds the event past its maximum age.
    for (int s = 0; s < 400 && metrics.count(name, "AsyncEventsDropped") == 0; s++) {
      metrics.advance(name, Duration.ofSeconds(1));
    }
    long throttles = metrics.count(name, "Throttles");
    assertTrue(throttles >= 7 && throttles <= 9, "throttles: " + throttles);
    assertEquals(0, metrics.count(name, "Invocations"));
    assertEquals(0, metrics.of(name).path("AsyncQueue").path("Waiting").asLong());

    Message dead = one(dlq);
    assertEquals("{\"id\":\"throttled\"}", dead.body());
    assertEquals("429", dead.messageAttributes().get("ErrorCode").stringValue());
    JsonNode record = JSON.readTree(one(failures).body());
    assertEquals("EventAgeExceeded", record.path("requestContext").path("condition").asText());
    assertEquals(0, record.path("requestContext").path("approximateInvokeCount").asInt());
    assertEquals(429, record.path("responseContext").path("statusCode").asInt());
    assertEquals(1, metrics.count(name, "AsyncEventsDropped"));
  }

  @Test
  void eventInvokeConfigLimitsAreEnforced() {
    String name = function(null);
    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            software.amazon.awssdk.services.lambda.model.LambdaException.class,
            () -> lambda.putFunctionEventInvokeConfig(p -> p.functionName(name).maximumRetryAttempts(3)));
    assertEquals(400, error.statusCode());
    error =
        org.junit.jupiter.api.Assertions.assertThrows(
            software.amazon.awssdk.services.lambda.model.LambdaException.class,
            () -> lambda.putFunctionEventInvokeConfig(p -> p.functionName(name).maximumEventAgeInSeconds(59)));
    assertEquals(400, error.statusCode());
    // A destination that does not exist: InvalidParameterValueException, as Lambda answers it.
    String missing = "arn:aws:sqs:us-east-1:000000000000:no-such-queue";
    var invalid =
        org.junit.jupiter.api.Assertions.assertThrows(
            software.amazon.awssdk.services.lambda.model.InvalidParameterValueException.class,
            () -> lambda.putFunctionEventInvokeConfig(p -> p.functionName(name).destinationConfig(d -> d.onFailure(f -> f.destination(missing)))));
    assertEquals("The destination ARN " + missing + " is invalid.", invalid.awsErrorDetails().errorMessage());
  }
}
