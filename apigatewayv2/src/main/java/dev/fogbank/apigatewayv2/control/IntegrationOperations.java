package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Integrations and their integration responses. Defaults as API Gateway fills them: payload format
 * 1.0, connection type INTERNET, a timeout of 30 s for HTTP APIs and 29 s for WebSocket APIs.
 */
public final class IntegrationOperations {

  private static final Set<String> HTTP_TYPES = Set.of("AWS_PROXY", "HTTP_PROXY");
  private static final Set<String> WEBSOCKET_TYPES = Set.of("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK");
  /** The AWS service integrations HTTP APIs offer, by subtype. */
  static final Set<String> SUBTYPES =
      Set.of(
          "SQS-SendMessage", "SQS-ReceiveMessage", "SQS-DeleteMessage", "SQS-PurgeQueue",
          "StepFunctions-StartExecution", "StepFunctions-StartSyncExecution", "StepFunctions-StopExecution",
          "EventBridge-PutEvents", "Kinesis-PutRecord", "AppConfig-GetConfiguration");

  private final ApiWork apis;

  public IntegrationOperations(ApiStore store, Clock clock) {
    this.apis = new ApiWork(store, clock);
  }

  public void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateIntegration", (ctx, in) -> change(ctx, in, api -> {
      ObjectNode input = in.deepCopy();
      defaults(api, input);
      check(api, input);
      return Resources.create(api.integrations(), "IntegrationId", 7, input).deepCopy();
    }));
    handlers.put("GetIntegration", (ctx, in) -> read(ctx, in, api -> integration(api, ctx, in).deepCopy()));
    handlers.put("GetIntegrations", (ctx, in) -> read(ctx, in, api -> Resources.items(api.integrations().values(), in)));
    handlers.put("UpdateIntegration", (ctx, in) -> change(ctx, in, api -> {
      ObjectNode integration = integration(api, ctx, in);
      ObjectNode merged = integration.deepCopy();
      Resources.update(merged, in, "IntegrationId");
      check(api, merged);
      Resources.update(integration, in, "IntegrationId");
      return integration.deepCopy();
    }));
    handlers.put("DeleteIntegration", (ctx, in) -> change(ctx, in, api -> {
      String id = in.path("IntegrationId").asText();
      integration(api, ctx, in);
      for (ObjectNode route : api.routes().values()) {
        if (route.path("Target").asText().equals("integrations/" + id)) {
          throw V2Errors.conflict("Cannot delete integration " + id + ": it is the target of route " + route.path("RouteId").asText());
        }
      }
      api.integrations().remove(id);
      api.integrationResponses().remove(id);
      return null;
    }));
    handlers.put("CreateIntegrationResponse", (ctx, in) -> change(ctx, in, api -> {
      integration(api, ctx, in);
      Map<String, ObjectNode> responses =
          api.integrationResponses().computeIfAbsent(in.path("IntegrationId").asText(), k -> new LinkedHashMap<>());
      String key = in.path("IntegrationResponseKey").asText();
      for (ObjectNode existing : responses.values()) {
        if (existing.path("IntegrationResponseKey").asText().equals(key)) {
          throw V2Errors.conflict("Integration response with key " + key + " already exists for this integration");
        }
      }
      return Resources.create(responses, "IntegrationResponseId", 6, in, "IntegrationId").deepCopy();
    }));
    handlers.put("GetIntegrationResponse", (ctx, in) -> read(ctx, in, api -> integrationResponse(api, ctx, in).deepCopy()));
    handlers.put("GetIntegrationResponses", (ctx, in) -> read(ctx, in, api -> {
      integration(api, ctx, in);
      return Resources.items(api.integrationResponses().getOrDefault(in.path("IntegrationId").asText(), Map.of()).values(), in);
    }));
    handlers.put("UpdateIntegrationResponse", (ctx, in) -> change(ctx, in, api -> {
      ObjectNode r = integrationResponse(api, ctx, in);
      Resources.update(r, in, "IntegrationResponseId", "IntegrationId");
      return r.deepCopy();
    }));
    handlers.put("DeleteIntegrationResponse", (ctx, in) -> change(ctx, in, api -> {
      integrationResponse(api, ctx, in);
      api.integrationResponses().get(in.path("IntegrationId").asText()).remove(in.path("IntegrationResponseId").asText());
      return null;
    }));
  }

  private JsonNode read(RequestContext ctx, ObjectNode in, ApiWork.Work work) {
    return apis.read(ctx, in, work);
  }

  private JsonNode change(RequestContext ctx, ObjectNode in, ApiWork.Work work) {
    return apis.change(ctx, in, work);
  }

  private static ObjectNode integration(Api api, RequestContext ctx, ObjectNode in) {
    return Resources.get(api.integrations(), in.path("IntegrationId").asText(), "Integration", ctx.account());
  }

  private static ObjectNode integrationResponse(Api api, RequestContext ctx, ObjectNode in) {
    integration(api, ctx, in);
    Map<String, ObjectNode> responses = api.integrationResponses().getOrDefault(in.path("IntegrationId").asText(), Map.of());
    return Resources.get(responses, in.path("IntegrationResponseId").asText(), "IntegrationResponse", ctx.account());
  }

  private static void defaults(Api api, ObjectNode in) {
    if (!api.isWebSocket() && in.path("IntegrationType").asText().equals("AWS_PROXY") && !in.has("IntegrationSubtype")
        && !in.has("PayloadFormatVersion")) {
      // "If you create a Lambda integration by using the AWS CLI, CloudFormation, or an SDK, you
      // must specify a payloadFormatVersion" (AWS: Lambda proxy integrations for HTTP APIs).
      throw V2Errors.badRequest("PayloadFormatVersion is required for Lambda proxy integrations of HTTP APIs");
    }
    if (!in.has("PayloadFormatVersion")) {
      in.put("PayloadFormatVersion", "1.0");
    }
    if (!in.has("ConnectionType")) {
      in.put("ConnectionType", "INTERNET");
    }
    if (!in.has("TimeoutInMillis")) {
      in.put("TimeoutInMillis", api.isWebSocket() ? 29000 : 30000);
    }
    if (api.isWebSocket()) {
      if (!in.has("PassthroughBehavior") && !in.path("IntegrationType").asText().endsWith("_PROXY")) {
        in.put("PassthroughBehavior", "WHEN_NO_MATCH");
      }
      if (!in.has("IntegrationResponseSelectionExpression")) {
        in.put("IntegrationResponseSelectionExpression", "${integration.response.statuscode}");
      }
    }
  }

  private static void check(Api api, ObjectNode in) {
    String type = in.path("IntegrationType").asText();
    if (!(api.isWebSocket() ? WEBSOCKET_TYPES : HTTP_TYPES).contains(type)) {
      throw V2Errors.badRequest("Unsupported integration type " + type + " for " + (api.isWebSocket() ? "WEBSOCKET" : "HTTP") + " APIs");
    }
    String version = in.path("PayloadFormatVersion").asText();
    if (!version.equals("1.0") && !version.equals("2.0")) {
      throw V2Errors.badRequest("Unsupported payload format version: " + version + ". Supported versions are 1.0 and 2.0");
    }
    if (version.equals("2.0") && !(type.equals("AWS_PROXY") && !in.has("IntegrationSubtype") && !api.isWebSocket())) {
      throw V2Errors.badRequest("Payload format version 2.0 is supported only for Lambda proxy integrations of HTTP APIs");
    }
    String subtype = Resources.text(in, "IntegrationSubtype");
    if (subtype != null) {
      if (!SUBTYPES.contains(subtype) || !type.equals("AWS_PROXY")) {
        throw V2Errors.badRequest("Unsupported integration subtype " + subtype);
      }
      if (!in.path("RequestParameters").isObject() || in.path("RequestParameters").isEmpty()) {
        throw V2Errors.badRequest("RequestParameters are required for integration subtype " + subtype);
      }
    } else if (!type.equals("MOCK") && !in.hasNonNull("IntegrationUri")) {
      throw V2Errors.badRequest("IntegrationUri is required for integration type " + type);
    }
    if (type.startsWith("HTTP") && !in.hasNonNull("IntegrationMethod")) {
      throw V2Errors.badRequest("IntegrationMethod is required for integration type " + type);
    }
    int timeout = in.path("TimeoutInMillis").asInt(30000);
    if (timeout < 50 || timeout > (api.isWebSocket() ? 29000 : 30000)) {
      throw V2Errors.badRequest("TimeoutInMillis must be between 50 and " + (api.isWebSocket() ? 29000 : 30000));
    }
  }
}
