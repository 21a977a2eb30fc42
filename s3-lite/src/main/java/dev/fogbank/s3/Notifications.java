package dev.fogbank.s3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.bus.EventBus;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.S3Object;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Event notifications
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html):
 * each object change is published on the event bus as an {@link S3Event}; the bucket's queue
 * configurations (SQS queues, SNS topics, Lambda functions) that match its event name and key
 * filters receive the S3 event message through the in-process client, and buckets with an
 * EventBridge configuration send "Object Created"/"Object Deleted" events when EventBridge runs.
 * Configuring a queue or topic sends it the {@code s3:TestEvent}.
 */
final class Notifications {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  /** The destination kinds of a notification configuration and the XML elements naming them. */
  enum Kind {
    SQS("QueueConfiguration", "Queue"),
    SNS("TopicConfiguration", "Topic"),
    LAMBDA("CloudFunctionConfiguration", "CloudFunction");

    final String element;
    final String arnElement;

    Kind(String element, String arnElement) {
      this.element = element;
      this.arnElement = arnElement;
    }
  }

  /** A destination: kind, ARN, event patterns ({@code s3:ObjectCreated:*}), key filters. */
  record QueueConfiguration(Kind kind, String id, String queueArn, List<String> events, String prefix, String suffix) {

    boolean matches(String eventName, String key) {
      boolean event = false;
      for (String e : events) {
        String pattern = e.startsWith("s3:") ? e.substring(3) : e;
        if (pattern.equals(eventName) || (pattern.endsWith(":*") && eventName.startsWith(pattern.substring(0, pattern.length() - 1)))) {
          event = true;
        }
      }
      return event && (prefix == null || key.startsWith(prefix)) && (suffix == null || key.endsWith(suffix));
    }
  }

  private final EventBus bus;
  private final InProcessClient client;
  private final Map<String, List<QueueConfiguration>> byBucket = new ConcurrentHashMap<>();
  private final AtomicLong sequencer = new AtomicLong();
  private final java.util.Set<String> eventBridge = ConcurrentHashMap.newKeySet();

  Notifications(EventBus bus, InProcessClient client) {
    this.bus = bus;
    this.client = client;
    bus.subscribe(S3Event.class, this::deliver);
  }

  /** PutBucketNotificationConfiguration: checks each queue exists, stores, sends the test event. */
  void configure(RequestContext ctx, Bucket bucket, byte[] body) {
    Element root = Xml.parse(body);
    List<QueueConfiguration> queues = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Element q : Xml.children(root, kind.element)) {
        queues.add(destination(kind, q));
      }
    }
    for (QueueConfiguration q : queues) {
      if (!exists(q)) {
        throw S3Errors.invalidArgument("Unable to validate the following destination configurations", q.queueArn(),
            "Permissions on the destination do not allow S3 to publish notifications from this bucket");
      }
    }
    byBucket.put(bucket.name(), List.copyOf(queues));
    if (Xml.child(root, "EventBridgeConfiguration") != null) {
      eventBridge.add(bucket.name());
    } else {
      eventBridge.remove(bucket.name());
    }
    for (QueueConfiguration q : queues) {
      ObjectNode test = Json.object();
      test.put("Service", "Amazon S3").put("Event", "s3:TestEvent").put("Time", S3Engine.iso(ctx.clock().millis()))
          .put("Bucket", bucket.name()).put("RequestId", ctx.requestId()).put("HostId", ctx.requestId());
      if (q.kind() != Kind.LAMBDA) {
        send(q, Json.text(test));
      }
    }
  }

  private static QueueConfiguration destination(Kind kind, Element q) {
    String prefix = null;
    String suffix = null;
    Element filter = Xml.child(q, "Filter");
    Element s3Key = filter == null ? null : Xml.child(filter, "S3Key");
    if (s3Key != null) {
      for (Element rule : Xml.children(s3Key, "FilterRule")) {
        String name = Xml.text(rule, "Name");
        if ("prefix".equalsIgnoreCase(name)) {
          prefix = Xml.text(rule, "Value");
        } else if ("suffix".equalsIgnoreCase(name)) {
          suffix = Xml.text(rule, "Value");
        } else {
          throw S3Errors.invalidArgument("filter rule name must be either prefix or suffix", "FilterRule", name);
        }
      }
    }
    List<String> events = new ArrayList<>();
    Xml.children(q, "Event").forEach(e -> events.add(e.getTextContent().trim()));
    String id = Xml.text(q, "Id");
    return new QueueConfiguration(
        kind, id == null ? java.util.UUID.randomUUID().toString() : id, Xml.text(q, kind.arnElement), events, prefix, suffix);
  }

  /** Whether the destination exists, asked of its service through the in-process client. */
  private boolean exists(QueueConfiguration q) {
    String[] arn = q.queueArn() == null ? new String[0] : q.queueArn().split(":");
    if (arn.length < 6) {
      return false;
    }
    try {
      return switch (q.kind()) {
        case SQS -> queueUrl(q.queueArn()) != null;
        case SNS -> client.has("sns")
            && client.call("sns", "GetTopicAttributes", arn[4], arn[3], Json.object().put("TopicArn", q.queueArn())) != null;
        case LAMBDA -> client.has("lambda")
            && client.call("lambda", "GetFunction", arn[4], arn[3], Json.object().put("FunctionName", q.queueArn())) != null;
      };
    } catch (AwsException e) {
      return false;
    }
  }

  void forget(String bucket) {
    byBucket.remove(bucket);
  }

  void objectCreated(RequestContext ctx, Bucket bucket, S3Object object, String eventName) {
    ObjectNode record = record(ctx, bucket, object, eventName);
    bus.publish(new S3Event.ObjectCreated(bucket.account(), bucket.region(), bucket.name(), object.key(), eventName, record));
  }

  void objectRemoved(RequestContext ctx, Bucket bucket, S3Object object, String eventName) {
    ObjectNode record = record(ctx, bucket, object, eventName);
    bus.publish(new S3Event.ObjectRemoved(bucket.account(), bucket.region(), bucket.name(), object.key(), eventName, record));
  }

  /** The record: key URL-encoded, eTag without quotes, sequencer increasing per bucket and key. */
  private ObjectNode record(RequestContext ctx, Bucket bucket, S3Object object, String eventName) {
    ObjectNode r = Json.object();
    r.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", bucket.region())
        .put("eventTime", S3Engine.iso(ctx.clock().millis())).put("eventName", eventName);
    r.putObject("userIdentity").put("principalId", "AWS:" + ctx.account());
    r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    r.putObject("responseElements").put("x-amz-request-id", ctx.requestId()).put("x-amz-id-2", ctx.requestId());
    ObjectNode s3 = r.putObject("s3");
    s3.put("s3SchemaVersion", "1.0").put("configurationId", "");
    ObjectNode b = s3.putObject("bucket");
    b.put("name", bucket.name());
    b.putObject("ownerIdentity").put("principalId", ctx.account());
    b.put("arn", "arn:aws:s3:::" + bucket.name());
    ObjectNode o = s3.putObject("object");
    o.put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8));
    if (eventName.startsWith("ObjectCreated")) {
      o.put("size", object.size());
      o.put("eTag", object.etag().replace("\"", ""));
    }
    if (!object.versionId().equals(S3Object.NULL_VERSION)) {
      o.put("versionId", object.versionId());
    }
    o.put("sequencer", String.format("%016X", sequencer.incrementAndGet()));
    return r;
  }

  private void deliver(S3Event event) {
    List<QueueConfiguration> queues = byBucket.getOrDefault(event.bucket(), List.of());
    for (QueueConfiguration q : queues) {
      if (q.matches(event.eventName(), event.key())) {
        ObjectNode record = event.record().deepCopy();
        ((ObjectNode) record.path("s3")).put("configurationId", q.id());
        ObjectNode message = Json.object();
        ArrayNode records = message.putArray("Records");
        records.add(record);
        send(q, Json.text(message));
      }
    }
    if (eventBridge.contains(event.bucket()) && client.has("events")) {
      ObjectNode entry = Json.object();
      entry.put("Source", "aws.s3");
      entry.put("DetailType", event instanceof S3Event.ObjectCreated ? "Object Created" : "Object Deleted");
      ObjectNode detail = Json.object().put("version", "0");
      detail.putObject("bucket").put("name", event.bucket());
      detail.putObject("object").put("key", event.key());
      detail.put("reason", event.eventName());
      entry.put("Detail", Json.text(detail));
      entry.putArray("Resources").add("arn:aws:s3:::" + event.bucket());
      ObjectNode in = Json.object();
      in.putArray("Entries").add(entry);
      try {
        client.call("events", "PutEvents", event.account(), event.region(), in);
      } catch (AwsException e) {
        log.warn("EventBridge delivery for bucket {} failed: {}", event.bucket(), e.toString());
      }
    }
  }

  /** Delivers one message: SQS SendMessage, SNS Publish, or an asynchronous Lambda Invoke. */
  private void send(QueueConfiguration destination, String body) {
    String[] arn = destination.queueArn().split(":");
    try {
      switch (destination.kind()) {
        case SQS -> {
          String url = queueUrl(destination.queueArn());
          if (url == null) {
            log.warn("notification queue {} does not exist", destination.queueArn());
            return;
          }
          client.call("sqs", "SendMessage", arn[4], arn[3], Json.object().put("QueueUrl", url).put("MessageBody", body));
        }
        case SNS -> client.call("sns", "Publish", arn[4], arn[3],
            Json.object().put("TopicArn", destination.queueArn()).put("Message", body).put("Subject", "Amazon S3 Notification"));
        case LAMBDA -> client.call("lambda", "Invoke", arn[4], arn[3],
            Json.object().put("FunctionName", destination.queueArn()).put("InvocationType", "Event")
                .put("Payload", java.util.Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))));
      }
    } catch (AwsException e) {
      log.warn("notification to {} failed: {}", destination.queueArn(), e.toString());
    }
  }

  /** The queue URL of an SQS ARN ({@code arn:aws:sqs:region:account:name}), or null if absent. */
  private String queueUrl(String queueArn) {
    String[] arn = queueArn == null ? new String[0] : queueArn.split(":");
    if (arn.length != 6 || !arn[2].equals("sqs") || !client.has("sqs")) {
      return null;
    }
    try {
      ObjectNode in = Json.object().put("QueueName", arn[5]).put("QueueOwnerAWSAccountId", arn[4]);
      return client.call("sqs", "GetQueueUrl", arn[4], arn[3], in).path("QueueUrl").asText(null);
    } catch (AwsException e) {
      return null;
    }
  }
}
