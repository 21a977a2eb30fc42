package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.lambda.invoke.EventStreamMessages;
import dev.fogbank.lambda.invoke.ExecutionLog;
import dev.fogbank.lambda.invoke.Invoker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * InvokeWithResponseStream: the function runs as for a synchronous Invoke, and its answer comes
 * back as an event stream ({@code application/vnd.amazon.eventstream}) of {@code PayloadChunk}
 * events with the response bytes, ended by an {@code InvokeComplete} event that carries the
 * error code and details of a failed invocation and, with {@code LogType: Tail}, the log tail.
 * A handler that does not stream has its whole response sent in chunks after it returns, as
 * Lambda does for such handlers.
 */
final class ResponseStreamOperations {

  /** Bytes per PayloadChunk event. */
  static final int CHUNK = 64 * 1024;

  static final String OPERATION = "InvokeWithResponseStream";
  static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  private final LambdaEngine engine;
  private final InvokeOperations invocations;

  ResponseStreamOperations(LambdaEngine engine, InvokeOperations invocations) {
    this.engine = engine;
    this.invocations = invocations;
  }

  void register(Map<String, OperationHandler> map) {
    map.put(OPERATION, this::invoke);
  }

  private JsonNode invoke(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    String type = input.path("InvocationType").asText("RequestResponse");
    byte[] payload = input.hasNonNull("Payload") ? Base64.getMimeDecoder().decode(input.get("Payload").asText()) : new byte[0];
    if (payload.length > InvokeOperations.SYNC_LIMIT) {
      throw LambdaErrors.requestTooLarge(InvokeOperations.SYNC_LIMIT);
    }
    InvokeOperations.checkJson(payload);
    String clientContext = InvokeOperations.clientContext(input.path("ClientContext").asText(null));
    InvokeOperations.Target target = invocations.target(ctx, ref);
    ObjectNode out = Json.object();
    if (type.equals("DryRun")) {
      out.put("StatusCode", 204);
      return out;
    }
    Invoker.Outcome outcome =
        engine.invoker()
            .invoke(
                engine.state(ctx), target.fn(), target.version(), target.invokedArn(), payload, clientContext, ctx.endpoint(), ctx.requestId());
    out.put("StatusCode", 200);
    out.put("ExecutedVersion", outcome.executedVersion());
    ArrayNode events = out.putArray("EventStream");
    byte[] answer = outcome.result().payload();
    ObjectNode complete = Json.object();
    if (outcome.result().error()) {
      // The error document is the InvokeComplete event's details, not a chunk of the response.
      JsonNode doc = parse(answer);
      complete.put("ErrorCode", doc.path("errorType").asText("Unhandled"));
      complete.put("ErrorDetails", doc.path("errorMessage").asText(new String(answer, StandardCharsets.UTF_8)));
    } else {
      for (int from = 0; from < answer.length; from += CHUNK) {
        byte[] chunk = Arrays.copyOfRange(answer, from, Math.min(answer.length, from + CHUNK));
        ObjectNode e = events.addObject();
        e.put("EventType", "PayloadChunk");
        e.put("ContentType", "application/octet-stream");
        e.put("Payload", Base64.getEncoder().encodeToString(chunk));
      }
    }
    if ("Tail".equals(input.path("LogType").asText(null))) {
      complete.put("LogResult", ExecutionLog.tail(outcome.log()));
    }
    ObjectNode e = events.addObject();
    e.put("EventType", "InvokeComplete");
    e.put("ContentType", "application/json");
    e.put("Payload", Base64.getEncoder().encodeToString(Json.bytes(complete)));
    return out;
  }

  private static JsonNode parse(byte[] doc) {
    try {
      return Json.MAPPER.readTree(doc);
    } catch (java.io.IOException e) {
      return Json.object();
    }
  }

  /**
   * The restJson1 codec, except that InvokeWithResponseStream's answer is written as an event
   * stream: status and headers as the model binds them, the events framed in the body.
   */
  static ProtocolCodec codec(ProtocolCodec json) {
    return new ProtocolCodec() {
      @Override
      public Protocol protocol() {
        return json.protocol();
      }

      @Override
      public String operationName(AwsRequest request) {
        return json.operationName(request);
      }

      @Override
      public ObjectNode decode(AwsRequest request, Operation operation) {
        return json.decode(request, operation);
      }

      @Override
      public AwsResponse encode(RequestContext ctx, Operation operation, JsonNode output) {
        if (!operation.name().equals(OPERATION) || output == null || !output.has("EventStream")) {
          return json.encode(ctx, operation, output);
        }
        ObjectNode head = ((ObjectNode) output).deepCopy();
        JsonNode events = head.remove("EventStream");
        AwsResponse plain = json.encode(ctx, operation, head);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (JsonNode e : events) {
          body.writeBytes(
              EventStreamMessages.event(
                  e.path("EventType").asText(), e.path("ContentType").asText(), Base64.getDecoder().decode(e.path("Payload").asText())));
        }
        Map<String, String> headers = new LinkedHashMap<>(plain.headers());
        headers.keySet().removeIf(h -> h.equalsIgnoreCase("Content-Type") || h.equalsIgnoreCase("Content-Length"));
        headers.put("Content-Type", EVENT_STREAM);
        return new AwsResponse(plain.status(), headers, body.toByteArray());
      }

      @Override
      public AwsResponse encodeError(RequestContext ctx, AwsException error) {
        return json.encodeError(ctx, error);
      }
    };
  }
}
