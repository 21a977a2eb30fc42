package dev.fogbank.apigatewayv2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.http.IamPolicies;
import dev.fogbank.apigatewayv2.http.Integrations;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;

/**
 * A Lambda REQUEST authorizer on a WebSocket API's {@code $connect} route (AWS: "Controlling
 * access to WebSocket APIs with AWS Lambda REQUEST authorizers"): identity sources {@code
 * route.request.header.<name>} and {@code route.request.querystring.<name>} must be present (else
 * 401); the function gets the handshake's headers, query string and request context with the
 * route's {@code methodArn} and answers an IAM policy (Deny: 403) whose {@code context} and {@code
 * principalId} every later event of the connection carries in {@code requestContext.authorizer}.
 * Results are cached per identity for the authorizer's TTL on the emulator's clock.
 */
final class ConnectAuthorizer {

  /** The status to refuse with (401, 403, 500), or 200 and the authorizer context. */
  record Result(int status, ObjectNode authorizer) {}

  private record Cached(long expiresMillis, Result result) {}

  private final Integrations integrations;
  private final dev.fogbank.core.time.Clock clock;
  /** Results by API, stage, authorizer and identity, for AuthorizerResultTtlInSeconds. */
  private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

  ConnectAuthorizer(Integrations integrations, dev.fogbank.core.time.Clock clock) {
    this.integrations = integrations;
    this.clock = clock;
  }

  void reset(String prefix) {
    cache.keySet().removeIf(k -> k.startsWith(prefix));
  }

  Result authorize(ObjectNode authorizer, Connection c, AwsRequest head, ObjectNode connectEvent) {
    java.util.List<String> identity = new java.util.ArrayList<>();
    for (JsonNode source : authorizer.path("IdentitySource")) {
      String s = source.asText();
      String value = null;
      if (s.startsWith("route.request.header.")) {
        value = head.header(s.substring("route.request.header.".length()));
      } else if (s.startsWith("route.request.querystring.")) {
        value = head.queryParam(s.substring("route.request.querystring.".length()));
      }
      if (value == null || value.isEmpty()) {
        return new Result(401, null);
      }
      identity.add(value);
    }
    int ttl = authorizer.path("AuthorizerResultTtlInSeconds").asInt(0);
    String key = c.api.id() + "/" + c.stage + "/" + authorizer.path("AuthorizerId").asText() + "/" + String.join("\u0000", identity);
    long now = clock.now().toEpochMilli();
    Cached cached = ttl > 0 && !identity.isEmpty() ? cache.get(key) : null;
    if (cached != null && cached.expiresMillis() > now) {
      return cached.result();
    }
    Result result = decide(authorizer, c, connectEvent);
    if (ttl > 0 && !identity.isEmpty() && result.status() != 500) {
      cache.put(key, new Cached(now + ttl * 1000L, result));
    }
    return result;
  }

  private Result decide(ObjectNode authorizer, Connection c, ObjectNode connectEvent) {
    String methodArn = "arn:aws:execute-api:" + c.api.region() + ":" + c.api.account() + ":" + c.api.id() + "/" + c.stage + "/$connect";
    ObjectNode event = connectEvent.deepCopy();
    event.put("type", "REQUEST");
    event.put("methodArn", methodArn);
    event.remove("isBase64Encoded");
    byte[] payload;
    try {
      payload = integrations.invokeLambda(authorizer.path("AuthorizerUri").asText(), c.api.account(), c.api.region(), event, 10_000);
    } catch (RuntimeException e) {
      return new Result(500, null);
    }
    JsonNode response;
    try {
      response = Json.parse(payload);
    } catch (IOException e) {
      return new Result(500, null);
    }
    if (response == null || !response.isObject()) {
      return new Result(500, null);
    }
    if (!IamPolicies.allows(response.path("policyDocument"), methodArn)) {
      return new Result(403, null);
    }
    ObjectNode context = Json.object();
    if (response.path("context").isObject()) {
      context.setAll((ObjectNode) response.get("context").deepCopy());
    }
    if (response.has("principalId")) {
      context.put("principalId", response.path("principalId").asText());
    }
    return new Result(200, context);
  }
}
