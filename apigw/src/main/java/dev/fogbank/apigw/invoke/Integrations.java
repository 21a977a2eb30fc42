package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integration types: AWS_PROXY (Lambda proxy), AWS (Lambda without proxy, and other AWS
 * services through the in-process client), HTTP_PROXY, HTTP and MOCK. Stage variables in the URI
 * ({@code ${stageVariables.fn}}) are substituted first, so one API can call a different function
 * per stage.
 */
public final class Integrations {

  private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_.:-]+)}");
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([A-Za-z0-9_.-]+)\\+?}");

  private final LambdaCalls lambda;
  private final HttpCalls http;
  private final ServiceCalls services;
  private final Mapping mapping;
  private final Deadline deadline;

  public Integrations(LambdaCalls lambda, HttpCalls http, ServiceCalls services, Mapping mapping, Deadline deadline) {
    this.lambda = lambda;
    this.http = http;
    this.services = services;
    this.mapping = mapping;
    this.deadline = deadline;
  }

  public Mapping.MethodResult run(Invocation inv) {
    JsonNode node = inv.method.get("methodIntegration");
    if (node == null) {
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    ObjectNode integration = (ObjectNode) node;
    String type = integration.path("type").asText();
    String uri = substitute(integration.path("uri").asText(""), inv);
    int timeout = integration.path("timeoutInMillis").asInt(29000);
    inv.log.append("Endpoint request URI: ").append(uri).append('\n');
    return switch (type) {
      case "AWS_PROXY" -> lambdaProxy(inv, uri, timeout);
      case "AWS" -> aws(inv, integration, uri, timeout);
      case "HTTP_PROXY" -> httpProxy(inv, integration, uri, timeout);
      case "HTTP" -> httpMapped(inv, integration, uri, timeout);
      case "MOCK" -> mock(inv, integration);
      default -> throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    };
  }

  static String substitute(String uri, Invocation inv) {
    if (!uri.contains("${")) {
      return uri;
    }
    Matcher m = STAGE_VARIABLE.matcher(uri);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = inv.stageVariables.get(m.group(1));
      m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(b);
    return b.toString();
  }

  // ---------------------------------------------------------------- Lambda

  private Mapping.MethodResult lambdaProxy(Invocation inv, String uri, int timeout) {
    String fn = LambdaCalls.functionArn(uri);
    if (fn == null) {
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    byte[] event = ProxyEvent.bytes(inv);
    LambdaCalls.Outcome out = invoke(fn, inv, event, timeout);
    if (out.functionError() != null) {
      inv.log.append("Lambda execution failed with status 200 due to customer function error\n");
      throw new GatewayError("DEFAULT_5XX", "Internal server error", 502);
    }
    IntegrationResult r = ProxyResponse.parse(out.payload());
    if (r == null) {
      inv.log.append("Execution failed due to configuration error: Malformed Lambda proxy response\n");
      throw new GatewayError("DEFAULT_5XX", "Internal server error", 502);
    }
    byte[] body = r.body();
    if (r.base64() && !binaryResponse(inv, r)) {
      // Without a matching binary media type the client gets the base64 text, as API Gateway sends it.
      body = Base64.getEncoder().encode(body);
    }
    Map<String, List<String>> headers = r.headers();
    if (!hasContentType(headers)) {
      headers.put("Content-Type", new ArrayList<>(List.of("application/json")));
    }
    return new Mapping.MethodResult(r.status(), headers, body);
  }

  private static boolean hasContentType(Map<String, List<String>> headers) {
    for (String h : headers.keySet()) {
      if (h.equalsIgnoreCase("Content-Type")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A Lambda integration's payload must be JSON: API Gateway answers 400 "Could not parse request
   * body into json: …" before calling the function otherwise.
   */
  private static void checkJson(byte[] payload) {
    if (payload.length == 0) {
      return;
    }
    try (com.fasterxml.jackson.core.JsonParser p = Json.MAPPER.getFactory().createParser(payload)) {
      while (p.nextToken() != null) {
        // reading every token is the check
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new GatewayError("DEFAULT_4XX", "Could not parse request body into json: " + e.getOriginalMessage(), 400);
    } catch (java.io.IOException e) {
      throw new GatewayError("DEFAULT_4XX", "Could not parse request body into json", 400);
    }
  }

  /** A Lambda call under the integration timeout; on this thread when Lambda's own limits end it sooner. */
  private LambdaCalls.Outcome invoke(String fn, Invocation inv, byte[] payload, int timeout) {
    if (lambda.endsWithin(fn, inv.accountId, inv.region, timeout)) {
      return lambda.invoke(fn, inv.accountId, inv.region, payload);
    }
    return deadline.run(timeout, () -> lambda.invoke(fn, inv.accountId, inv.region, payload));
  }

  private static boolean binaryResponse(Invocation inv, IntegrationResult r) {
    JsonNode types = inv.deployed.info().get("binaryMediaTypes");
    String contentType = null;
    for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Type") && !h.getValue().isEmpty()) {
        contentType = h.getValue().get(0);
      }
    }
    return BinaryMedia.accepts(types, inv.header("Accept")) || BinaryMedia.matches(types, contentType);
  }

  private Mapping.MethodResult aws(Invocation inv, ObjectNode integration, String uri, int timeout) {
    Mapping.MappedRequest req = mapping.request(inv, integration);
    String fn = uri.contains(":lambda:path/") ? LambdaCalls.functionArn(uri) : null;
    IntegrationResult result;
    if (fn != null) {
      checkJson(req.body());
      LambdaCalls.Outcome out = invoke(fn, inv, req.body(), timeout);
      String error = null;
      if (out.functionError() != null) {
        // selectionPattern is matched against the error's errorMessage
        try {
          error = Json.parse(out.payload()).path("errorMessage").asText("");
        } catch (Exception e) {
          error = new String(out.payload(), StandardCharsets.UTF_8);
        }
      }
      result = new IntegrationResult(200, new LinkedHashMap<>(), out.payload(), error);
    } else {
      result = deadline.run(timeout, () -> services.call(inv, uri, integration, req));
    }
    return mapping.response(inv, integration, result);
  }

  // ---------------------------------------------------------------- HTTP

  private Mapping.MethodResult httpProxy(Invocation inv, ObjectNode integration, String uri, int timeout) {
    Mapping.MappedRequest req = mapping.request(inv, integration);
    Map<String, List<String>> headers = new LinkedHashMap<>(inv.headers);
    headers.putAll(req.headers());
    Map<String, List<String>> query = new LinkedHashMap<>(inv.query);
    query.putAll(req.query());
    String target = withQuery(pathParams(uri, req.path(), inv), query);
    String verb = integration.path("httpMethod").asText("ANY");
    String method = verb.equals("ANY") ? inv.httpMethod : verb;
    IntegrationResult r = deadline.run(timeout, () -> http.call(method, target, headers, inv.body), true);
    return new Mapping.MethodResult(r.status(), r.headers(), r.body());
  }

  private Mapping.MethodResult httpMapped(Invocation inv, ObjectNode integration, String uri, int timeout) {
    Mapping.MappedRequest req = mapping.request(inv, integration);
    String target = withQuery(pathParams(uri, req.path(), inv), req.query());
    String verb = integration.path("httpMethod").asText("GET");
    String method = verb.equals("ANY") ? inv.httpMethod : verb;
    Map<String, List<String>> headers = new LinkedHashMap<>(req.headers());
    if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      String ct = inv.header("Content-Type");
      headers.put("Content-Type", new ArrayList<>(List.of(ct != null ? ct : "application/json")));
    }
    IntegrationResult r = deadline.run(timeout, () -> http.call(method, target, headers, req.body()), true);
    return mapping.response(inv, integration, r);
  }

  private static String pathParams(String uri, Map<String, String> mapped, Invocation inv) {
    Matcher m = PATH_VARIABLE.matcher(uri);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = mapped.get(m.group(1));
      if (v == null) {
        v = inv.pathParameters.get(m.group(1));
      }
      String encoded = v == null ? "" : encodePath(v);
      m.appendReplacement(b, Matcher.quoteReplacement(encoded));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String encodePath(String v) {
    StringBuilder b = new StringBuilder();
    for (String part : v.split("/", -1)) {
      if (!b.isEmpty() || v.startsWith("/")) {
        b.append('/');
      }
      b.append(java.net.URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return v.startsWith("/") ? b.substring(1) : b.toString();
  }

  private static String withQuery(String uri, Map<String, List<String>> query) {
    if (query.isEmpty()) {
      return uri;
    }
    StringBuilder b = new StringBuilder(uri);
    char sep = uri.contains("?") ? '&' : '?';
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      for (String v : e.getValue()) {
        b.append(sep).append(java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        sep = '&';
      }
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- MOCK

  /** MOCK: the request template's {@code statusCode} picks the integration response. */
  private Mapping.MethodResult mock(Invocation inv, ObjectNode integration) {
    Mapping.MappedRequest req = mapping.request(inv, integration);
    int status = 200;
    if (req.body().length > 0) {
      try {
        JsonNode parsed = Json.parse(req.body());
        if (parsed != null && parsed.has("statusCode")) {
          status = parsed.path("statusCode").asInt(200);
        }
      } catch (Exception e) {
        inv.log.append("Execution failed due to configuration error: Invalid mock integration request\n");
        throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
      }
    }
    return mapping.response(inv, integration, IntegrationResult.of(status, new byte[0]));
  }
}
