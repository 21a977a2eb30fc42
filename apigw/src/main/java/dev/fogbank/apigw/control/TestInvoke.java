package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.auth.Authorization;
import dev.fogbank.apigw.invoke.Gateway;
import dev.fogbank.apigw.invoke.Invocation;
import dev.fogbank.apigw.invoke.Mapping;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.engine.RequestIds;
import dev.fogbank.core.protocol.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TestInvokeMethod: the method as it stands now (not as deployed) run through the real pipeline on
 * the {@code test-invoke-stage} stage, with the execution log API Gateway's console shows.
 */
public final class TestInvoke {

  private final ApiGatewayEngine engine;
  private final Gateway gateway;
  private final Authorization authorization;

  public TestInvoke(ApiGatewayEngine engine, Gateway gateway, Authorization authorization) {
    this.engine = engine;
    this.gateway = gateway;
    this.authorization = authorization;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("TestInvokeMethod", this::invoke);
    map.put("TestInvokeAuthorizer", this::invokeAuthorizer);
  }

  /**
   * TestInvokeAuthorizer: the authorizer run for the given headers, query string and stage
   * variables; {@code clientStatus} is what the caller would get (200, 401, 500), with the
   * principal, policy and context (or claims) the authorizer returned.
   */
  private JsonNode invokeAuthorizer(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    Invocation inv = new Invocation();
    ObjectNode authorizer;
    synchronized (api) {
      authorizer = api.authorizers.get(in.path("authorizerId").asText());
      if (authorizer == null) {
        throw ApiGatewayErrors.notFound("Invalid Authorizer identifier specified");
      }
      authorizer = authorizer.deepCopy();
      inv.deployed = api.freeze("test-invoke");
    }
    prepare(ctx, inv, in, "GET", in.path("pathWithQueryString").asText("/"));
    long started = engine.clock().millis();
    ObjectNode out = Json.object();
    try {
      JsonNode result = authorization.test(inv, authorizer);
      out.put("clientStatus", 200);
      if (result.has("claims")) {
        out.set("claims", result.get("claims"));
      } else {
        out.put("principalId", result.path("principalId").asText());
        out.put("policy", result.path("policyDocument").toString());
        ObjectNode auth = out.putObject("authorization");
        result.path("context").fields().forEachRemaining(f -> auth.putArray(f.getKey()).add(f.getValue().asText()));
      }
      inv.log.append("Execution log for authorizer ").append(authorizer.path("name").asText()).append(": succeeded\n");
    } catch (dev.fogbank.apigw.invoke.GatewayError e) {
      out.put("clientStatus", e.type().equals("UNAUTHORIZED") ? 401 : 500);
      inv.log.append("Execution failed: ").append(e.getMessage() == null ? e.type() : e.getMessage()).append('\n');
    }
    out.put("log", inv.log.toString());
    out.put("latency", engine.clock().millis() - started);
    return out;
  }

  private JsonNode invoke(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    Invocation inv = new Invocation();
    ApiResource resource;
    synchronized (api) {
      resource = ResourceOperations.resource(api, in.path("resourceId").asText());
      if (!resource.methods().containsKey(in.path("httpMethod").asText())) {
        throw ApiGatewayErrors.methodNotFound();
      }
      inv.deployed = api.freeze("test-invoke");
      resource = inv.deployed.resources().get(resource.id());
    }
    prepare(ctx, inv, in, in.path("httpMethod").asText(), in.path("pathWithQueryString").asText(resource.path()));
    inv.resource = resource;
    inv.method = resource.methods().get(inv.httpMethod);
    inv.pathParameters = pathParameters(resource.path(), inv.path);
    String time = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy").withZone(java.time.ZoneOffset.UTC).format(inv.requestTime);
    inv.log.append("Execution log for request ").append(inv.requestId).append('\n');
    inv.log.append(time).append(" : Starting execution for request: ").append(inv.requestId).append('\n');
    inv.log.append(time).append(" : HTTP Method: ").append(inv.httpMethod).append(", Resource Path: ").append(inv.path).append('\n');
    long started = engine.clock().millis();
    Mapping.MethodResult result = gateway.run(inv);
    inv.log.append(time).append(" : Method completed with status: ").append(result.status()).append('\n');
    ObjectNode out = Json.object();
    out.put("status", result.status());
    out.put("body", new String(result.body(), StandardCharsets.UTF_8));
    ObjectNode headers = out.putObject("headers");
    ObjectNode multi = out.putObject("multiValueHeaders");
    result.headers().forEach((k, v) -> {
      headers.put(k, v.isEmpty() ? "" : v.get(v.size() - 1));
      v.forEach(multi.putArray(k)::add);
    });
    out.put("log", inv.log.toString());
    out.put("latency", engine.clock().millis() - started);
    return out;
  }

  /** The request parts both test invocations take from their input, on the {@code test-invoke-stage} stage. */
  private void prepare(RequestContext ctx, Invocation inv, ObjectNode in, String httpMethod, String pathWithQuery) {
    inv.requestId = RequestIds.next();
    inv.extendedRequestId = inv.requestId.substring(0, 15) + "=";
    inv.requestTime = engine.clock().now();
    inv.testInvoke = true;
    inv.accountId = ctx.account();
    inv.region = ctx.region();
    inv.stageName = "test-invoke-stage";
    ObjectNode stage = Json.object();
    stage.put("stageName", inv.stageName);
    if (in.has("stageVariables")) {
      stage.set("variables", in.get("stageVariables"));
      in.get("stageVariables").fields().forEachRemaining(f -> inv.stageVariables.put(f.getKey(), f.getValue().asText()));
    }
    inv.stage = stage;
    inv.httpMethod = httpMethod;
    int q = pathWithQuery.indexOf('?');
    inv.path = URLDecoder.decode(q < 0 ? pathWithQuery : pathWithQuery.substring(0, q), StandardCharsets.UTF_8);
    if (q >= 0) {
      for (String pair : pathWithQuery.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        inv.query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    inv.requestPath = inv.path;
    inv.domainName = "testPrefix.testDomainName";
    inv.domainPrefix = "testPrefix";
    in.path("headers").fields().forEachRemaining(f -> inv.headers.put(f.getKey(), new ArrayList<>(List.of(f.getValue().asText()))));
    in.path("multiValueHeaders").fields().forEachRemaining(f -> {
      List<String> values = new ArrayList<>();
      f.getValue().forEach(v -> values.add(v.asText()));
      inv.headers.put(f.getKey(), values);
    });
    inv.body = in.path("body").asText("").getBytes(StandardCharsets.UTF_8);
  }

  /** The path parameters of a concrete path read against the resource's path template. */
  private static Map<String, String> pathParameters(String template, String path) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    String[] t = template.split("/");
    String[] p = path.split("/");
    for (int i = 0; i < t.length; i++) {
      if (t[i].startsWith("{") && t[i].endsWith("+}")) {
        List<String> rest = new ArrayList<>();
        for (int j = i; j < p.length; j++) {
          rest.add(p[j]);
        }
        out.put(t[i].substring(1, t[i].length() - 2), String.join("/", rest));
        break;
      }
      if (t[i].startsWith("{") && t[i].endsWith("}") && i < p.length) {
        out.put(t[i].substring(1, t[i].length() - 1), p[i]);
      }
    }
    return out;
  }
}
