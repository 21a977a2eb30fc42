package dev.fogbank.sqs;

import static dev.fogbank.sqs.Inputs.integer;
import static dev.fogbank.sqs.Inputs.messageAttributes;
import static dev.fogbank.sqs.Inputs.strings;
import static dev.fogbank.sqs.Inputs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sqs.queue.Delivery;
import dev.fogbank.sqs.queue.Message;
import dev.fogbank.sqs.queue.MessageAttribute;
import dev.fogbank.sqs.queue.MessageChecks;
import dev.fogbank.sqs.queue.MessageDigests;
import dev.fogbank.sqs.queue.Queue;
import dev.fogbank.sqs.queue.QueueAttributes;
import dev.fogbank.sqs.queue.SendRequest;
import dev.fogbank.sqs.queue.SendResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** The message operations: send, receive, delete, change visibility, and their batch forms. */
final class MessageOperations {

  private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final int MAX_BATCH_BYTES = 262_144;

  /** The message system attributes ReceiveMessage can return (the model's MessageSystemAttributeName). */
  private static final Set<String> SYSTEM_ATTRIBUTE_NAMES =
      Set.of(
          "All", "SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp",
          "SequenceNumber", "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn");

  private final SqsEngine engine;

  MessageOperations(SqsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("SendMessage", this::sendMessage);
    handlers.put("SendMessageBatch", this::sendMessageBatch);
    handlers.put("ReceiveMessage", this::receiveMessage);
    handlers.put("DeleteMessage", this::deleteMessage);
    handlers.put("DeleteMessageBatch", this::deleteMessageBatch);
    handlers.put("ChangeMessageVisibility", this::changeMessageVisibility);
    handlers.put("ChangeMessageVisibilityBatch", this::changeMessageVisibilityBatch);
  }

  // ------------------------------------------------------------------ send

  private static SendRequest sendRequest(RequestContext ctx, JsonNode in) {
    return new SendRequest(
        text(in, "MessageBody"),
        integer(in, "DelaySeconds"),
        messageAttributes(in, "MessageAttributes"),
        messageAttributes(in, "MessageSystemAttributes"),
        text(in, "MessageGroupId"),
        text(in, "MessageDeduplicationId"),
        ctx.account());
  }

  private static ObjectNode sendResult(SendResult r, ObjectNode out) {
    out.put("MD5OfMessageBody", r.md5OfBody());
    if (r.md5OfAttributes() != null) {
      out.put("MD5OfMessageAttributes", r.md5OfAttributes());
    }
    if (r.md5OfSystemAttributes() != null) {
      out.put("MD5OfMessageSystemAttributes", r.md5OfSystemAttributes());
    }
    out.put("MessageId", r.messageId());
    if (r.sequenceNumber() != null) {
      out.put("SequenceNumber", r.sequenceNumber());
    }
    return out;
  }

  private JsonNode sendMessage(RequestContext ctx, ObjectNode in) {
    Queue queue = QueueUrls.resolve(engine, ctx, in);
    return sendResult(queue.send(sendRequest(ctx, in)), Json.object());
  }

  private JsonNode sendMessageBatch(RequestContext ctx, ObjectNode in) {
    Queue queue = QueueUrls.resolve(engine, ctx, in);
    JsonNode entries = checkBatch(in, "SendMessageBatchRequestEntry");
    int total = 0;
    for (JsonNode e : entries) {
      total += MessageChecks.size(
          text(e, "MessageBody") == null ? "" : text(e, "MessageBody"), messageAttributes(e, "MessageAttributes"));
    }
    if (total > MAX_BATCH_BYTES) {
      throw SqsErrors.batchRequestTooLong(total);
    }
    return batch(entries, (e, ok) -> sendResult(queue.send(sendRequest(ctx, e)), ok));
  }

  // ------------------------------------------------------------------ receive

  private JsonNode receiveMessage(RequestContext ctx, ObjectNode in) {
    Queue queue = QueueUrls.resolve(engine, ctx, in);
    Integer max = integer(in, "MaxNumberOfMessages");
    if (max != null && (max < 1 || max > 10)) {
      throw SqsErrors.invalidParameter("MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
    }
    Integer wait = integer(in, "WaitTimeSeconds");
    if (wait != null && (wait < 0 || wait > 20)) {
      throw SqsErrors.invalidParameter("WaitTimeSeconds", wait, "Must be >= 0 and <= 20, if provided.");
    }
    Integer visibility = integer(in, "VisibilityTimeout");
    if (visibility != null && (visibility < 0 || visibility > QueueAttributes.MAX_VISIBILITY_TIMEOUT)) {
      throw SqsErrors.invalidParameter("VisibilityTimeout", visibility, "Must be >= 0 and <= 43200, if provided.");
    }
    Set<String> systemNames = new HashSet<>(strings(in, "AttributeNames"));
    systemNames.addAll(strings(in, "MessageSystemAttributeNames"));
    for (String name : systemNames) {
      if (!SYSTEM_ATTRIBUTE_NAMES.contains(name) && !name.equals("All")) {
        // The deprecated AttributeNames also took queue attribute names; SQS ignores those.
        if (!name.matches("[A-Za-z]+")) {
          throw SqsErrors.invalidAttributeName(name);
        }
      }
    }
    List<String> attributeNames = strings(in, "MessageAttributeNames");
    List<Delivery> deliveries =
        queue.receive(
            max == null ? 1 : max,
            visibility != null ? visibility : queue.attributes().visibilityTimeout(),
            wait != null ? wait : queue.attributes().receiveMessageWaitTimeSeconds(),
            text(in, "ReceiveRequestAttemptId"),
            engine::byArn);
    ObjectNode out = Json.object();
    if (!deliveries.isEmpty()) {
      ArrayNode messages = out.putArray("Messages");
      for (Delivery d : deliveries) {
        messages.add(message(d, systemNames, attributeNames));
      }
    }
    return out;
  }

  private static ObjectNode message(Delivery d, Set<String> systemNames, List<String> attributeNames) {
    Message m = d.message();
    ObjectNode node = Json.object();
    node.put("MessageId", m.id());
    node.put("ReceiptHandle", d.receiptHandle());
    node.put("MD5OfBody", m.md5OfBody());
    node.put("Body", m.body());
    ObjectNode system = Json.object();
    boolean all = systemNames.contains("All");
    BiConsumer<String, String> put =
        (name, value) -> {
          if (value != null && (all || systemNames.contains(name))) {
            system.put(name, value);
          }
        };
    put.accept("SenderId", m.senderId());
    put.accept("ApproximateFirstReceiveTimestamp", Long.toString(d.firstReceiveTimestamp()));
    put.accept("ApproximateReceiveCount", Integer.toString(d.receiveCount()));
    put.accept("SentTimestamp", Long.toString(m.sentTimestamp()));
    put.accept("SequenceNumber", m.sequenceNumber());
    put.accept("MessageDeduplicationId", m.deduplicationId());
    put.accept("MessageGroupId", m.groupId());
    put.accept("DeadLetterQueueSourceArn", m.deadLetterSourceArn());
    MessageAttribute trace = m.systemAttributes().get("AWSTraceHeader");
    put.accept("AWSTraceHeader", trace == null ? null : trace.stringValue());
    if (!system.isEmpty()) {
      node.set("Attributes", system);
    }
    Map<String, MessageAttribute> selected = select(m.attributes(), attributeNames);
    if (!selected.isEmpty()) {
      node.put(
          "MD5OfMessageAttributes",
          selected.size() == m.attributes().size() ? m.md5OfAttributes() : MessageDigests.md5(selected));
      ObjectNode attributes = node.putObject("MessageAttributes");
      selected.forEach((name, value) -> attributes.set(name, Inputs.attributeJson(value)));
    }
    return node;
  }

  /** {@code All} or {@code .*} selects every attribute, {@code prefix.*} those under the prefix. */
  private static Map<String, MessageAttribute> select(Map<String, MessageAttribute> attributes, List<String> names) {
    if (attributes.isEmpty() || names.isEmpty()) {
      return Map.of();
    }
    if (names.contains("All") || names.contains(".*")) {
      return attributes;
    }
    TreeMap<String, MessageAttribute> out = new TreeMap<>();
    attributes.forEach(
        (name, value) -> {
          for (String n : names) {
            if (n.equals(name) || (n.endsWith(".*") && name.startsWith(n.substring(0, n.length() - 1)))) {
              out.put(name, value);
              break;
            }
          }
        });
    return out;
  }

  // ------------------------------------------------------------------ delete and visibility

  private JsonNode deleteMessage(RequestContext ctx, ObjectNode in) {
    QueueUrls.resolve(engine, ctx, in).delete(text(in, "ReceiptHandle"));
    return null;
  }

  private JsonNode deleteMessageBatch(RequestContext ctx, ObjectNode in) {
    Queue queue = QueueUrls.resolve(engine, ctx, in);
    JsonNode entries = checkBatch(in, "DeleteMessageBatchRequestEntry");
    return batch(entries, (e, ok) -> queue.delete(required(e, "ReceiptHandle")));
  }

  private JsonNode changeMessageVisibility(RequestContext ctx, ObjectNode in) {
    QueueUrls.resolve(engine, ctx, in).changeVisibility(text(in, "ReceiptHandle"), integer(in, "VisibilityTimeout"));
    return null;
  }

  private JsonNode changeMessageVisibilityBatch(RequestContext ctx, ObjectNode in) {
    Queue queue = QueueUrls.resolve(engine, ctx, in);
    JsonNode entries = checkBatch(in, "ChangeMessageVisibilityBatchRequestEntry");
    return batch(
        entries,
        (e, ok) -> {
          Integer timeout = integer(e, "VisibilityTimeout");
          if (timeout == null) {
            throw SqsErrors.missingParameter("VisibilityTimeout");
          }
          queue.changeVisibility(required(e, "ReceiptHandle"), timeout);
        });
  }

  private static String required(JsonNode entry, String name) {
    String value = text(entry, name);
    if (value == null) {
      throw SqsErrors.missingParameter(name);
    }
    return value;
  }

  // ------------------------------------------------------------------ batches

  /**
   * SQS's batch rules, checked before any entry runs: at least one and at most ten entries, ids
   * of alphanumerics, hyphens and underscores up to 80 long, no id twice.
   */
  private static JsonNode checkBatch(JsonNode in, String entryName) {
    JsonNode entries = in.get("Entries");
    if (entries == null || !entries.isArray() || entries.isEmpty()) {
      throw SqsErrors.emptyBatchRequest(entryName);
    }
    if (entries.size() > 10) {
      throw SqsErrors.tooManyEntriesInBatchRequest(entries.size());
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode e : entries) {
      String id = text(e, "Id");
      if (id == null || !BATCH_ENTRY_ID.matcher(id).matches()) {
        throw SqsErrors.invalidBatchEntryId();
      }
      if (!ids.add(id)) {
        throw SqsErrors.batchEntryIdsNotDistinct(id);
      }
    }
    return entries;
  }

  private interface EntryAction {
    void run(JsonNode entry, ObjectNode success);
  }

  /** Runs each entry; an entry's error becomes its {@code Failed} item (BatchResultErrorEntry). */
  private static ObjectNode batch(JsonNode entries, EntryAction action) {
    ObjectNode out = Json.object();
    ArrayNode successful = out.putArray("Successful");
    ArrayNode failed = out.putArray("Failed");
    for (JsonNode e : entries) {
      String id = text(e, "Id");
      ObjectNode ok = Json.object().put("Id", id);
      try {
        action.run(e, ok);
        successful.add(ok);
      } catch (AwsException error) {
        if (error.code().equals("QueueDoesNotExist")) {
          throw error;
        }
        ObjectNode f = failed.addObject();
        f.put("Id", id);
        f.put("SenderFault", error.senderFault());
        f.put("Code", error.code());
        if (error.getMessage() != null) {
          f.put("Message", error.getMessage());
        }
      }
    }
    return out;
  }
}
