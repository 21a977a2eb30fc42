package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.auth.Authorization;
import dev.fogbank.apigw.state.Deployed;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.apigw.throttle.Admission;
import dev.fogbank.core.engine.RequestIds;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stage's request pipeline, in API Gateway's order: route (403 Missing Authentication Token when
 * nothing matches), throttling and API keys, authorizer, request validation, cache, integration,
 * response mapping. Every answer carries {@code x-amzn-RequestId} and {@code x-amz-apigw-id}.
 */
public final class Gateway {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Gateway.class);

  /** API Gateway's payload limit for REST APIs: 10 MB. */
  private static final int MAX_PAYLOAD = 10 * 1024 * 1024;

  private final ApiGatewayEngine engine;
  private final Integrations integrations;
  private final Admission admission;
  private final Authorization authorization;
  private final RequestValidation validation;
  private final ResponseCache cache;
  private final AccessLogs accessLogs;
  private final Map<String, RouteTable> tables = new ConcurrentHashMap<>();
  private final MethodSettings methodSettings = new MethodSettings();

  public Gateway(
      ApiGatewayEngine engine,
      Integrations integrations,
      Admission admission,
      Authorization authorization,
      RequestValidation validation,
      ResponseCache cache,
      AccessLogs accessLogs) {
    this.engine = engine;
    this.integrations = integrations;
    this.admission = admission;
    this.authorization = authorization;
    this.validation = validation;
    this.cache = cache;
    this.accessLogs = accessLogs;
  }

  /** Forgets the route tables and merged method settings (the emulator reset). */
  public void reset() {
    tables.clear();
    methodSettings.reset();
  }

  /** Whether a request is for an invoke URL of an API this module has (v2 APIs fall through). */
  public boolean matches(AwsRequest request) {
    InvokeTarget t = InvokeTarget.of(request);
    return t != null && engine.apiById(t.apiId()) != null;
  }

  public AwsResponse serve(AwsRequest request) {
    try {
      return serveChecked(request);
    } catch (RuntimeException e) {
      // Our own failure still answers as API Gateway does for an internal error, never a dropped connection.
      log.error("invoke {} failed", request, e);
      GatewayResponses.Rendered r = GatewayResponses.render("DEFAULT_5XX", "Internal server error", 500, Map.of());
      Map<String, String> headers = new LinkedHashMap<>(r.headers());
      headers.put("Content-Type", "application/json");
      return new AwsResponse(r.status(), headers, r.body().getBytes(StandardCharsets.UTF_8));
    }
  }

  private AwsResponse serveChecked(AwsRequest request) {
    InvokeTarget target = InvokeTarget.of(request);
    RestApi api = engine.apiById(target.apiId());
    Invocation inv = new Invocation();
    inv.requestId = RequestIds.next();
    inv.extendedRequestId = extendedId();
    inv.requestTime = engine.clock().now();
    inv.httpMethod = request.method();
    ObjectNode stage = api == null ? null : api.stages.get(target.stage());
    Deployed deployed = stage == null ? null : api.snapshots.get(stage.path("deploymentId").asText());
    if (deployed == null || api.info().path("disableExecuteApiEndpoint").asBoolean(false)) {
      // No such stage, or the default endpoint switched off: API Gateway's front end answers 403
      // Forbidden before any API is involved.
      GatewayResponses.Rendered r = GatewayResponses.render("INVALID_API_KEY", "Forbidden", 403, Map.of());
      return finish(inv, r.status(), single(r.headers()), r.body().getBytes(StandardCharsets.UTF_8));
    }
    JsonNode canary = stage.get("canarySettings");
    boolean toCanary = false;
    if (canary != null && canary.hasNonNull("deploymentId")
        && ThreadLocalRandom.current().nextDouble(100.0) < canary.path("percentTraffic").asDouble(0)) {
      // A canary release: this share of the stage's traffic goes to the canary deployment, with
      // the canary's stage variable overrides.
      Deployed canaryDeployed = api.snapshots.get(canary.path("deploymentId").asText());
      if (canaryDeployed != null) {
        deployed = canaryDeployed;
        toCanary = true;
      }
    }
    inv.deployed = deployed;
    inv.stage = stage;
    inv.stageName = target.stage();
    inv.accountId = api.account();
    inv.region = api.region();
    inv.path = decode(target.rawPath());
    inv.domainName = target.hostForm() ? request.hostName() : api.id() + ".execute-api.localhost.localstack.cloud";
    inv.domainPrefix = api.id();
    inv.requestPath = "/" + target.stage() + inv.path;
    request.headers().forEach(h -> inv.headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
    request.query().forEach((k, v) -> inv.query.put(k, new ArrayList<>(v)));
    inv.body = request.body();
    inv.bodyIsBinary = BinaryMedia.matches(deployed.info().get("binaryMediaTypes"), request.header("Content-Type"));
    JsonNode vars = stage.get("variables");
    if (vars != null) {
      vars.fields().forEachRemaining(f -> inv.stageVariables.put(f.getKey(), f.getValue().asText()));
    }
    if (toCanary) {
      canary.path("stageVariableOverrides").fields().forEachRemaining(f -> inv.stageVariables.put(f.getKey(), f.getValue().asText()));
    }
    Mapping.MethodResult result = run(inv);
    return finish(inv, result.status(), result.headers(), result.body());
  }

  /** Routes and runs a prepared invocation; gateway errors become their gateway responses. */
  public Mapping.MethodResult run(Invocation inv) {
    Mapping.MethodResult result;
    long started = engine.clock().millis();
    String error = null;
    try {
      if (inv.body.length > MAX_PAYLOAD) {
        throw new GatewayError("REQUEST_TOO_LARGE", "Request Too Long");
      }
      route(inv);
      result = execute(inv);
    } catch (GatewayError e) {
      error = e.getMessage();
      inv.log.append("Gateway response type: ").append(e.type()).append(" with status code: ")
          .append(e.status() != null ? e.status() : "default").append('\n');
      GatewayResponses.Rendered r = GatewayResponses.render(e.type(), e.getMessage(), e.status(), inv.deployed.gatewayResponses());
      result = new Mapping.MethodResult(r.status(), single(r.headers()), r.body().getBytes(StandardCharsets.UTF_8));
      if (!r.headers().containsKey("Content-Type")) {
        result.headers().put("Content-Type", new ArrayList<>(List.of("application/json")));
      }
    }
    accessLogs.write(inv, result.status(), result.body().length, engine.clock().millis() - started, error);
    return result;
  }

  private void route(Invocation inv) {
    if (inv.resource != null) {
      return;
    }
    RouteTable table = tables.computeIfAbsent(inv.apiId() + "/" + inv.deployed.deploymentId(), k -> new RouteTable(inv.deployed));
    RouteTable.Route route = table.match(inv.httpMethod, inv.path);
    if (route == null) {
      throw new GatewayError("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");
    }
    inv.resource = route.resource();
    inv.method = route.method();
    inv.pathParameters = route.pathParameters();
  }

  private Mapping.MethodResult execute(Invocation inv) {
    MethodSettings.Effective method = methodSettings.of(inv);
    ObjectNode settings = method.settings();
    admission.throttle(inv, method);
    authorization.authorize(inv);
    admission.apiKey(inv);
    validation.validate(inv);
    String cacheKey = cache.key(inv, settings);
    if (cacheKey != null) {
      Mapping.MethodResult hit = cache.get(inv, settings, cacheKey);
      if (hit != null) {
        return hit;
      }
    }
    Mapping.MethodResult result = integrations.run(inv);
    if (cacheKey != null && result.status() < 400) {
      cache.put(inv, settings, cacheKey, result);
    }
    return result;
  }

  /** Final headers: the request id the integration saw, and API Gateway's own id. */
  private AwsResponse finish(Invocation inv, int status, Map<String, List<String>> headers, byte[] body) {
    AwsResponse response = new AwsResponse(status, new KeepRequestId(), body);
    // A header with several values (a proxy response's multiValueHeaders) goes out as one line each.
    // An integration's own x-amzn-RequestId is remapped, as API Gateway does, so the client sees ours.
    headers.forEach((k, values) -> values.forEach(v ->
        response.addHeader(k.equalsIgnoreCase("x-amzn-RequestId") ? "x-amzn-Remapped-" + k : k, v)));
    response.withHeader("x-amzn-RequestId", inv.requestId);
    response.withHeader("x-amz-apigw-id", inv.extendedRequestId);
    if (inv.stage != null && inv.stage.path("tracingEnabled").asBoolean(false)) {
      // X-Ray active tracing: the trace header of the request's segment
      ThreadLocalRandom random = ThreadLocalRandom.current();
      response.withHeader("X-Amzn-Trace-Id", String.format("Root=1-%08x-%012x%012x;Sampled=1",
          inv.requestTime.getEpochSecond(), random.nextLong(1L << 48), random.nextLong(1L << 48)));
    }
    return response;
  }

  private static Map<String, List<String>> single(Map<String, String> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> out.put(k, new ArrayList<>(List.of(v))));
    return out;
  }

  /** API Gateway's extended request id: 16 base64 characters ending in {@code =}. */
  static String extendedId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[16];
    long bits = random.nextLong();
    for (int i = 0; i < 15; i++) {
      if (i == 10) {
        bits = random.nextLong();
      }
      id[i] = BASE64[(int) (bits & 63)];
      bits >>>= 6;
    }
    id[15] = '=';
    return new String(id);
  }

  private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  /** A path as sent, percent-decoded; a {@code +} stays a plus, as in a URL's path. */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * Response headers that keep the {@code x-amzn-RequestId} first set: the server stamps its own
   * id on every answer, but a client must see the id the integration saw in {@code requestContext}.
   */
  private static final class KeepRequestId extends LinkedHashMap<String, String> {
    @Override
    public String put(String key, String value) {
      if (key.equalsIgnoreCase("x-amzn-RequestId") && containsKey("x-amzn-RequestId")) {
        return get("x-amzn-RequestId");
      }
      return super.put(key, value);
    }
  }
}
