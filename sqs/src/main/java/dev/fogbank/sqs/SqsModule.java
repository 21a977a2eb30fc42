package dev.fogbank.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.Violation;
import dev.fogbank.sqs.queue.Message;
import dev.fogbank.sqs.queue.Queue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Amazon SQS: standard and FIFO queues over JSON 1.0 (current SDKs) and the query protocol (older
 * SDKs, the AWS CLI v1). Settings: {@code sqs.queue-url-style} = {@code path} (default) or {@code
 * domain}.
 */
public final class SqsModule implements ServiceModule {

  private static final Pattern CLAIMED_PATH = Pattern.compile("/(\\d{12}|queue)/[A-Za-z0-9_.-]+/?");
  /** Errors of the Coral framework itself keep its namespace in {@code __type}. */
  private static final Set<String> CORAL_ERRORS =
      Set.of("UnknownOperationException", "SerializationException", "InternalFailure", "ValidationException");

  private final ServiceModel model = SqsWire.load();
  private volatile SqsEngine engine;
  private volatile Map<String, OperationHandler> handlers = Map.of();

  @Override
  public String name() {
    return "sqs";
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  @Override
  public Set<Protocol> protocols() {
    return Set.of(Protocol.AWS_JSON_1_0, Protocol.QUERY);
  }

  @Override
  public void start(ServiceContext context) {
    EmulatorConfig config = context.config();
    QueueUrls.Style style =
        config.setting("sqs.queue-url-style", "path").equalsIgnoreCase("domain")
            ? QueueUrls.Style.DOMAIN
            : QueueUrls.Style.PATH;
    SqsEngine engine = new SqsEngine(context.clock(), context.scheduler());
    Map<String, OperationHandler> map = new HashMap<>();
    new QueueOperations(engine, style).register(map);
    new MessageOperations(engine).register(map);
    this.engine = engine;
    this.handlers = Map.copyOf(map);
    if (context.admin() != null) {
      context.admin().route("GET /_aws/sqs/messages", r -> messages(r, config));
    }
  }

  /** The engine, for embedding and tests. */
  public SqsEngine engine() {
    return engine;
  }

  /** Only a receive waits (long polling); every other SQS operation is short and in memory. */
  @Override
  public boolean mayBlock(String operation) {
    return operation.equals("ReceiveMessage");
  }

  @Override
  public Map<String, OperationHandler> handlers() {
    return handlers;
  }

  @Override
  public void reset() {
    if (engine != null) {
      engine.reset();
    }
  }

  /** Form POSTs to a queue URL ({@code /<account>/<name>}, {@code /queue/<name>}) are SQS's. */
  @Override
  public boolean claims(AwsRequest request) {
    return CLAIMED_PATH.matcher(request.path()).matches();
  }

  /**
   * SQS answers a missing parameter with MissingParameter ("The request must contain the parameter
   * QueueName."), in both protocols, not Coral's ValidationException.
   */
  @Override
  public AwsException validationError(Protocol protocol, List<Violation> violations) {
    Violation v = violations.get(0);
    if (v.kind() == Violation.Kind.REQUIRED) {
      if (v.member().equals("DataType") && v.path().startsWith("messageAttributes.")) {
        String name = v.path().substring("messageAttributes.".length(), v.path().lastIndexOf('.'));
        return SqsErrors.invalidParameterValue(
            "The message attribute '" + name + "' must contain non-empty message attribute type.");
      }
      if (protocol == Protocol.QUERY && v.path().equals("attributes")) {
        return SqsErrors.missingParameter("Attribute.Name");
      }
      return SqsErrors.missingParameter(v.member());
    }
    return SqsErrors.invalidParameterValue(v.describe());
  }

  @Override
  public String jsonErrorType(AwsException error) {
    if (CORAL_ERRORS.contains(error.code())) {
      return "com.amazon.coral.service#" + error.code();
    }
    return error.code().equals("NotImplemented") ? error.code() : "com.amazonaws.sqs#" + error.code();
  }

  /**
   * LocalStack's {@code GET /_aws/sqs/messages?QueueUrl=…}: the queue's messages as they stand,
   * in flight or not, without receiving them.
   */
  private AwsResponse messages(AwsRequest request, EmulatorConfig config) {
    String url = request.queryParam("QueueUrl");
    QueueUrls.Ref ref = url == null ? null : QueueUrls.parse(url, config.account(), config.region());
    if (ref == null) {
      return error(400, "MissingParameter", "The request must contain the parameter QueueUrl.");
    }
    Queue queue;
    try {
      queue = engine.queue(ref.account(), ref.region(), ref.name());
    } catch (AwsException e) {
      return error(400, e.queryCode(), e.getMessage());
    }
    ObjectNode body = Json.object();
    ArrayNode messages = body.putArray("Messages");
    for (Message m : queue.peek()) {
      ObjectNode node = messages.addObject();
      node.put("MessageId", m.id());
      node.put("MD5OfBody", m.md5OfBody());
      node.put("Body", m.body());
      ObjectNode attributes = node.putObject("Attributes");
      attributes.put("SenderId", m.senderId());
      attributes.put("SentTimestamp", Long.toString(m.sentTimestamp()));
      if (m.groupId() != null) {
        attributes.put("MessageGroupId", m.groupId());
      }
      if (m.sequenceNumber() != null) {
        attributes.put("SequenceNumber", m.sequenceNumber());
      }
      if (!m.attributes().isEmpty()) {
        node.put("MD5OfMessageAttributes", m.md5OfAttributes());
        ObjectNode ma = node.putObject("MessageAttributes");
        m.attributes().forEach((k, v) -> ma.set(k, Inputs.attributeJson(v)));
      }
    }
    return AwsResponse.of(200, "application/json", Json.bytes(body));
  }

  private static AwsResponse error(int status, String code, String message) {
    ObjectNode body = Json.object();
    body.putObject("Error").put("Code", code).put("Message", message);
    return AwsResponse.of(status, "application/json", Json.bytes(body));
  }
}
