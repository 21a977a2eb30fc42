package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Event notifications to SQS, and through SNS, with S3's record shape (S3 user guide, "Event
 * message structure").
 */
class S3NotificationsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private final S3Client s3 = S3Clients.pathStyle(fogbank);
  private final SqsClient sqs = fogbank.client(SqsClient.builder());
  private final SnsClient sns = fogbank.client(SnsClient.builder());

  private Message receive(String url) {
    List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).maxNumberOfMessages(1)).messages();
    assertFalse(messages.isEmpty(), "no message arrived");
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(messages.get(0).receiptHandle()));
    return messages.get(0);
  }

  @Test
  void createdAndRemovedObjectsArriveInTheQueue() {
    String bucket = S3Clients.bucketName("notify");
    s3.createBucket(b -> b.bucket(bucket));
    String url = sqs.createQueue(b -> b.queueName(bucket)).queueUrl();
    String arn = "arn:aws:sqs:us-east-1:000000000000:" + bucket;
    s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n.queueConfigurations(
        QueueConfiguration.builder().id("uploads").queueArn(arn).events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED)
            .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value("in/")))).build())));
    JsonNode test = Json.parse(receive(url).body());
    assertEquals("s3:TestEvent", test.path("Event").asText());
    assertEquals(bucket, test.path("Bucket").asText());

    s3.putObject(b -> b.bucket(bucket).key("out/skipped.txt"), RequestBody.fromString("no"));
    String etag = s3.putObject(b -> b.bucket(bucket).key("in/a b.txt"), RequestBody.fromString("hello")).eTag();
    JsonNode record = Json.parse(receive(url).body()).path("Records").get(0);
    assertEquals("2.1", record.path("eventVersion").asText());
    assertEquals("aws:s3", record.path("eventSource").asText());
    assertEquals("ObjectCreated:Put", record.path("eventName").asText());
    assertEquals("uploads", record.path("s3").path("configurationId").asText());
    assertEquals(bucket, record.path("s3").path("bucket").path("name").asText());
    assertEquals("arn:aws:s3:::" + bucket, record.path("s3").path("bucket").path("arn").asText());
    // Keys are URL-encoded in event records (spaces as +).
    assertEquals("in/a+b.txt".replace("/", "%2F"), record.path("s3").path("object").path("key").asText());
    assertEquals(5, record.path("s3").path("object").path("size").asLong());
    assertEquals(etag.replace("\"", ""), record.path("s3").path("object").path("eTag").asText());
    assertFalse(record.path("s3").path("object").path("sequencer").asText().isEmpty());

    s3.deleteObject(b -> b.bucket(bucket).key("in/a b.txt"));
    JsonNode removed = Json.parse(receive(url).body()).path("Records").get(0);
    assertEquals("ObjectRemoved:Delete", removed.path("eventName").asText());
  }

  @Test
  void topicNotificationsReachTheTopicsSubscribersWithTheRecordAsTheMessage() {
    String bucket = S3Clients.bucketName("notify-sns");
    s3.createBucket(b -> b.bucket(bucket));
    String topic = sns.createTopic(b -> b.name(bucket)).topicArn();
    String url = sqs.createQueue(b -> b.queueName(bucket)).queueUrl();
    sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:" + bucket));
    s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n.topicConfigurations(
        TopicConfiguration.builder().id("to-topic").topicArn(topic).events(Event.S3_OBJECT_CREATED_PUT).build())));
    JsonNode test = Json.parse(receive(url).body());
    assertEquals("Notification", test.path("Type").asText());
    assertEquals("s3:TestEvent", Json.parse(test.path("Message").asText()).path("Event").asText());

    s3.putObject(b -> b.bucket(bucket).key("report.csv"), RequestBody.fromString("a,b"));
    JsonNode envelope = Json.parse(receive(url).body());
    // S3 publishes with this subject; the message is the event itself ("Event message structure").
    assertEquals("Amazon S3 Notification", envelope.path("Subject").asText());
    assertEquals(topic, envelope.path("TopicArn").asText());
    JsonNode record = Json.parse(envelope.path("Message").asText()).path("Records").get(0);
    assertEquals("ObjectCreated:Put", record.path("eventName").asText());
    assertEquals("to-topic", record.path("s3").path("configurationId").asText());
    assertEquals("report.csv", record.path("s3").path("object").path("key").asText());
    assertEquals(3, record.path("s3").path("object").path("size").asLong());
  }

  @Test
  void aDestinationThatDoesNotExistIsRejected() {
    String bucket = S3Clients.bucketName("nodest");
    s3.createBucket(b -> b.bucket(bucket));
    software.amazon.awssdk.services.s3.model.S3Exception e = org.junit.jupiter.api.Assertions.assertThrows(
        software.amazon.awssdk.services.s3.model.S3Exception.class,
        () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n.queueConfigurations(
            QueueConfiguration.builder().queueArn("arn:aws:sqs:us-east-1:000000000000:missing-" + bucket)
                .events(Event.S3_OBJECT_CREATED).build()))));
    assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
    assertEquals("Unable to validate the following destination configurations", e.awsErrorDetails().errorMessage());
  }
}
