package dev.fogbank.sns;

import static dev.fogbank.sns.Inputs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sns.delivery.Envelope;
import dev.fogbank.sns.publish.MessageAttribute;
import dev.fogbank.sns.publish.MessageValidation;
import dev.fogbank.sns.publish.SnsMessage;
import dev.fogbank.sns.topic.FifoDeduplication;
import dev.fogbank.sns.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Publish and PublishBatch: validate as SNS does, deduplicate on FIFO topics, answer with the
 * message id (and sequence number), then fan out asynchronously. Publishing to a phone number or a
 * platform endpoint records the message instead of sending it.
 */
final class PublishOperations {

  private static final Pattern E164 = Pattern.compile("\\+[0-9]{1,15}");
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]+");
  /** "The maximum number of entries in a single PublishBatch request is 10." */
  private static final int MAX_BATCH = 10;

  private final SnsEngine engine;

  PublishOperations(SnsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("Publish", this::publish);
    handlers.put("PublishBatch", this::publishBatch);
  }

  /** What a publish answered: the message id and, on FIFO topics, the sequence number. */
  private record Published(String messageId, String sequenceNumber) {}

  private JsonNode publish(RequestContext ctx, ObjectNode in) {
    String message = text(in, "Message");
    String subject = text(in, "Subject");
    MessageValidation.subject(subject);
    if (message == null || message.isEmpty()) {
      throw SnsErrors.invalidParameter("Invalid parameter: Empty message");
    }
    String topicArn = text(in, "TopicArn");
    String targetArn = text(in, "TargetArn");
    String phone = text(in, "PhoneNumber");
    if (topicArn == null && targetArn == null && phone == null) {
      throw SnsErrors.invalidParameter("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
    }
    Map<String, MessageAttribute> attributes = MessageValidation.attributes(in.get("MessageAttributes"));
    if (MessageValidation.size(message, attributes) > MessageValidation.MAX_BYTES) {
      throw SnsErrors.invalidParameter("Invalid parameter: Message too long");
    }
    Map<String, String> perProtocol =
        "json".equals(text(in, "MessageStructure")) ? MessageValidation.structure(message) : null;
    if (phone != null && topicArn == null && targetArn == null) {
      return sms(ctx, phone, message, perProtocol, subject, attributes);
    }
    String arn = topicArn != null ? topicArn : targetArn;
    if (arn.contains(":endpoint/")) {
      return platformEndpoint(ctx, arn, message, perProtocol, subject, attributes);
    }
    Topic topic = engine.topic(ctx, arn, "Publish");
    Published p =
        publishToTopic(ctx, topic, message, perProtocol, subject, attributes, text(in, "MessageGroupId"), text(in, "MessageDeduplicationId"));
    ObjectNode out = Json.object().put("MessageId", p.messageId());
    if (p.sequenceNumber() != null) {
      out.put("SequenceNumber", p.sequenceNumber());
    }
    return out;
  }

  private Published publishToTopic(
      RequestContext ctx,
      Topic topic,
      String message,
      Map<String, String> perProtocol,
      String subject,
      Map<String, MessageAttribute> attributes,
      String groupId,
      String dedupId) {
    if (topic.fifo()) {
      if (groupId == null || groupId.isEmpty()) {
        throw SnsErrors.invalidParameter("Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
      }
      if (dedupId == null && !topic.contentBasedDeduplication()) {
        throw SnsErrors.invalidParameter(
            "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
      }
      if (dedupId == null) {
        // "Amazon SNS uses a SHA-256 hash to generate the MessageDeduplicationId using the body of the message."
        dedupId = sha256(message);
      }
    } else if (dedupId != null) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type");
    }
    String messageId = UUID.randomUUID().toString();
    long now = engine.clock().millis();
    String sequence = null;
    if (topic.fifo()) {
      synchronized (topic) {
        sequence = topic.nextSequenceNumber();
        FifoDeduplication.Seen seen = topic.deduplication().checkAndRecord(dedupId, messageId, sequence, now);
        if (seen != null) {
          // Accepted, answered with the first message's id, and not delivered again.
          return new Published(seen.messageId(), seen.sequenceNumber());
        }
        engine.fanout().publish(topic, message(ctx, topic, messageId, message, perProtocol, subject, attributes, groupId, dedupId, sequence, now));
      }
    } else {
      engine.fanout().publish(topic, message(ctx, topic, messageId, message, perProtocol, subject, attributes, groupId, null, null, now));
    }
    return new Published(messageId, sequence);
  }

  private static SnsMessage message(
      RequestContext ctx, Topic topic, String id, String message, Map<String, String> perProtocol, String subject,
      Map<String, MessageAttribute> attributes, String groupId, String dedupId, String sequence, long now) {
    return new SnsMessage(id, topic.arn(), message, perProtocol, subject, attributes, groupId, dedupId, sequence, now, ctx.endpoint(), new ConcurrentHashMap<>());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode sms(
      RequestContext ctx, String phone, String message, Map<String, String> perProtocol, String subject, Map<String, MessageAttribute> attributes) {
    if (!E164.matcher(phone).matches()) {
      throw SnsErrors.invalidParameter("Invalid parameter: PhoneNumber Reason: " + phone + " is not valid to publish to");
    }
    String id = UUID.randomUUID().toString();
    ObjectNode entry = recorded(id, message, perProtocol == null ? null : perProtocol.getOrDefault("sms", perProtocol.get("default")), subject, attributes);
    entry.put("PhoneNumber", phone);
    engine.record(ctx.account(), ctx.region(), entry);
    return Json.object().put("MessageId", id);
  }

  private JsonNode platformEndpoint(
      RequestContext ctx, String arn, String message, Map<String, String> perProtocol, String subject, Map<String, MessageAttribute> attributes) {
    Map<String, String> endpoint = engine.state(ctx).platformEndpoints.get(arn);
    if (endpoint == null) {
      throw SnsErrors.invalidParameter("Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
    }
    if ("false".equalsIgnoreCase(endpoint.get("Enabled"))) {
      throw SnsErrors.endpointDisabled();
    }
    String id = UUID.randomUUID().toString();
    ObjectNode entry = recorded(id, message, null, subject, attributes);
    entry.put("TargetArn", arn);
    if (perProtocol != null) {
      entry.put("MessageStructure", "json");
    }
    engine.record(ctx.account(), ctx.region(), entry);
    return Json.object().put("MessageId", id);
  }

  private ObjectNode recorded(String id, String message, String specific, String subject, Map<String, MessageAttribute> attributes) {
    ObjectNode entry = Json.object();
    entry.put("MessageId", id);
    entry.put("Message", specific != null ? specific : message);
    if (subject != null) {
      entry.put("Subject", subject);
    }
    ObjectNode a = entry.putObject("MessageAttributes");
    attributes.forEach((k, v) -> a.set(k, v.envelopeShape()));
    entry.put("Timestamp", Envelope.timestamp(engine.clock().millis()));
    return entry;
  }

  private JsonNode publishBatch(RequestContext ctx, ObjectNode in) {
    JsonNode entries = in.path("PublishBatchRequestEntries");
    if (entries.size() > MAX_BATCH) {
      throw SnsErrors.tooManyEntries();
    }
    Topic topic = engine.topic(ctx, text(in, "TopicArn"), "Publish");
    if (entries.isEmpty()) {
      throw SnsErrors.emptyBatch();
    }
    Set<String> ids = new HashSet<>();
    int total = 0;
    for (JsonNode e : entries) {
      String id = e.path("Id").asText();
      if (!ids.add(id)) {
        throw SnsErrors.batchIdsNotDistinct();
      }
      if (id.length() > 80) {
        throw SnsErrors.invalidBatchEntryId("The Id of a batch entry in the batch request is too long: " + id);
      }
      if (!BATCH_ID.matcher(id).matches()) {
        throw SnsErrors.invalidBatchEntryId("The Id of a batch entry in the batch request contains an impermissible character: " + id);
      }
      total += e.path("Message").asText("").getBytes(StandardCharsets.UTF_8).length;
    }
    if (total > MessageValidation.MAX_BYTES) {
      throw SnsErrors.batchRequestTooLong();
    }
    ObjectNode out = Json.object();
    ArrayNode successful = out.putArray("Successful");
    ArrayNode failed = out.putArray("Failed");
    for (JsonNode e : entries) {
      String id = e.path("Id").asText();
      try {
        String message = text(e, "Message");
        String subject = text(e, "Subject");
        MessageValidation.subject(subject);
        if (message == null || message.isEmpty()) {
          throw SnsErrors.invalidParameter("Invalid parameter: Empty message");
        }
        Map<String, MessageAttribute> attributes = MessageValidation.attributes(e.get("MessageAttributes"));
        if (MessageValidation.size(message, attributes) > MessageValidation.MAX_BYTES) {
          throw SnsErrors.invalidParameter("Invalid parameter: Message too long");
        }
        Map<String, String> perProtocol = "json".equals(text(e, "MessageStructure")) ? MessageValidation.structure(message) : null;
        Published p =
            publishToTopic(ctx, topic, message, perProtocol, subject, attributes, text(e, "MessageGroupId"), text(e, "MessageDeduplicationId"));
        ObjectNode ok = successful.addObject().put("Id", id).put("MessageId", p.messageId());
        if (p.sequenceNumber() != null) {
          ok.put("SequenceNumber", p.sequenceNumber());
        }
      } catch (AwsException error) {
        failed.addObject()
            .put("Id", id)
            .put("Code", error.queryCode())
            .put("Message", error.getMessage())
            .put("SenderFault", error.senderFault());
      }
    }
    return out;
  }
}
