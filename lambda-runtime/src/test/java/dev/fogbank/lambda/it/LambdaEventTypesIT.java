package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fogbank.testkit.FogbankExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Handlers typed with aws-lambda-java-events' classes (SQSEvent with SQSBatchResponse,
 * DynamodbEvent, S3Event, SNSEvent) read the events Fogbank delivers, field by field, unchanged.
 */
class LambdaEventTypesIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());
  private final SqsClient sqs = fogbank.client(SqsClient.builder());

  private static final String SOURCE =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import com.amazonaws.services.lambda.runtime.events.*;
      import java.io.IOException;
      import java.io.UncheckedIOException;
      import java.nio.file.*;
      import java.util.*;

      public class Typed {
        static void write(Context context, String line) {
          try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fogbank-typed"));
            synchronized (Typed.class) {
              Files.writeString(dir.resolve(context.getFunctionName() + ".txt"), line + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        public SQSBatchResponse sqs(SQSEvent event, Context context) {
          List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
          for (SQSEvent.SQSMessage m : event.getRecords()) {
            SQSEvent.MessageAttribute color = m.getMessageAttributes().get("color");
            write(context, String.join("|", m.getMessageId(), m.getBody(), m.getAttributes().get("ApproximateReceiveCount"),
                color == null ? "-" : color.getStringValue() + "/" + color.getDataType(), m.getEventSource(), m.getEventSourceArn(),
                m.getAwsRegion(), m.getMd5OfBody(), m.getReceiptHandle().isEmpty() ? "no-handle" : "handle"));
            if (m.getBody().contains("poison")) {
              failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
          }
          return new SQSBatchResponse(failures);
        }

        public String dynamodb(DynamodbEvent event, Context context) {
          for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            write(context, String.join("|", r.getEventName(), r.getEventSource(), r.getEventSourceARN(),
                r.getDynamodb().getKeys().get("pk").getS(), r.getDynamodb().getNewImage().get("v").getS(),
                r.getDynamodb().getSequenceNumber(), r.getDynamodb().getStreamViewType(),
                String.valueOf(r.getDynamodb().getApproximateCreationDateTime() != null)));
          }
          return "ok";
        }

        public String s3(S3Event event, Context context) {
          for (var r : event.getRecords()) {
            write(context, String.join("|", r.getEventSource(), r.getEventName(), r.getS3().getBucket().getName(),
                r.getS3().getObject().getKey(), String.valueOf(r.getS3().getObject().getSizeAsLong())));
          }
          return "ok";
        }

        public String sns(SNSEvent event, Context context) {
          for (SNSEvent.SNSRecord r : event.getRecords()) {
            write(context, String.join("|", r.getEventSource(), r.getSNS().getMessage(), r.getSNS().getSubject(),
                r.getSNS().getTopicArn(), r.getSNS().getType()));
          }
          return "ok";
        }
      }
      """;

  private String function(String method) {
    String name = Functions.uniqueName("typed-" + method);
    Functions.create(
        lambda,
        name,
        Runtime.JAVA21,
        "example.Typed::" + method,
        // The events library with joda-time, which it depends on, as mvn package bundles them: the
        // runtime's event serialization loads org.joda.time.DateTime from the function's package.
        Packages.java(Map.of("example.Typed", SOURCE), List.of(Packages.jarOf(SQSEvent.class), Packages.jarOf(org.joda.time.DateTime.class))),
        b -> b.timeout(30));
    return name;
  }

  private static List<String> lines(String function) {
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "fogbank-typed", function + ".txt");
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      String text = Files.readString(file);
      return List.of(text.substring(0, text.lastIndexOf('\n') + 1).split("\n")).stream().filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void sqsEventAndBatchResponse() {
    String fn = function("sqs");
    String url = sqs.createQueue(q -> q.queueName(Functions.uniqueName("typed"))).queueUrl();
    String arn = sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    lambda.createEventSourceMapping(
        c -> c.functionName(fn).eventSourceArn(arn).functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
    String id =
        sqs.sendMessage(
                s -> s.queueUrl(url)
                    .messageBody("hello")
                    .messageAttributes(Map.of("color", MessageAttributeValue.builder().dataType("String").stringValue("blue").build())))
            .messageId();
    sqs.sendMessage(s -> s.queueUrl(url).messageBody("poison"));
    Metrics.await(() -> lines(fn).size() == 2, "both messages");
    String hello = lines(fn).stream().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
    assertEquals(
        String.join("|", id, "hello", "1", "blue/String", "aws:sqs", arn, "us-east-1", "5d41402abc4b2a76b9719d911017c592", "handle"),
        hello);
    // SQSBatchResponse names the poison message: only it stays in the queue.
    Metrics.await(
        () -> "1".equals(
            sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)),
        "the poison message left in flight");
    fogbank.advance(Duration.ofSeconds(31));
    Metrics.await(() -> lines(fn).size() == 3, "the poison message again");
    assertTrue(lines(fn).get(2).contains("|poison|2|"));
  }

  @Test
  void dynamodbEvent() {
    DynamoDbClient dynamodb = fogbank.client(DynamoDbClient.builder());
    String table = Functions.uniqueName("typed");
    dynamodb.createTable(
        t -> t.tableName(table)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
            .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    String stream = dynamodb.describeTable(d -> d.tableName(table)).table().latestStreamArn();
    String fn = function("dynamodb");
    lambda.createEventSourceMapping(c -> c.functionName(fn).eventSourceArn(stream).startingPosition(EventSourcePosition.TRIM_HORIZON));
    dynamodb.putItem(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS("k1"), "v", AttributeValue.fromS("one"))));
    Metrics.await(() -> lines(fn).size() == 1, "the stream record");
    String[] f = lines(fn).get(0).split("\\|");
    assertEquals(List.of("INSERT", "aws:dynamodb", stream, "k1", "one"), List.of(f).subList(0, 5));
    assertTrue(f[5].matches("\\d+"), f[5]);
    assertEquals("NEW_AND_OLD_IMAGES", f[6]);
    assertEquals("true", f[7]);
  }

  @Test
  void s3Event() {
    String fn = function("s3");
    String fnArn = lambda.getFunction(g -> g.functionName(fn)).configuration().functionArn();
    S3Client s3 = fogbank.client(S3Client.builder().forcePathStyle(true));
    String bucket = Functions.uniqueName("typed");
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketNotificationConfiguration(
        n -> n.bucket(bucket)
            .notificationConfiguration(c -> c.lambdaFunctionConfigurations(l -> l.lambdaFunctionArn(fnArn).events(Event.S3_OBJECT_CREATED))));
    // The record's key is URL-encoded as S3 sends it: a space becomes "+".
    s3.putObject(p -> p.bucket(bucket).key("cat photo.jpg"), RequestBody.fromString("meow"));
    Metrics.await(() -> lines(fn).size() == 1, "the S3 event");
    assertEquals(String.join("|", "aws:s3", "ObjectCreated:Put", bucket, "cat+photo.jpg", "4"), lines(fn).get(0));
  }

  @Test
  void snsEvent() {
    String fn = function("sns");
    String fnArn = lambda.getFunction(g -> g.functionName(fn)).configuration().functionArn();
    SnsClient sns = fogbank.client(SnsClient.builder());
    String topic = sns.createTopic(t -> t.name(Functions.uniqueName("typed"))).topicArn();
    sns.subscribe(s -> s.topicArn(topic).protocol("lambda").endpoint(fnArn));
    sns.publish(p -> p.topicArn(topic).message("ping").subject("hello"));
    Metrics.await(() -> lines(fn).size() == 1, "the SNS event");
    assertEquals(String.join("|", "aws:sns", "ping", "hello", topic, "Notification"), lines(fn).get(0));
  }
}
