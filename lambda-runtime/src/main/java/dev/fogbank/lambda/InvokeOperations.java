package dev.fogbank.lambda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Blobs;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.Alias;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.invoke.AsyncInvocations;
import dev.fogbank.lambda.invoke.ExecutionLog;
import dev.fogbank.lambda.invoke.Invoker;
import dev.fogbank.lambda.runtime.ErrorDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Invoke (RequestResponse, Event, DryRun) and the deprecated InvokeAsync. A qualifier picks
 * $LATEST, a version, or an alias, whose routing configuration draws the version per invocation;
 * the answer names it in {@code X-Amz-Executed-Version}.
 */
final class InvokeOperations {

  /** Lambda's payload limits: 6 MB synchronous, 256 KB asynchronous. */
  static final int SYNC_LIMIT = 6 * 1024 * 1024;

  static final int ASYNC_LIMIT = 256 * 1024;
  /** A synchronous response above this fails as Function.ResponseSizeTooLarge. */
  static final int RESPONSE_LIMIT = 6_291_556;

  private final LambdaEngine engine;
  private final AsyncInvocations async;

  InvokeOperations(LambdaEngine engine, AsyncInvocations async) {
    this.engine = engine;
    this.async = async;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("Invoke", this::invoke);
    map.put("InvokeAsync", this::invokeAsync);
  }

  /** The version an invocation runs and the ARN it was invoked by. */
  record Target(LambdaFunction fn, FunctionVersion version, String invokedArn, String qualifier) {}

  Target target(RequestContext ctx, FunctionRef ref) {
    LambdaFunction fn = engine.function(ctx, ref);
    String q = ref.qualifier();
    FunctionVersion version;
    if (q != null && !q.equals(FunctionRef.LATEST) && !q.chars().allMatch(Character::isDigit)) {
      Alias alias = fn.aliases().get(q);
      if (alias == null) {
        throw LambdaErrors.functionNotFound(fn.arn() + ":" + q);
      }
      version = engine.version(ctx, fn, alias.route(ThreadLocalRandom.current().nextDouble()));
    } else {
      version = engine.version(ctx, fn, q);
    }
    String state = version.configuration().path("State").asText("Active");
    if (!state.equals("Active")) {
      throw LambdaErrors.notReady(state);
    }
    return new Target(fn, version, q == null ? fn.arn() : fn.arn() + ":" + q, q);
  }

  private JsonNode invoke(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    String type = input.path("InvocationType").asText("RequestResponse");
    // A base64 string from the wire, raw bytes from in-process callers such as API Gateway.
    byte[] payload = Blobs.bytes(input.get("Payload"));
    int limit = type.equals("Event") ? ASYNC_LIMIT : SYNC_LIMIT;
    if (payload.length > limit) {
      throw LambdaErrors.requestTooLarge(limit);
    }
    checkJson(payload);
    String clientContext = clientContext(input.path("ClientContext").asText(null));
    Target target = target(ctx, ref);
    ObjectNode out = Json.object();
    switch (type) {
      case "DryRun" -> out.put("StatusCode", 204);
      case "Event" -> {
        async.submit(
            engine.state(ctx), target.fn(), target.version(), target.invokedArn(), target.qualifier(), payload, ctx.endpoint(), ctx.requestId());
        out.put("StatusCode", 202);
      }
      default -> {
        LambdaState state = engine.state(ctx);
        Invoker.Outcome outcome =
            // The invocation's request id is the Invoke request's own (x-amzn-RequestId), as in Lambda.
            engine.invoker()
                .invoke(state, target.fn(), target.version(), target.invokedArn(), payload, clientContext, ctx.endpoint(), ctx.requestId());
        byte[] answer = outcome.result().payload();
        boolean error = outcome.result().error();
        if (!error && answer.length > RESPONSE_LIMIT) {
          answer =
              ErrorDocuments.of(
                  "Function.ResponseSizeTooLarge",
                  "Response payload size exceeded maximum allowed payload size (" + RESPONSE_LIMIT + " bytes).");
          error = true;
        }
        out.put("StatusCode", 200);
        out.put("ExecutedVersion", outcome.executedVersion());
        if (error) {
          out.put("FunctionError", "Unhandled");
        }
        if ("Tail".equals(input.path("LogType").asText(null))) {
          out.put("LogResult", ExecutionLog.tail(outcome.log()));
        }
        // Raw bytes: the codec writes them as the body, and in-process callers read them without base64.
        out.set("Payload", Json.NODES.binaryNode(answer));
      }
    }
    return out;
  }

  private JsonNode invokeAsync(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    byte[] payload =
        input.hasNonNull("InvokeArgs") ? Base64.getMimeDecoder().decode(input.get("InvokeArgs").asText()) : new byte[0];
    if (payload.length > ASYNC_LIMIT) {
      throw LambdaErrors.requestTooLarge(ASYNC_LIMIT);
    }
    checkJson(payload);
    Target target = target(ctx, ref);
    async.submit(
        engine.state(ctx), target.fn(), target.version(), target.invokedArn(), target.qualifier(), payload, ctx.endpoint(), ctx.requestId());
    ObjectNode out = Json.object();
    out.put("Status", 202);
    return out;
  }

  /**
   * Lambda only accepts JSON events. The first JSON value is read through to its end, as a tree
   * would read it, without building one: API Gateway's proxy events pass here on every request.
   */
  static void checkJson(byte[] payload) {
    if (payload.length == 0) {
      return;
    }
    try (JsonParser parser = Json.MAPPER.createParser(payload)) {
      if (parser.nextToken() != null) {
        parser.skipChildren();
      }
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw LambdaErrors.invalidRequestContent(
          "Could not parse request body into json: Could not parse payload into json: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw LambdaErrors.invalidRequestContent("Could not parse request body into json");
    }
  }

  /** {@code X-Amz-Client-Context}: base64 of a JSON object, handed to the runtime decoded. */
  static String clientContext(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    try {
      String json = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
      if (!Json.parse(json).isObject()) {
        throw new IllegalArgumentException("not an object");
      }
      return json;
    } catch (IllegalArgumentException e) {
      throw LambdaErrors.invalidRequestContent("Client context must be a valid Base64-encoded JSON object.");
    }
  }
}
