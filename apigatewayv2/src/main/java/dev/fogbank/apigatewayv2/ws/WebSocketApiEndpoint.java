package dev.fogbank.apigatewayv2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.apigatewayv2.api.Deployment;
import dev.fogbank.apigatewayv2.http.HttpApiServer;
import dev.fogbank.apigatewayv2.http.Integrations;
import dev.fogbank.apigatewayv2.http.InvokeTarget;
import dev.fogbank.apigatewayv2.http.Throttling;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.server.WebSocketEndpoint;
import dev.fogbank.core.server.WebSocketSession;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WebSocket APIs' data plane (AWS: "Working with WebSocket APIs"): the handshake runs the {@code
 * $connect} route (a non-2xx answer refuses the connection with that status); each message is
 * routed by the API's RouteSelectionExpression ({@code $request.body.action}) to its route or
 * {@code $default}; a two-way route (one with route responses) sends the integration's answer
 * back; the end of the connection runs {@code $disconnect}. API Gateway's quotas: 128 KB per
 * message, 32 KB per frame, 10 minutes idle, 2 hours per connection.
 */
public final class WebSocketApiEndpoint implements WebSocketEndpoint {

  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
  static final Duration CONNECTION_LIMIT = Duration.ofHours(2);
  static final int MAX_MESSAGE = 128 * 1024;
  static final int MAX_FRAME = 32 * 1024;

  private final ApiStore store;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Integrations integrations;
  private final dev.fogbank.core.governor.Governor governor;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final ConnectAuthorizer connectAuthorizer;
  private final NonProxyIntegrations nonProxy;

  public WebSocketApiEndpoint(ApiStore store, ServiceContext context) {
    this.store = store;
    this.clock = context.clock();
    this.scheduler = context.scheduler();
    this.integrations = new Integrations(context.client(), context.scheduler());
    this.governor = context.governor();
    this.connectAuthorizer = new ConnectAuthorizer(integrations, clock);
    this.nonProxy = new NonProxyIntegrations(integrations);
  }

  /** ResetAuthorizersCache for a stage: {@code {apiId}/{stage}/}. */
  public void resetAuthorizerCache(String prefix) {
    connectAuthorizer.reset(prefix);
  }

  @Override
  public boolean accepts(AwsRequest head) {
    InvokeTarget target = InvokeTarget.of(head);
    Api api = target == null ? null : store.find(target.apiId());
    return api != null && api.isWebSocket();
  }

  @Override
  public int maxFrameBytes() {
    return MAX_FRAME;
  }

  @Override
  public int maxMessageBytes() {
    return MAX_MESSAGE;
  }

  Connection connection(String id) {
    return connections.get(id);
  }

  @Override
  public AwsResponse onConnect(AwsRequest head, WebSocketSession session) {
    InvokeTarget target = InvokeTarget.of(head);
    Api api = target == null ? null : store.find(target.apiId());
    if (api == null) {
      // Deleted between the upgrade request and now.
      return HttpApiServer.message(403, "Forbidden");
    }
    String stage = target.stage();
    if (stage == null) {
      String rest = target.rest();
      stage = rest.length() > 1 ? rest.substring(1).split("/")[0] : "";
    }
    Deployment deployment = api.deployed(stage);
    if (deployment == null) {
      return HttpApiServer.message(403, "Forbidden");
    }
    if (!admitted(api, stage, "$connect")) {
      return HttpApiServer.message(429, "Too Many Requests");
    }
    String userAgent = head.header("User-Agent");
    Connection c = new Connection(connectionId(), api, stage, session, clock.now(), session.remoteAddress(), userAgent);
    ObjectNode route = deployment.routeByKey("$connect");
    if (route != null) {
      ObjectNode event = WebSocketEvents.event(c, "$connect", "CONNECT", requestId(), clock.now());
      WebSocketEvents.handshake(event, head);
      if (route.path("AuthorizationType").asText("NONE").equals("CUSTOM")) {
        ObjectNode authorizer = deployment.authorizers().get(route.path("AuthorizerId").asText());
        ConnectAuthorizer.Result auth =
            authorizer == null ? new ConnectAuthorizer.Result(500, null) : connectAuthorizer.authorize(authorizer, c, head, event);
        switch (auth.status()) {
          case 200 -> {
            c.authorizer = auth.authorizer();
            event.with("requestContext").set("authorizer", auth.authorizer().deepCopy());
          }
          case 401 -> {
            return HttpApiServer.message(401, "Unauthorized");
          }
          case 403 -> {
            return HttpApiServer.message(403, "Forbidden");
          }
          default -> {
            return HttpApiServer.message(500, "Internal server error");
          }
        }
      }
      Outcome outcome = integrate(deployment, route, event, null, c);
      if (outcome.status() < 200 || outcome.status() > 299) {
        return HttpApiServer.message(outcome.status() >= 500 ? 500 : outcome.status(), outcome.status() >= 500 ? "Internal server error" : "Forbidden");
      }
    }
    session.attach(c);
    connections.put(c.id, c);
    c.limit = scheduler.schedule(CONNECTION_LIMIT, () -> goAway(c));
    c.idle = scheduler.schedule(IDLE_TIMEOUT, () -> goAway(c));
    return null;
  }

  /** API Gateway ends a connection that sat idle or reached its time limit: 1001 Going Away. */
  private void goAway(Connection c) {
    c.closedBy = "Going away";
    c.session.close(1001, "Going away");
  }

  /** Closes a connection on a {@code DELETE /@connections/{id}}. */
  void disconnect(Connection c) {
    c.closedBy = "Connection closed by API";
    c.session.close(1000, "");
  }

  @Override
  public void onText(WebSocketSession session, String text) {
    message(session, text, false);
  }

  @Override
  public void onBinary(WebSocketSession session, byte[] data) {
    // A binary message reaches the integration base64-encoded, flagged isBase64Encoded.
    message(session, Base64.getEncoder().encodeToString(data), true);
  }

  private void message(WebSocketSession session, String body, boolean binary) {
    if (!(session.attachment() instanceof Connection c)) {
      return;
    }
    c.lastActiveAt = clock.now();
    Scheduler.Timer idle = c.idle;
    if (idle != null) {
      idle.cancel();
    }
    c.idle = scheduler.schedule(IDLE_TIMEOUT, () -> goAway(c));
    Deployment deployment = c.api.deployed(c.stage);
    String requestId = requestId();
    if (deployment == null) {
      session.sendText(error("Forbidden", c, requestId));
      return;
    }
    String key = binary ? null : RouteSelection.select(deployment.api().path("RouteSelectionExpression").asText(), body);
    ObjectNode route = key == null ? null : deployment.routeByKey(key);
    if (route == null) {
      route = deployment.routeByKey("$default");
    }
    if (route == null) {
      session.sendText(error("Forbidden", c, requestId));
      return;
    }
    if (!admitted(c.api, c.stage, route.path("RouteKey").asText())) {
      session.sendText(error("Too Many Requests", c, requestId));
      return;
    }
    if (!binary && !validRequest(c.api, route, body)) {
      session.sendText(error("Invalid request body", c, requestId));
      return;
    }
    ObjectNode event = WebSocketEvents.event(c, route.path("RouteKey").asText(), "MESSAGE", requestId, clock.now());
    event.put("body", body);
    event.put("isBase64Encoded", binary);
    Outcome outcome = integrate(deployment, route, event, body, c);
    if (outcome.status() >= 500) {
      session.sendText(error("Internal server error", c, requestId));
      return;
    }
    Map<String, ObjectNode> responses = deployment.routeResponses().get(route.path("RouteId").asText());
    if (responses != null && !responses.isEmpty() && outcome.body() != null) {
      session.sendText(outcome.body());
    }
  }

  @Override
  public void onClose(WebSocketSession session, int status, String reason) {
    if (!(session.attachment() instanceof Connection c)) {
      return;
    }
    connections.remove(c.id);
    c.cancelTimers();
    Deployment deployment = c.api.deployed(c.stage);
    ObjectNode route = deployment == null ? null : deployment.routeByKey("$disconnect");
    if (route != null) {
      ObjectNode event = WebSocketEvents.event(c, "$disconnect", "DISCONNECT", requestId(), clock.now());
      event.with("requestContext").put("disconnectStatusCode", status);
      event.with("requestContext").put("disconnectReason", c.closedBy != null ? c.closedBy : reason == null ? "" : reason);
      integrate(deployment, route, event, null, c);
    }
  }

  /** Route throttling with the stage's settings as they are now. */
  private boolean admitted(Api api, String stage, String routeKey) {
    JsonNode stageData;
    synchronized (api) {
      ObjectNode s = api.stages().get(stage);
      stageData = s == null ? Json.object() : s.deepCopy();
    }
    return Throttling.admit(governor, api, stage, stageData, routeKey);
  }

  /**
   * Request validation (AWS: "Request validation for WebSocket APIs"): a route with {@code
   * RequestModels} checks the message against the model its {@code ModelSelectionExpression}
   * selects ({@code $default} when it selects none of them).
   */
  private static boolean validRequest(Api api, ObjectNode route, String body) {
    JsonNode models = route.path("RequestModels");
    if (!models.isObject() || models.isEmpty()) {
      return true;
    }
    String selected = RouteSelection.select(route.path("ModelSelectionExpression").asText("$default"), body);
    JsonNode modelName = selected != null && models.has(selected) ? models.get(selected) : models.get("$default");
    if (modelName == null) {
      return true;
    }
    JsonNode schema = null;
    synchronized (api) {
      for (ObjectNode model : api.models().values()) {
        if (model.path("Name").asText().equals(modelName.asText())) {
          schema = Json.parse(model.path("Schema").asText());
        }
      }
    }
    JsonNode message;
    try {
      message = Json.parse(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return false;
    }
    return message != null && JsonSchema.valid(schema, message);
  }

  /** The integration's status and the text a two-way route sends back. */
  record Outcome(int status, String body) {}

  private Outcome integrate(Deployment deployment, ObjectNode route, ObjectNode event, String body, Connection c) {
    ObjectNode integration = deployment.integrationOf(route);
    if (integration == null) {
      return new Outcome(500, null);
    }
    String type = integration.path("IntegrationType").asText();
    switch (type) {
      case "MOCK", "AWS", "HTTP" -> {
        JsonNode requestContext = event.path("requestContext");
        Map<String, String> context =
            NonProxyIntegrations.context(
                c, route.path("RouteKey").asText(), requestContext.path("requestId").asText(), requestContext.path("eventType").asText());
        return nonProxy.call(deployment, integration, body, context, event.get("stageVariables"), c, request -> httpProxy(integration, request, c));
      }
      case "AWS_PROXY" -> {
        try {
          byte[] payload =
              integrations.invokeLambda(
                  integration.path("IntegrationUri").asText(), c.api.account(), c.api.region(), event, integration.path("TimeoutInMillis").asInt(29_000));
          return proxyOutcome(payload);
        } catch (Integrations.Timeout | Integrations.FunctionFailed e) {
          return new Outcome(500, null);
        }
      }
      case "HTTP_PROXY" -> {
        return httpProxy(integration, body, c);
      }
      default -> {
        return new Outcome(500, null);
      }
    }
  }

  /** Made on first use (holder idiom): building an HttpClient costs start-up time. */
  private static final class Http {
    static final java.net.http.HttpClient CLIENT =
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * HTTP_PROXY: the message (empty for CONNECT and DISCONNECT) sent to the integration URI with
   * the connection's id in {@code connectionId}; the response body is the answer of a two-way
   * route.
   */
  private Outcome httpProxy(ObjectNode integration, String body, Connection c) {
    String method = integration.path("IntegrationMethod").asText("POST");
    try {
      return integrations.within(
          integration.path("TimeoutInMillis").asInt(29_000),
          () -> {
            try {
              java.net.http.HttpRequest request =
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(integration.path("IntegrationUri").asText()))
                      .header("connectionId", c.id)
                      .method(
                          method,
                          body == null
                              ? java.net.http.HttpRequest.BodyPublishers.noBody()
                              : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                      .build();
              java.net.http.HttpResponse<String> response = Http.CLIENT.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
              return new Outcome(response.statusCode(), response.body().isEmpty() ? null : response.body());
            } catch (IOException | IllegalArgumentException e) {
              return new Outcome(500, null);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return new Outcome(500, null);
            }
          });
    } catch (Integrations.Timeout e) {
      return new Outcome(504, null);
    }
  }

  /** A proxy result: {@code {"statusCode": …, "body": …}}, or any other value as the body itself. */
  private static Outcome proxyOutcome(byte[] payload) {
    JsonNode result;
    try {
      result = Json.parse(payload);
    } catch (IOException e) {
      return new Outcome(200, new String(payload, StandardCharsets.UTF_8));
    }
    if (result != null && result.isObject() && result.has("statusCode")) {
      JsonNode body = result.get("body");
      String text = body == null || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString();
      if (text != null && result.path("isBase64Encoded").asBoolean(false)) {
        text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
      }
      return new Outcome(result.path("statusCode").asInt(200), text);
    }
    return new Outcome(200, result == null ? null : result.isTextual() ? result.asText() : result.toString());
  }

  private static String error(String message, Connection c, String requestId) {
    ObjectNode e = Json.object();
    e.put("message", message);
    e.put("connectionId", c.id);
    e.put("requestId", requestId);
    return e.toString();
  }

  /** Connection ids as API Gateway makes them: 12 random bytes in base64 ({@code L0SM9cOFvHcCIhw=}). */
  private static String connectionId() {
    byte[] bytes = new byte[10];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).replace('/', 'A').replace('+', 'B');
  }

  private static String requestId() {
    byte[] bytes = new byte[12];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).replace('/', 'A').replace('+', 'B');
  }

  /** The API (or one stage of it, when {@code stage} is not null) is gone: its clients are closed. */
  public void closeAll(String apiId, String stage) {
    for (Connection c : connections.values()) {
      if (c.api.id().equals(apiId) && (stage == null || c.stage.equals(stage))) {
        goAway(c);
      }
    }
  }

  public void reset() {
    connectAuthorizer.reset("");
    for (Connection c : connections.values()) {
      c.cancelTimers();
      c.session.close(1001, "Going away");
    }
    connections.clear();
  }

  /** The emulator stops: the server has closed the connections already; only timers remain. */
  public void stop() {
    connections.values().forEach(Connection::cancelTimers);
    connections.clear();
    integrations.close();
  }
}
