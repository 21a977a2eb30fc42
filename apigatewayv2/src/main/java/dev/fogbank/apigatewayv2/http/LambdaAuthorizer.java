package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda (REQUEST) authorizers of HTTP APIs (AWS: "Working with AWS Lambda authorizers for HTTP
 * APIs"): a missing identity source is 401 without calling the function; the function answers a
 * simple response {@code {"isAuthorized": …, "context": …}} (payload 2.0 with simple responses) or
 * an IAM policy whose statements allow or deny {@code execute-api:Invoke} on the route's ARN;
 * refused is 403, a failing function 500. Results are cached per identity for the authorizer's TTL
 * on the emulator's clock.
 */
final class LambdaAuthorizer {

  record Result(int status, ObjectNode authorizer) {}

  private record Cached(long expiresMillis, Result result) {}

  private final Clock clock;
  private final Integrations integrations;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  LambdaAuthorizer(Clock clock, Integrations integrations) {
    this.clock = clock;
    this.integrations = integrations;
  }

  void reset(String prefix) {
    cache.keySet().removeIf(k -> k.startsWith(prefix));
  }

  Result authorize(ObjectNode authorizer, Invocation inv) {
    List<String> identity = new ArrayList<>();
    for (JsonNode source : authorizer.path("IdentitySource")) {
      String value = MappingValues.resolve(source.asText(), e -> MappingValues.request(inv, e));
      if (value == null || value.isEmpty()) {
        return new Result(401, null);
      }
      identity.add(value);
    }
    int ttl = authorizer.path("AuthorizerResultTtlInSeconds").asInt(0);
    String key = inv.api.id() + "/" + inv.stage + "/" + authorizer.path("AuthorizerId").asText() + "/" + String.join("\u0000", identity);
    long now = clock.now().toEpochMilli();
    if (ttl > 0 && !identity.isEmpty()) {
      Cached cached = cache.get(key);
      if (cached != null && cached.expiresMillis() > now) {
        return cached.result();
      }
    }
    boolean v2 = authorizer.path("AuthorizerPayloadFormatVersion").asText("1.0").equals("2.0");
    ObjectNode event = v2 ? ProxyEvents.v2(inv) : ProxyEvents.v1(inv);
    event.remove("body");
    event.remove("isBase64Encoded");
    event.put("type", "REQUEST");
    if (v2) {
      event.put("routeArn", inv.routeArn());
      ArrayNode sources = event.putArray("identitySource");
      identity.forEach(sources::add);
    } else {
      event.put("methodArn", inv.routeArn());
      event.put("identitySource", String.join(",", identity));
    }
    byte[] payload;
    try {
      payload = integrations.invokeLambda(authorizer.path("AuthorizerUri").asText(), inv.api.account(), inv.api.region(), event, 10_000);
    } catch (RuntimeException e) {
      return new Result(500, null);
    }
    Result result = decide(authorizer, payload, inv, v2);
    if (ttl > 0 && result.status() != 500) {
      cache.put(key, new Cached(now + ttl * 1000L, result));
    }
    return result;
  }

  private static Result decide(ObjectNode authorizer, byte[] payload, Invocation inv, boolean v2) {
    JsonNode response;
    try {
      response = Json.parse(payload);
    } catch (IOException e) {
      return new Result(500, null);
    }
    if (response == null || !response.isObject()) {
      return new Result(500, null);
    }
    boolean allowed;
    if (v2 && authorizer.path("EnableSimpleResponses").asBoolean(false)) {
      if (!response.has("isAuthorized")) {
        return new Result(500, null);
      }
      allowed = response.path("isAuthorized").asBoolean(false);
    } else {
      allowed = IamPolicies.allows(response.path("policyDocument"), inv.routeArn());
    }
    if (!allowed) {
      return new Result(403, null);
    }
    ObjectNode out = Json.object();
    JsonNode context = response.path("context");
    if (v2) {
      out.set("lambda", context.isObject() ? context.deepCopy() : Json.object());
    } else {
      if (context.isObject()) {
        out.setAll((ObjectNode) context.deepCopy());
      }
      if (response.has("principalId")) {
        out.put("principalId", response.path("principalId").asText());
      }
    }
    return new Result(200, out);
  }
}
