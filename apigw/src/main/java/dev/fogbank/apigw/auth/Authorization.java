package dev.fogbank.apigw.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.invoke.ContextVariables;
import dev.fogbank.apigw.invoke.GatewayError;
import dev.fogbank.apigw.invoke.Invocation;
import dev.fogbank.apigw.invoke.LambdaCalls;
import dev.fogbank.apigw.invoke.ProxyEvent;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The method's authorization: AWS_IAM (a SigV4 {@code Authorization} header is required and
 * accepted, else 403 Missing Authentication Token), COGNITO_USER_POOLS ({@link CognitoTokens}, 401
 * Unauthorized when invalid) and CUSTOM Lambda authorizers of type TOKEN and REQUEST: identity
 * sources present (else 401 without calling the function), the TOKEN validation expression, the
 * returned policy evaluated against the method ARN (403 on Deny or no Allow), its {@code context}
 * passed on to the integration, and the result cached by identity for {@code
 * authorizerResultTtlInSeconds} (300 by default) on the emulator's clock.
 */
public final class Authorization {

  private record Cached(long expiresMillis, JsonNode result) {}

  private final LambdaCalls lambda;
  private final Clock clock;
  private final Jwks jwks;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /** @param jwks the user pools' signing keys, or null to leave signatures unchecked */
  public Authorization(LambdaCalls lambda, Clock clock, Jwks jwks) {
    this.lambda = lambda;
    this.clock = clock;
    this.jwks = jwks;
  }

  public void authorize(Invocation inv) {
    String type = inv.method.path("authorizationType").asText("NONE");
    switch (type) {
      case "AWS_IAM" -> {
        String auth = inv.header("Authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256")) {
          throw new GatewayError("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");
        }
        int credential = auth.indexOf("Credential=");
        if (credential >= 0) {
          int slash = auth.indexOf('/', credential);
          inv.accessKey = auth.substring(credential + "Credential=".length(), slash < 0 ? auth.length() : slash);
          // A 12-digit access key names its account, as the emulator reads keys everywhere.
          inv.callerAccount = inv.accessKey.matches("\\d{12}") ? inv.accessKey : inv.accountId;
        }
      }
      case "COGNITO_USER_POOLS" -> cognito(inv, authorizer(inv));
      case "CUSTOM" -> custom(inv, authorizer(inv));
      default -> {}
    }
  }

  private static ObjectNode authorizer(Invocation inv) {
    ObjectNode a = inv.deployed.authorizers().get(inv.method.path("authorizerId").asText());
    if (a == null) {
      throw new GatewayError("AUTHORIZER_CONFIGURATION_ERROR", null);
    }
    return a;
  }

  private void cognito(Invocation inv, ObjectNode authorizer) {
    String source = authorizer.path("identitySource").asText("method.request.header.Authorization");
    ObjectNode claims = CognitoTokens.verify(ContextVariables.requestSource(inv, source), authorizer.path("providerARNs"), clock.now(), jwks);
    if (claims == null) {
      throw new GatewayError("UNAUTHORIZED", "Unauthorized");
    }
    ObjectNode a = Json.object();
    ObjectNode c = a.putObject("claims");
    claims.fields().forEachRemaining(f -> c.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
    inv.authorizer = a;
  }

  /** The identity source values of a Lambda authorizer, checked (401 when one is missing or invalid). */
  private static List<String> identity(Invocation inv, ObjectNode authorizer, String type) {
    List<String> identity = new ArrayList<>();
    String sources = authorizer.path("identitySource").asText(type.equals("TOKEN") ? "method.request.header.Authorization" : "");
    for (String s : sources.split(",")) {
      if (s.isBlank()) {
        continue;
      }
      String v = ContextVariables.requestSource(inv, s.trim());
      if (v == null || v.isEmpty()) {
        // A missing identity source: 401 before the authorizer function is called.
        throw new GatewayError("UNAUTHORIZED", "Unauthorized");
      }
      identity.add(v);
    }
    if (type.equals("TOKEN") && authorizer.hasNonNull("identityValidationExpression")) {
      try {
        if (!Pattern.compile(authorizer.path("identityValidationExpression").asText()).matcher(identity.get(0)).matches()) {
          throw new GatewayError("UNAUTHORIZED", "Unauthorized");
        }
      } catch (PatternSyntaxException e) {
        throw new GatewayError("AUTHORIZER_CONFIGURATION_ERROR", null);
      }
    }
    return identity;
  }

  private void custom(Invocation inv, ObjectNode authorizer) {
    String type = authorizer.path("type").asText("TOKEN");
    List<String> identity = identity(inv, authorizer, type);
    String methodArn = "arn:aws:execute-api:" + inv.region + ":" + inv.accountId + ":" + inv.apiId() + "/" + inv.stageName + "/"
        + inv.method.path("httpMethod").asText() + inv.path;
    int ttl = authorizer.path("authorizerResultTtlInSeconds").asInt(300);
    boolean cacheable = ttl > 0 && !identity.isEmpty();
    String key = inv.apiId() + "/" + authorizer.path("id").asText() + "/" + String.join("\u0000", identity);
    JsonNode result = null;
    if (cacheable) {
      Cached c = cache.get(key);
      if (c != null && c.expiresMillis() > clock.millis()) {
        result = c.result();
      }
    }
    if (result == null) {
      result = call(inv, authorizer, type, identity, methodArn);
      if (cacheable) {
        long now = clock.millis();
        if (cache.size() >= 10_000) {
          cache.values().removeIf(c -> c.expiresMillis() <= now);
        }
        cache.put(key, new Cached(now + ttl * 1000L, result));
      }
    }
    JsonNode policy = result.get("policyDocument");
    if (policy == null || !policy.isObject() || !result.hasNonNull("principalId")) {
      throw new GatewayError("AUTHORIZER_CONFIGURATION_ERROR", null);
    }
    // A cached policy is evaluated against this request's ARN, as API Gateway does.
    switch (Policies.evaluate(policy, methodArn)) {
      case DENY -> throw new GatewayError("ACCESS_DENIED", "User is not authorized to access this resource with an explicit deny");
      case NONE -> throw new GatewayError("ACCESS_DENIED", "User is not authorized to access this resource");
      default -> {}
    }
    ObjectNode a = Json.object();
    a.put("principalId", result.path("principalId").asText());
    a.put("integrationLatency", 0);
    JsonNode context = result.get("context");
    if (context != null && context.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getValue().isContainerNode()) {
          a.set(f.getKey(), f.getValue());
        }
      }
    }
    if (result.hasNonNull("usageIdentifierKey")) {
      a.put("usageIdentifierKey", result.path("usageIdentifierKey").asText());
    }
    inv.authorizer = a;
  }

  private JsonNode call(Invocation inv, ObjectNode authorizer, String type, List<String> identity, String methodArn) {
    String fn = LambdaCalls.functionArn(authorizer.path("authorizerUri").asText(""));
    if (fn == null) {
      throw new GatewayError("AUTHORIZER_CONFIGURATION_ERROR", null);
    }
    ObjectNode event;
    if (type.equals("TOKEN")) {
      event = Json.object();
      event.put("type", "TOKEN");
      event.put("methodArn", methodArn);
      event.put("authorizationToken", identity.get(0));
    } else {
      ObjectNode proxy = ProxyEvent.of(inv);
      event = Json.object();
      event.put("type", "REQUEST");
      event.put("methodArn", methodArn);
      for (String k : List.of("resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
          "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext")) {
        event.set(k, proxy.get(k));
      }
    }
    LambdaCalls.Outcome out = lambda.invoke(fn, inv.accountId, inv.region, Json.bytes(event));
    JsonNode result;
    try {
      result = Json.parse(out.payload());
    } catch (Exception e) {
      throw new GatewayError("AUTHORIZER_CONFIGURATION_ERROR", null);
    }
    if (out.functionError() != null) {
      // An authorizer that fails with "Unauthorized" is API Gateway's signal for a 401.
      if (result != null && "Unauthorized".equals(result.path("errorMessage").asText())) {
        throw new GatewayError("UNAUTHORIZED", "Unauthorized");
      }
      throw new GatewayError("AUTHORIZER_CONFIGURATION_ERROR", null);
    }
    if (result == null || !result.isObject()) {
      throw new GatewayError("AUTHORIZER_CONFIGURATION_ERROR", null);
    }
    return result;
  }

  /**
   * TestInvokeAuthorizer: the authorizer run for a prepared request, uncached; the Lambda
   * authorizer's result document, or a Cognito authorizer's {@code {"claims": …}}. Gateway errors
   * (401, 500) propagate.
   */
  public JsonNode test(Invocation inv, ObjectNode authorizer) {
    String type = authorizer.path("type").asText("TOKEN");
    if (type.equals("COGNITO_USER_POOLS")) {
      String source = authorizer.path("identitySource").asText("method.request.header.Authorization");
      ObjectNode claims = CognitoTokens.verify(ContextVariables.requestSource(inv, source), authorizer.path("providerARNs"), clock.now(), jwks);
      if (claims == null) {
        throw new GatewayError("UNAUTHORIZED", "Unauthorized");
      }
      ObjectNode out = Json.object();
      out.set("claims", claims);
      return out;
    }
    String methodArn = "arn:aws:execute-api:" + inv.region + ":" + inv.accountId + ":" + inv.apiId() + "/" + inv.stageName + "/"
        + inv.httpMethod + inv.path;
    JsonNode result = call(inv, authorizer, type, identity(inv, authorizer, type), methodArn);
    if (!result.has("policyDocument") || !result.hasNonNull("principalId")) {
      throw new GatewayError("AUTHORIZER_CONFIGURATION_ERROR", null);
    }
    return result;
  }

  /** Drops cached results of an API's authorizer (FlushStageAuthorizersCache, an authorizer update). */
  public void flush(String apiId) {
    cache.keySet().removeIf(k -> k.startsWith(apiId + "/"));
  }

  public void reset() {
    cache.clear();
  }
}
