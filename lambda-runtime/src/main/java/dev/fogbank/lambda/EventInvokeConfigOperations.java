package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.retry.DeadLetterTargets;
import dev.fogbank.lambda.function.LambdaFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous invocation settings per function, version or alias: Put (replaces),
 * Update (merges), Get, Delete and List FunctionEventInvokeConfig. The model bounds
 * MaximumRetryAttempts (0–2) and MaximumEventAgeInSeconds (60–21600); asynchronous invocations
 * read them for their retries.
 */
final class EventInvokeConfigOperations {

  private final LambdaEngine engine;
  private final InProcessClient client;

  EventInvokeConfigOperations(LambdaEngine engine, InProcessClient client) {
    this.engine = engine;
    this.client = client;
  }

  /**
   * A destination must be a queue, topic, function or event bus that exists, or Lambda answers
   * InvalidParameterValueException "The destination ARN … is invalid."
   */
  private void checkDestination(RequestContext ctx, JsonNode destination) {
    String arn = destination.path("Destination").asText(null);
    if (arn == null || arn.isEmpty()) {
      return;
    }
    String[] parts = arn.split(":", 7);
    boolean valid = false;
    if (parts.length >= 6 && parts[0].equals("arn")) {
      try {
        valid =
            switch (parts[2]) {
              case "sqs" -> client != null && client.has("sqs") && new DeadLetterTargets(client).queueUrl(parts[4], parts[3], parts[5]) != null;
              case "sns" -> client != null && client.has("sns")
                  && client.call("sns", "GetTopicAttributes", parts[4], parts[3], Json.object().put("TopicArn", arn)) != null;
              case "lambda" -> parts.length == 7 && parts[5].equals("function")
                  && engine.state(ctx).functions().containsKey(parts[6].split(":")[0]);
              case "events" -> parts[5].startsWith("event-bus/");
              default -> false;
            };
      } catch (AwsException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw LambdaErrors.invalidParameter("The destination ARN " + arn + " is invalid.");
    }
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PutFunctionEventInvokeConfig", (ctx, in) -> put(ctx, in, true));
    map.put("UpdateFunctionEventInvokeConfig", (ctx, in) -> put(ctx, in, false));
    map.put("GetFunctionEventInvokeConfig", this::get);
    map.put("DeleteFunctionEventInvokeConfig", this::delete);
    map.put("ListFunctionEventInvokeConfigs", this::list);
  }

  private record Target(LambdaFunction fn, String qualifier, String arn) {}

  private Target target(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    String q = ref.qualifier();
    if (q != null) {
      engine.version(ctx, fn, q);
    }
    String key = q == null ? FunctionRef.LATEST : q;
    return new Target(fn, key, fn.arn() + ":" + key);
  }

  private JsonNode put(RequestContext ctx, ObjectNode input, boolean replace) {
    Target t = target(ctx, input);
    checkDestination(ctx, input.path("DestinationConfig").path("OnSuccess"));
    checkDestination(ctx, input.path("DestinationConfig").path("OnFailure"));
    synchronized (t.fn()) {
      ObjectNode existing = t.fn().eventInvokeConfigs().get(t.qualifier());
      ObjectNode config = replace || existing == null ? Json.object() : existing.deepCopy();
      config.put("LastModified", engine.clock().millis() / 1000.0);
      config.put("FunctionArn", t.arn());
      for (String m : List.of("MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig")) {
        if (input.has(m)) {
          config.set(m, input.get(m));
        }
      }
      if (replace && !config.has("DestinationConfig")) {
        ObjectNode d = config.putObject("DestinationConfig");
        d.putObject("OnSuccess");
        d.putObject("OnFailure");
      }
      t.fn().eventInvokeConfigs().put(t.qualifier(), config);
      return config.deepCopy();
    }
  }

  private ObjectNode existing(Target t) {
    ObjectNode config = t.fn().eventInvokeConfigs().get(t.qualifier());
    if (config == null) {
      throw LambdaErrors.notFound("The function " + t.arn() + " doesn't have an EventInvokeConfig");
    }
    return config;
  }

  private JsonNode get(RequestContext ctx, ObjectNode input) {
    return existing(target(ctx, input)).deepCopy();
  }

  private JsonNode delete(RequestContext ctx, ObjectNode input) {
    Target t = target(ctx, input);
    existing(t);
    t.fn().eventInvokeConfigs().remove(t.qualifier());
    return null;
  }

  private JsonNode list(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = engine.function(ctx, engine.ref(ctx, input));
    List<ObjectNode> items = new ArrayList<>();
    new java.util.TreeMap<>(fn.eventInvokeConfigs()).values().forEach(c -> items.add(c.deepCopy()));
    ObjectNode out = Json.object();
    Pages.page(items, input, 50, out.putArray("FunctionEventInvokeConfigs"), out);
    return out;
  }

  /** The config an asynchronous invocation of {@code qualifier} follows, or null for defaults. */
  static ObjectNode effective(LambdaFunction fn, String qualifier) {
    return fn.eventInvokeConfigs().get(qualifier == null ? FunctionRef.LATEST : qualifier);
  }
}
