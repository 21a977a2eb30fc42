package dev.fogbank.apigatewayv2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.api.Deployment;
import dev.fogbank.apigatewayv2.http.Integrations;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * WebSocket integrations that are not proxies — MOCK, AWS (Lambda) and HTTP (AWS: "Setting up a
 * WebSocket API integration request"): the request template the integration's {@code
 * TemplateSelectionExpression} selects (or the message passed through, as {@code
 * PassthroughBehavior} allows) is what the integration receives; its answer goes back through
 * the integration response whose key matches the status ({@code $default} or a {@code /regex/})
 * and that response's template.
 */
final class NonProxyIntegrations {

  private final Integrations integrations;

  NonProxyIntegrations(Integrations integrations) {
    this.integrations = integrations;
  }

  /** The values of {@code $context} in templates. */
  static Map<String, String> context(Connection c, String routeKey, String requestId, String eventType) {
    Map<String, String> ctx = new LinkedHashMap<>();
    ctx.put("connectionId", c.id);
    ctx.put("routeKey", routeKey);
    ctx.put("requestId", requestId);
    ctx.put("eventType", eventType);
    ctx.put("stage", c.stage);
    ctx.put("apiId", c.api.id());
    ctx.put("domainName", c.api.id() + ".execute-api.localhost");
    ctx.put("connectedAt", String.valueOf(c.connectedAt.toEpochMilli()));
    ctx.put("identity.sourceIp", c.sourceIp);
    return ctx;
  }

  /** {@code http} sends a request body to an HTTP integration and gives its status and body. */
  WebSocketApiEndpoint.Outcome call(
      Deployment deployment,
      ObjectNode integration,
      String body,
      Map<String, String> context,
      JsonNode stageVariables,
      Connection c,
      Function<String, WebSocketApiEndpoint.Outcome> http) {
    String type = integration.path("IntegrationType").asText();
    String request;
    try {
      request = requestBody(integration, body, context, stageVariables);
    } catch (Templates.Unsupported | Refused e) {
      return new WebSocketApiEndpoint.Outcome(500, null);
    }
    WebSocketApiEndpoint.Outcome answer;
    switch (type) {
      case "MOCK" -> {
        // A MOCK's request template names the status it answers: {"statusCode": 200}.
        int status = 200;
        JsonNode mock = parse(request);
        if (mock != null && mock.has("statusCode")) {
          status = mock.path("statusCode").asInt(200);
        }
        answer = new WebSocketApiEndpoint.Outcome(status, body);
      }
      case "AWS" -> {
        JsonNode event = parse(request);
        try {
          byte[] payload =
              integrations.invokeLambda(
                  integration.path("IntegrationUri").asText(),
                  c.api.account(),
                  c.api.region(),
                  event instanceof ObjectNode object ? object : Json.object(),
                  integration.path("TimeoutInMillis").asInt(29_000));
          answer = new WebSocketApiEndpoint.Outcome(200, new String(payload, StandardCharsets.UTF_8));
        } catch (Integrations.Timeout | Integrations.FunctionFailed e) {
          return new WebSocketApiEndpoint.Outcome(500, null);
        }
      }
      case "HTTP" -> answer = http.apply(request);
      default -> {
        return new WebSocketApiEndpoint.Outcome(500, null);
      }
    }
    try {
      return respond(deployment, integration, answer, context, stageVariables);
    } catch (Templates.Unsupported e) {
      return new WebSocketApiEndpoint.Outcome(500, null);
    }
  }

  /** The integration's request cannot be made: no template and passthrough not allowed. */
  private static final class Refused extends RuntimeException {
    Refused() {
      super("no request template", null, false, false);
    }
  }

  private static String requestBody(ObjectNode integration, String body, Map<String, String> context, JsonNode stageVariables) {
    JsonNode templates = integration.path("RequestTemplates");
    if (!templates.isObject() || templates.isEmpty()) {
      if (integration.path("PassthroughBehavior").asText("WHEN_NO_MATCH").equals("NEVER")) {
        throw new Refused();
      }
      return body;
    }
    String key = RouteSelection.select(integration.path("TemplateSelectionExpression").asText("\\$default"), body == null ? "" : body);
    JsonNode template = key == null ? null : templates.get(key);
    if (template == null) {
      template = templates.get("$default");
    }
    if (template == null) {
      if (!integration.path("PassthroughBehavior").asText("WHEN_NO_MATCH").equals("WHEN_NO_MATCH")) {
        throw new Refused();
      }
      return body;
    }
    return Templates.render(template.asText(), body, context, stageVariables);
  }

  private static WebSocketApiEndpoint.Outcome respond(
      Deployment deployment, ObjectNode integration, WebSocketApiEndpoint.Outcome answer, Map<String, String> context, JsonNode stageVariables) {
    Map<String, ObjectNode> responses = deployment.integrationResponses().get(integration.path("IntegrationId").asText());
    if (responses == null || responses.isEmpty()) {
      // Without an integration response nothing travels back to the client.
      return new WebSocketApiEndpoint.Outcome(answer.status(), null);
    }
    String status = String.valueOf(answer.status());
    ObjectNode chosen = null;
    for (ObjectNode r : responses.values()) {
      String key = r.path("IntegrationResponseKey").asText();
      if (key.length() > 2 && key.startsWith("/") && key.endsWith("/") && status.matches(key.substring(1, key.length() - 1))) {
        chosen = r;
        break;
      }
      if (key.equals("$default") && chosen == null) {
        chosen = r;
      }
    }
    if (chosen == null) {
      return new WebSocketApiEndpoint.Outcome(answer.status(), null);
    }
    JsonNode templates = chosen.path("ResponseTemplates");
    if (!templates.isObject() || templates.isEmpty()) {
      return answer;
    }
    JsonNode template = templates.get("$default");
    if (template == null) {
      template = templates.elements().next();
    }
    return new WebSocketApiEndpoint.Outcome(answer.status(), Templates.render(template.asText(), answer.body(), context, stageVariables));
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }
}
