package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.lambda.esm.EventFilter;
import dev.fogbank.lambda.esm.EventSourceMapping;
import dev.fogbank.lambda.esm.EventSourceMappings;
import dev.fogbank.lambda.function.LambdaFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Create, Get, Update, Delete and ListEventSourceMappings for SQS queues (standard and FIFO) and
 * DynamoDB streams. A mapping answers Creating (or Updating, Deleting) and moves to Enabled or
 * Disabled after {@code lambda.state-delay}; its pollers run while it is Enabled. Parameters that
 * do not apply to the source, a batching window on a FIFO queue, an unknown queue or stream and a
 * second mapping of the same source to the same function get the errors Lambda answers.
 */
final class EventSourceMappingOperations {

  /** Parameters only stream sources take ("CreateEventSourceMapping", API reference). */
  private static final List<String> STREAM_ONLY =
      List.of(
          "StartingPosition",
          "StartingPositionTimestamp",
          "ParallelizationFactor",
          "BisectBatchOnFunctionError",
          "MaximumRetryAttempts",
          "MaximumRecordAgeInSeconds",
          "DestinationConfig",
          "TumblingWindowInSeconds");

  /** The settings an Update may change. */
  private static final Set<String> UPDATABLE =
      Set.of(
          "BatchSize",
          "FilterCriteria",
          "MaximumBatchingWindowInSeconds",
          "ParallelizationFactor",
          "BisectBatchOnFunctionError",
          "MaximumRetryAttempts",
          "MaximumRecordAgeInSeconds",
          "DestinationConfig",
          "TumblingWindowInSeconds",
          "FunctionResponseTypes",
          "ScalingConfig");

  private final LambdaEngine engine;
  private final EventSourceMappings mappings;
  private final InProcessClient client;
  private final Duration settle;

  EventSourceMappingOperations(LambdaEngine engine, EventSourceMappings mappings, InProcessClient client, Duration settle) {
    this.engine = engine;
    this.mappings = mappings;
    this.client = client;
    this.settle = settle;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("CreateEventSourceMapping", this::create);
    map.put("GetEventSourceMapping", this::get);
    map.put("UpdateEventSourceMapping", this::update);
    map.put("DeleteEventSourceMapping", this::delete);
    map.put("ListEventSourceMappings", this::list);
  }

  private enum Kind {
    SQS,
    SQS_FIFO,
    DYNAMODB_STREAM
  }

  private static Kind kind(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 6);
    if (parts.length == 6 && parts[0].equals("arn")) {
      if (parts[2].equals("sqs")) {
        return parts[5].endsWith(".fifo") ? Kind.SQS_FIFO : Kind.SQS;
      }
      if (parts[2].equals("dynamodb") && parts[5].matches("table/[^/]+/stream/.+")) {
        return Kind.DYNAMODB_STREAM;
      }
    }
    throw LambdaErrors.invalidParameter("Unrecognized event source, must be kinesis, dynamodb stream or sqs.");
  }

  /** The function a request names, as the mapping's FunctionArn (qualified when it was). */
  private String functionArn(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    if (ref.qualifier() == null) {
      return fn.arn();
    }
    if (!ref.qualifier().equals(FunctionRef.LATEST)) {
      engine.version(ctx, fn, ref.qualifier());
    }
    return fn.arn() + ":" + ref.qualifier();
  }

  /** The source must exist and be readable, or Lambda answers as its first poll would fail. */
  private void checkSource(Kind kind, String arn) {
    String[] parts = arn.split(":", 6);
    try {
      if (kind == Kind.DYNAMODB_STREAM) {
        client.call("dynamodbstreams", "DescribeStream", parts[4], parts[3], Json.object().put("StreamArn", arn));
      } else {
        client.call("sqs", "GetQueueUrl", parts[4], parts[3], Json.object().put("QueueName", parts[5]).put("QueueOwnerAWSAccountId", parts[4]));
      }
    } catch (AwsException | IllegalArgumentException e) {
      throw kind == Kind.DYNAMODB_STREAM
          ? LambdaErrors.invalidParameter(
              "Cannot access stream " + arn + ". Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream.")
          : LambdaErrors.invalidParameter(
              "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.");
    }
  }

  /**
   * Lambda refuses an SQS mapping whose queue would make messages visible again while the function
   * still runs them: the queue's visibility timeout must be at least the function's timeout.
   */
  private void checkVisibility(RequestContext ctx, String queueArn, String functionArn) {
    String[] parts = queueArn.split(":", 6);
    String url = new dev.fogbank.core.retry.DeadLetterTargets(client).queueUrl(parts[4], parts[3], parts[5]);
    ObjectNode input = Json.object().put("QueueUrl", url);
    input.putArray("AttributeNames").add("VisibilityTimeout");
    int visibility =
        client.call("sqs", "GetQueueAttributes", parts[4], parts[3], input).path("Attributes").path("VisibilityTimeout").asInt(30);
    String[] fn = functionArn.split(":");
    LambdaFunction function = engine.function(ctx, new FunctionRef(fn[6], null));
    int timeout = engine.version(ctx, function, fn.length > 7 ? fn[7] : null).timeoutSeconds();
    if (visibility < timeout) {
      throw LambdaErrors.invalidParameter(
          "Queue visibility timeout: " + visibility + " seconds is less than Function timeout: " + timeout + " seconds");
    }
  }

  /** The rules between parameters the model cannot state ("CreateEventSourceMapping"). */
  private static void validate(Kind kind, ObjectNode c) {
    int batch = c.path("BatchSize").asInt();
    int window = c.path("MaximumBatchingWindowInSeconds").asInt(0);
    if (kind == Kind.SQS_FIFO) {
      if (c.has("MaximumBatchingWindowInSeconds") && window > 0) {
        throw LambdaErrors.invalidParameter("Batching window is not supported for FIFO queues.");
      }
      if (batch > 10) {
        throw LambdaErrors.invalidParameter("Maximum batch size for FIFO queues is 10.");
      }
    } else if (kind == Kind.SQS && batch > 10 && window < 1) {
      throw LambdaErrors.invalidParameter(
          "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
    }
    if (kind == Kind.DYNAMODB_STREAM) {
      String position = c.path("StartingPosition").asText(null);
      if (position == null) {
        throw LambdaErrors.invalidParameter("StartingPosition is required for DynamoDB Streams event sources.");
      }
      if (position.equals("AT_TIMESTAMP")) {
        throw LambdaErrors.invalidParameter("Unsupported starting position AT_TIMESTAMP for DynamoDB Streams event sources.");
      }
    }
    if (c.path("TumblingWindowInSeconds").asInt(0) > 0) {
      // Accepting a window and then ignoring it would give handlers no window state at all.
      throw LambdaErrors.invalidParameter("Fogbank does not implement tumbling windows (TumblingWindowInSeconds).");
    }
    if (c.has("ScalingConfig") && kind == Kind.DYNAMODB_STREAM) {
      throw LambdaErrors.invalidParameter("Unsupported ScalingConfig parameter for given event source.");
    }
    try {
      EventFilter.of(c.get("FilterCriteria"));
    } catch (IllegalArgumentException e) {
      throw LambdaErrors.invalidParameter(e.getMessage());
    }
    String onFailure = c.path("DestinationConfig").path("OnFailure").path("Destination").asText(null);
    if (onFailure != null && !onFailure.isEmpty() && !onFailure.matches("arn:aws[a-zA-Z-]*:(sqs|sns):[^:]+:\\d{12}:.+")) {
      throw LambdaErrors.invalidParameter("The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=" + onFailure + ")) is invalid.");
    }
  }

  private JsonNode create(RequestContext ctx, ObjectNode input) {
    String source = input.path("EventSourceArn").asText(null);
    if (source == null) {
      throw LambdaErrors.invalidParameter("Unrecognized event source, must be kinesis, dynamodb stream or sqs.");
    }
    Kind kind = kind(source);
    String functionArn = functionArn(ctx, input);
    if (kind != Kind.DYNAMODB_STREAM) {
      for (String p : STREAM_ONLY) {
        if (input.has(p) && !input.get(p).isNull()) {
          throw LambdaErrors.invalidParameter("Unsupported " + p + " parameter for given event source.");
        }
      }
    }
    ObjectNode c = Json.object();
    String uuid = UUID.randomUUID().toString();
    c.put("UUID", uuid);
    boolean stream = kind == Kind.DYNAMODB_STREAM;
    if (stream) {
      c.put("StartingPosition", input.path("StartingPosition").asText(null));
    }
    c.put("BatchSize", input.path("BatchSize").asInt(stream ? 100 : 10));
    c.put("MaximumBatchingWindowInSeconds", input.path("MaximumBatchingWindowInSeconds").asInt(0));
    if (stream) {
      c.put("ParallelizationFactor", input.path("ParallelizationFactor").asInt(1));
    }
    c.put("EventSourceArn", source);
    if (input.has("FilterCriteria")) {
      c.set("FilterCriteria", input.get("FilterCriteria"));
    }
    c.put("FunctionArn", functionArn);
    c.put("LastModified", engine.clock().millis() / 1000.0);
    if (stream) {
      c.put("LastProcessingResult", "No records processed");
    }
    c.put("State", "Creating");
    c.put("StateTransitionReason", "USER_INITIATED");
    if (stream) {
      ObjectNode d = c.putObject("DestinationConfig");
      d.putObject("OnFailure");
      if (input.path("DestinationConfig").path("OnFailure").has("Destination")) {
        d.set("OnFailure", input.path("DestinationConfig").path("OnFailure").deepCopy());
      }
      c.put("MaximumRecordAgeInSeconds", input.path("MaximumRecordAgeInSeconds").asInt(-1));
      c.put("BisectBatchOnFunctionError", input.path("BisectBatchOnFunctionError").asBoolean(false));
      c.put("MaximumRetryAttempts", input.path("MaximumRetryAttempts").asInt(-1));
      c.put("TumblingWindowInSeconds", input.path("TumblingWindowInSeconds").asInt(0));
    }
    ArrayNode types = c.putArray("FunctionResponseTypes");
    input.path("FunctionResponseTypes").forEach(types::add);
    if (input.has("ScalingConfig")) {
      c.set("ScalingConfig", input.get("ScalingConfig"));
    }
    validate(kind, c);
    checkSource(kind, source);
    if (kind != Kind.DYNAMODB_STREAM) {
      checkVisibility(ctx, source, functionArn);
    }
    boolean enabled = input.path("Enabled").asBoolean(true);
    EventSourceMapping mapping;
    synchronized (mappings) {
      for (EventSourceMapping m : mappings.list(ctx.account(), ctx.region())) {
        ObjectNode other = m.config();
        if (other.path("EventSourceArn").asText().equals(source) && other.path("FunctionArn").asText().equals(functionArn)) {
          throw LambdaErrors.conflict(
              "The event source arn (\" " + source + " \") and function (\" " + functionArn.split(":")[6]
                  + " \") provided mapping already exists. Please update or delete the existing mapping with UUID " + m.uuid());
        }
      }
      mapping = mappings.add(uuid, ctx.account(), ctx.region(), c);
    }
    ObjectNode answer = mapping.view();
    transition(mapping, enabled ? "Enabled" : "Disabled");
    return answer;
  }

  /** Moves a mapping to its next state after the settle delay, starting or stopping its pollers. */
  private void transition(EventSourceMapping mapping, String target) {
    Runnable move =
        () -> {
          synchronized (mapping) {
            if (mappings.get(mapping.uuid()) != mapping) {
              return;
            }
            mapping.state(target);
          }
          if (target.equals("Enabled")) {
            try {
              mappings.start(mapping);
            } catch (RuntimeException e) {
              mapping.state("Disabled");
              mapping.config().put("StateTransitionReason", "PROBLEM: " + e.getMessage());
            }
          } else {
            mappings.stop(mapping);
          }
        };
    if (settle.isZero()) {
      move.run();
    } else {
      Scheduler scheduler = engine.scheduler();
      scheduler.schedule(settle, move);
    }
  }

  private EventSourceMapping mapping(RequestContext ctx, ObjectNode input) {
    EventSourceMapping m = mappings.get(input.path("UUID").asText());
    if (m == null || !m.account().equals(ctx.account()) || !m.region().equals(ctx.region())) {
      throw LambdaErrors.notFound("The resource you requested does not exist.");
    }
    return m;
  }

  private JsonNode get(RequestContext ctx, ObjectNode input) {
    return mapping(ctx, input).view();
  }

  private JsonNode update(RequestContext ctx, ObjectNode input) {
    EventSourceMapping m = mapping(ctx, input);
    ObjectNode next;
    String target;
    synchronized (m) {
      String state = m.state();
      if (!state.equals("Enabled") && !state.equals("Disabled")) {
        throw new AwsException(
            "ResourceInUseException",
            "Cannot update the event source mapping because it is in use.",
            400);
      }
      ObjectNode c = m.config().deepCopy();
      Kind kind = kind(c.path("EventSourceArn").asText());
      if (kind != Kind.DYNAMODB_STREAM) {
        for (String p : STREAM_ONLY) {
          if (input.has(p) && !input.get(p).isNull()) {
            throw LambdaErrors.invalidParameter("Unsupported " + p + " parameter for given event source.");
          }
        }
      }
      if (input.has("FunctionName")) {
        c.put("FunctionArn", functionArn(ctx, input));
        if (kind != Kind.DYNAMODB_STREAM) {
          checkVisibility(ctx, c.path("EventSourceArn").asText(), c.path("FunctionArn").asText());
        }
      }
      for (String p : UPDATABLE) {
        if (input.has(p) && !input.get(p).isNull()) {
          c.set(p, input.get(p).deepCopy());
        }
      }
      validate(kind, c);
      boolean enabled = input.has("Enabled") ? input.get("Enabled").asBoolean() : state.equals("Enabled");
      target = enabled ? "Enabled" : "Disabled";
      c.put("LastModified", engine.clock().millis() / 1000.0);
      c.put("State", enabled && state.equals("Disabled") ? "Enabling" : !enabled && state.equals("Enabled") ? "Disabling" : "Updating");
      c.put("StateTransitionReason", "USER_INITIATED");
      m.config(c);
      next = m.view();
    }
    mappings.stop(m);
    transition(m, target);
    return next;
  }

  private JsonNode delete(RequestContext ctx, ObjectNode input) {
    EventSourceMapping m = mapping(ctx, input);
    ObjectNode answer;
    synchronized (m) {
      m.state("Deleting");
      answer = m.view();
    }
    mappings.remove(m);
    return answer;
  }

  private JsonNode list(RequestContext ctx, ObjectNode input) {
    String source = input.path("EventSourceArn").asText(null);
    String functionArn = input.has("FunctionName") ? functionArn(ctx, input) : null;
    List<ObjectNode> items = new ArrayList<>();
    for (EventSourceMapping m : mappings.list(ctx.account(), ctx.region())) {
      ObjectNode c = m.view();
      if (source != null && !c.path("EventSourceArn").asText().equals(source)) {
        continue;
      }
      if (functionArn != null && !c.path("FunctionArn").asText().equals(functionArn)) {
        continue;
      }
      items.add(c);
    }
    ObjectNode out = Json.object();
    Pages.page(items, input, 100, out.putArray("EventSourceMappings"), out);
    return out;
  }
}
