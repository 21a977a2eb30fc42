package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.apigatewayv2.api.Deployment;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.governor.Governor;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The data plane of HTTP APIs: a request to an API's invoke URL goes through stage selection, CORS
 * preflight, route selection, throttling, authorization, request parameter mapping, the
 * integration and response parameter mapping. Errors are API Gateway's own: {@code
 * {"message":"Not Found"}} (404), {@code Unauthorized} (401), {@code Forbidden} (403), {@code Too
 * Many Requests} (429), {@code Internal Server Error} (500), {@code Service Unavailable} (503) and
 * a 504 when the integration outlives its timeout.
 */
public final class HttpApiServer {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HttpApiServer.class);

  /** HTTP APIs' payload quota: 10 MB. */
  static final int MAX_PAYLOAD = 10 * 1024 * 1024;

  private final ApiStore store;
  private final Clock clock;
  private final Governor governor;
  private final Integrations integrations;
  private final JwtAuthorizer jwt;
  private final LambdaAuthorizer lambdaAuthorizer;

  private final dev.fogbank.apigatewayv2.control.DomainNameOperations domains;

  public HttpApiServer(ApiStore store, ServiceContext context, dev.fogbank.apigatewayv2.control.DomainNameOperations domains) {
    this.store = store;
    this.domains = domains;
    this.clock = context.clock();
    this.governor = context.governor();
    this.integrations = new Integrations(context.client(), context.scheduler());
    this.jwt = new JwtAuthorizer(clock);
    this.lambdaAuthorizer = new LambdaAuthorizer(clock, integrations);
  }

  public Integrations integrations() {
    return integrations;
  }

  public void resetAuthorizerCache(String prefix) {
    lambdaAuthorizer.reset(prefix);
  }

  public void reset() {
    lambdaAuthorizer.reset("");
    governor.forget("apigatewayv2/");
  }

  /** Whether a request is for one of this store's HTTP APIs, by host or path form. */
  public boolean matches(AwsRequest request) {
    InvokeTarget target = InvokeTarget.of(request, domains);
    if (target == null) {
      return false;
    }
    Api api = store.find(target.apiId());
    return api != null && !api.isWebSocket();
  }

  public AwsResponse serve(AwsRequest request) {
    try {
      return serveChecked(request);
    } catch (RuntimeException e) {
      // Our own failure still answers as API Gateway does, never a connection left waiting.
      log.error("HTTP API request {} failed", request, e);
      return message(500, "Internal Server Error");
    }
  }

  private AwsResponse serveChecked(AwsRequest request) {
    InvokeTarget target = InvokeTarget.of(request, domains);
    Api api = target == null ? null : store.find(target.apiId());
    if (api == null) {
      return message(404, "Not Found");
    }
    if (request.body().length > MAX_PAYLOAD) {
      return message(413, "Request Entity Too Large");
    }
    if (!target.customDomain() && api.data().path("DisableExecuteApiEndpoint").asBoolean(false)) {
      // With the default endpoint disabled, only custom domain names reach the API.
      return message(403, "Forbidden");
    }
    String stage;
    String routePath;
    ObjectNode stageData;
    synchronized (api) {
      stage = target.stage();
      routePath = target.rest();
      if (stage == null) {
        // Host form: a first segment naming a stage selects it; else the $default stage.
        String first = InvokeTarget.firstSegment(routePath);
        if (first != null && !first.equals("$default") && api.stages().containsKey(first)) {
          stage = first;
          routePath = InvokeTarget.afterFirstSegment(routePath);
        } else {
          stage = "$default";
        }
      }
      ObjectNode s = api.stages().get(stage);
      stageData = s == null ? null : s.deepCopy();
    }
    Deployment deployment = stageData == null ? null : api.deployed(stage);
    if (deployment == null) {
      return message(404, "Not Found");
    }
    String rawPath = stage.equals("$default") ? routePath : "/" + stage + (routePath.equals("/") ? "" : routePath);
    Invocation inv =
        new Invocation(request, api, stage, stageData, deployment, rawPath, routePath, target.rawQuery(), requestId(), clock.now(), api.id() + ".execute-api.localhost");
    AwsResponse response = handle(inv);
    response.headers().put("apigw-requestid", inv.requestId);
    AccessLog.write(integrations.client(), inv, response, clock.now().toEpochMilli() - inv.time.toEpochMilli());
    return response;
  }

  private AwsResponse handle(Invocation inv) {
    JsonNode cors = inv.deployment.api().get("CorsConfiguration");
    if (cors != null && cors.isObject() && Cors.isPreflight(inv)) {
      return Cors.preflight(cors, inv);
    }
    RouteMatcher.Match match = RouteMatcher.match(inv.deployment.routes().values(), inv.method, inv.routePath);
    if (match == null) {
      return withCors(cors, inv, message(404, "Not Found"));
    }
    inv.route = match.route();
    inv.pathParameters = match.pathParameters();
    if (!admitted(inv)) {
      return withCors(cors, inv, message(429, "Too Many Requests"));
    }
    AwsResponse refused = authorize(inv);
    if (refused != null) {
      return withCors(cors, inv, refused);
    }
    ObjectNode integration = inv.deployment.integrationOf(inv.route);
    if (integration == null) {
      return withCors(cors, inv, message(500, "Internal Server Error"));
    }
    AwsResponse response = integrate(integration, inv);
    response = ParameterMapping.response(integration.get("ResponseParameters"), inv, response);
    return withCors(cors, inv, response);
  }

  private static AwsResponse withCors(JsonNode cors, Invocation inv, AwsResponse response) {
    if (cors != null && cors.isObject()) {
      Map<String, String> headers = new java.util.LinkedHashMap<>(response.headers());
      Cors.apply(cors, inv, headers);
      return new AwsResponse(response.status(), headers, response.body());
    }
    return new AwsResponse(response.status(), new java.util.LinkedHashMap<>(response.headers()), response.body());
  }

  private boolean admitted(Invocation inv) {
    return Throttling.admit(governor, inv.api, inv.stage, inv.stageData, inv.routeKey());
  }

  private AwsResponse authorize(Invocation inv) {
    String type = inv.route.path("AuthorizationType").asText("NONE");
    if (type.equals("NONE")) {
      return null;
    }
    if (type.equals("AWS_IAM")) {
      String auth = inv.header("authorization");
      return auth != null && auth.startsWith("AWS4-HMAC-SHA256 ") ? null : message(403, "Forbidden");
    }
    ObjectNode authorizer = inv.deployment.authorizers().get(inv.route.path("AuthorizerId").asText());
    if (authorizer == null) {
      return message(500, "Internal Server Error");
    }
    int status;
    ObjectNode context;
    if (type.equals("JWT")) {
      JwtAuthorizer.Result r = jwt.authorize(authorizer, inv.route, inv);
      status = r.status();
      context = r.authorizer();
    } else {
      LambdaAuthorizer.Result r = lambdaAuthorizer.authorize(authorizer, inv);
      status = r.status();
      context = r.authorizer();
    }
    return switch (status) {
      case 200 -> {
        inv.authorizer = context;
        yield null;
      }
      case 401 -> {
        AwsResponse r = message(401, "Unauthorized");
        if (type.equals("JWT")) {
          r.headers().put("www-authenticate", "Bearer");
        }
        yield r;
      }
      case 403 -> message(403, "Forbidden");
      default -> message(500, "Internal Server Error");
    };
  }

  private AwsResponse integrate(ObjectNode integration, Invocation inv) {
    String type = integration.path("IntegrationType").asText();
    int timeout = integration.path("TimeoutInMillis").asInt(30_000);
    JsonNode requestParameters = integration.get("RequestParameters");
    try {
      if (type.equals("AWS_PROXY") && integration.hasNonNull("IntegrationSubtype")) {
        return integrations.within(
            timeout, () -> ServiceIntegrations.call(integrations.client(), integration.path("IntegrationSubtype").asText(), requestParameters, inv));
      }
      String mappedPath = ParameterMapping.request(requestParameters, inv);
      if (type.equals("AWS_PROXY")) {
        boolean v2 = integration.path("PayloadFormatVersion").asText("1.0").equals("2.0");
        ObjectNode event = v2 ? ProxyEvents.v2(inv) : ProxyEvents.v1(inv);
        if (mappedPath != null) {
          event.put(v2 ? "rawPath" : "path", mappedPath);
        }
        byte[] payload =
            integrations.invokeLambda(
                // A stage variable may name the function: arn:…:function:${stageVariables.fn}.
                MappingValues.resolve(integration.path("IntegrationUri").asText(), e -> MappingValues.request(inv, e)),
                inv.api.account(),
                inv.api.region(),
                event,
                timeout);
        AwsResponse response = ProxyResponses.of(payload, v2);
        return response != null ? response : message(500, "Internal Server Error");
      }
      if (type.equals("HTTP_PROXY")) {
        String uri = MappingValues.resolve(integration.path("IntegrationUri").asText(), e -> MappingValues.request(inv, e));
        return integrations.within(timeout, () -> {
          try {
            return HttpProxy.forward(uri, integration.path("IntegrationMethod").asText(null), inv, mappedPath);
          } catch (IOException e) {
            return message(500, "Internal Server Error");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return message(500, "Internal Server Error");
          }
        });
      }
      return message(500, "Internal Server Error");
    } catch (Integrations.Timeout e) {
      // The integration outlived TimeoutInMillis (30 s at most for HTTP APIs).
      return message(504, "Gateway Timeout");
    } catch (Integrations.FunctionFailed e) {
      if (e.lambdaStatus() == 429) {
        return message(503, "Service Unavailable");
      }
      return message(500, "Internal Server Error");
    }
  }

  /** API Gateway's own error body: {@code {"message":"Not Found"}}. */
  public static AwsResponse message(int status, String text) {
    ObjectNode body = Json.object();
    body.put("message", text);
    return AwsResponse.of(status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** An id shaped like API Gateway's {@code apigw-requestid}: 16 characters of base64. */
  static String requestId() {
    byte[] bytes = new byte[12];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).replace('/', 'A').replace('+', 'B');
  }
}
