package dev.fogbank.sqs;

import static dev.fogbank.sqs.Inputs.integer;
import static dev.fogbank.sqs.Inputs.stringMap;
import static dev.fogbank.sqs.Inputs.strings;
import static dev.fogbank.sqs.Inputs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sqs.queue.Queue;
import dev.fogbank.sqs.queue.QueueAttributes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The queue operations: create, find, list, delete, attributes, tags, permissions, purge,
 * dead-letter sources and message move tasks. Each reads the decoded input and answers the output
 * tree; SQS's rules live in the engine and the queue.
 */
final class QueueOperations {

  /** Every name GetQueueAttributes accepts (the model's QueueAttributeName). */
  private static final Set<String> QUEUE_ATTRIBUTE_NAMES =
      Set.of(
          "All", "Policy", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod",
          "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp",
          "LastModifiedTimestamp", "QueueArn", "ApproximateNumberOfMessagesDelayed", "DelaySeconds",
          "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "FifoQueue", "ContentBasedDeduplication",
          "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "DeduplicationScope", "FifoThroughputLimit",
          "RedriveAllowPolicy", "SqsManagedSseEnabled");

  private final SqsEngine engine;
  private final QueueUrls.Style style;

  QueueOperations(SqsEngine engine, QueueUrls.Style style) {
    this.engine = engine;
    this.style = style;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateQueue", this::createQueue);
    handlers.put("GetQueueUrl", this::getQueueUrl);
    handlers.put("ListQueues", this::listQueues);
    handlers.put("DeleteQueue", this::deleteQueue);
    handlers.put("GetQueueAttributes", this::getQueueAttributes);
    handlers.put("SetQueueAttributes", this::setQueueAttributes);
    handlers.put("PurgeQueue", this::purgeQueue);
    handlers.put("TagQueue", this::tagQueue);
    handlers.put("UntagQueue", this::untagQueue);
    handlers.put("ListQueueTags", this::listQueueTags);
    handlers.put("AddPermission", this::addPermission);
    handlers.put("RemovePermission", this::removePermission);
    handlers.put("ListDeadLetterSourceQueues", this::listDeadLetterSourceQueues);
    handlers.put("StartMessageMoveTask", this::startMessageMoveTask);
    handlers.put("ListMessageMoveTasks", this::listMessageMoveTasks);
    handlers.put("CancelMessageMoveTask", this::cancelMessageMoveTask);
  }

  private Queue queue(RequestContext ctx, JsonNode in) {
    return QueueUrls.resolve(engine, ctx, in);
  }

  private ObjectNode queueUrl(RequestContext ctx, Queue queue) {
    return Json.object().put("QueueUrl", QueueUrls.of(ctx, queue, style));
  }

  private JsonNode createQueue(RequestContext ctx, ObjectNode in) {
    String name = text(in, "QueueName");
    Queue queue = engine.createQueue(ctx.account(), ctx.region(), name, stringMap(in, "Attributes"), stringMap(in, "tags"));
    return queueUrl(ctx, queue);
  }

  private JsonNode getQueueUrl(RequestContext ctx, ObjectNode in) {
    String owner = text(in, "QueueOwnerAWSAccountId");
    return queueUrl(ctx, engine.queue(owner != null ? owner : ctx.account(), ctx.region(), text(in, "QueueName")));
  }

  private JsonNode deleteQueue(RequestContext ctx, ObjectNode in) {
    engine.deleteQueue(queue(ctx, in));
    return null;
  }

  private JsonNode purgeQueue(RequestContext ctx, ObjectNode in) {
    queue(ctx, in).purge();
    return null;
  }

  private JsonNode listQueues(RequestContext ctx, ObjectNode in) {
    List<Queue> queues = engine.listQueues(ctx.account(), ctx.region(), text(in, "QueueNamePrefix"));
    return page(ctx, queues, in, "QueueUrls", false);
  }

  private JsonNode listDeadLetterSourceQueues(RequestContext ctx, ObjectNode in) {
    return page(ctx, engine.deadLetterSources(queue(ctx, in)), in, "queueUrls", true);
  }

  /**
   * A page of queue URLs. Without MaxResults SQS answers up to 1,000 and no token; with it, at
   * most MaxResults (1 to 1,000) and a NextToken while more remain.
   */
  private ObjectNode page(RequestContext ctx, List<Queue> queues, JsonNode in, String member, boolean always) {
    Integer max = integer(in, "MaxResults");
    if (max != null && (max < 1 || max > 1000)) {
      throw SqsErrors.invalidParameter("MaxResults", max, "MaxResults must be an integer between 1 and 1000.");
    }
    int from = 0;
    String token = text(in, "NextToken");
    if (token != null && max != null) {
      String after;
      try {
        after = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw SqsErrors.invalidParameterValue("Invalid NextToken value.");
      }
      while (from < queues.size() && queues.get(from).name().compareTo(after) <= 0) {
        from++;
      }
    }
    int limit = max != null ? max : 1000;
    int to = Math.min(queues.size(), from + limit);
    ObjectNode out = Json.object();
    if (to > from || always) {
      ArrayNode urls = out.putArray(member);
      queues.subList(from, to).forEach(q -> urls.add(QueueUrls.of(ctx, q, style)));
    }
    if (max != null && to < queues.size()) {
      out.put("NextToken", Base64.getEncoder().encodeToString(queues.get(to - 1).name().getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private JsonNode getQueueAttributes(RequestContext ctx, ObjectNode in) {
    Queue queue = queue(ctx, in);
    List<String> names = strings(in, "AttributeNames");
    for (String name : names) {
      if (!QUEUE_ATTRIBUTE_NAMES.contains(name)) {
        throw SqsErrors.invalidAttributeName(name);
      }
    }
    ObjectNode out = Json.object();
    if (names.isEmpty()) {
      return out;
    }
    Map<String, String> all = queue.allAttributes();
    Map<String, String> selected = new LinkedHashMap<>();
    if (names.contains("All")) {
      selected.putAll(all);
    } else {
      for (String name : names) {
        if (all.containsKey(name)) {
          selected.put(name, all.get(name));
        }
      }
    }
    if (!selected.isEmpty()) {
      out.set("Attributes", Inputs.stringMapJson(selected));
    }
    return out;
  }

  private JsonNode setQueueAttributes(RequestContext ctx, ObjectNode in) {
    Queue queue = queue(ctx, in);
    Map<String, String> attributes = stringMap(in, "Attributes");
    for (String name : attributes.keySet()) {
      if (QueueAttributes.COMPUTED.contains(name)) {
        throw SqsErrors.invalidAttributeName(name);
      }
    }
    engine.setAttributes(queue, attributes);
    return null;
  }

  private JsonNode tagQueue(RequestContext ctx, ObjectNode in) {
    Queue queue = queue(ctx, in);
    Map<String, String> tags = stringMap(in, "Tags");
    Tags.check(tags);
    Map<String, String> merged = queue.tags();
    merged.putAll(tags);
    Tags.check(merged);
    queue.tag(tags);
    return null;
  }

  private JsonNode untagQueue(RequestContext ctx, ObjectNode in) {
    queue(ctx, in).untag(strings(in, "TagKeys"));
    return null;
  }

  private JsonNode listQueueTags(RequestContext ctx, ObjectNode in) {
    Map<String, String> tags = queue(ctx, in).tags();
    ObjectNode out = Json.object();
    if (!tags.isEmpty()) {
      out.set("Tags", Inputs.stringMapJson(tags));
    }
    return out;
  }

  private JsonNode addPermission(RequestContext ctx, ObjectNode in) {
    QueuePolicies.addPermission(
        engine, queue(ctx, in), text(in, "Label"), strings(in, "AWSAccountIds"), strings(in, "Actions"));
    return null;
  }

  private JsonNode removePermission(RequestContext ctx, ObjectNode in) {
    QueuePolicies.removePermission(engine, queue(ctx, in), text(in, "Label"));
    return null;
  }

  private JsonNode startMessageMoveTask(RequestContext ctx, ObjectNode in) {
    MessageMoveTasks.Task task =
        engine
            .moveTasks()
            .start(text(in, "SourceArn"), text(in, "DestinationArn"), integer(in, "MaxNumberOfMessagesPerSecond"));
    return Json.object().put("TaskHandle", task.handle());
  }

  private JsonNode listMessageMoveTasks(RequestContext ctx, ObjectNode in) {
    Integer max = integer(in, "MaxResults");
    if (max != null && (max < 1 || max > 10)) {
      throw SqsErrors.invalidParameter("MaxResults", max, "You must enter a number that's between 1 and 10.");
    }
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("Results");
    engine.moveTasks().list(text(in, "SourceArn"), max == null ? 1 : max).forEach(t -> results.add(t.toJson()));
    return out;
  }

  private JsonNode cancelMessageMoveTask(RequestContext ctx, ObjectNode in) {
    long moved = engine.moveTasks().cancel(text(in, "TaskHandle"));
    return Json.object().put("ApproximateNumberOfMessagesMoved", moved);
  }
}
