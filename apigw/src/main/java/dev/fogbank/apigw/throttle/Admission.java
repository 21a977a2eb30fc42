package dev.fogbank.apigw.throttle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.invoke.GatewayError;
import dev.fogbank.apigw.invoke.Invocation;
import dev.fogbank.apigw.invoke.MethodSettings;
import dev.fogbank.apigw.state.ApiGatewayState;
import dev.fogbank.core.governor.Governor;
import java.util.Map;

/**
 * Who gets in, in API Gateway's order: the account's limit (10 000 requests per second, burst 5 000
 * by default), the stage's method throttling, then — for a method with {@code apiKeyRequired} — a
 * valid, enabled API key in a usage plan of this stage (else 403 Forbidden), the plan's throttle
 * (per method where the plan's stage says so) and its quota. Throttled requests answer 429 "Too
 * Many Requests", an exhausted quota 429 "Limit Exceeded".
 */
public final class Admission {

  private final ApiGatewayEngine engine;
  private final Governor governor;
  private final Quotas quotas;
  private final double accountRate;
  private final double accountBurst;

  public Admission(ApiGatewayEngine engine, Quotas quotas) {
    this.engine = engine;
    this.governor = engine.context().governor();
    this.quotas = quotas;
    this.accountRate = Double.parseDouble(engine.context().config().setting("apigateway.account-rate", "10000"));
    this.accountBurst = Double.parseDouble(engine.context().config().setting("apigateway.account-burst", "5000"));
  }

  public void throttle(Invocation inv, MethodSettings.Effective method) {
    if (!governor.admit(method.accountKey(), accountRate, accountBurst)) {
      throw throttled();
    }
    if (!governor.admit(method.methodKey(), method.rate(), method.burst())) {
      throw throttled();
    }
  }

  private static GatewayError throttled() {
    return new GatewayError("THROTTLED", "Too Many Requests");
  }

  public void apiKey(Invocation inv) {
    if (!inv.method.path("apiKeyRequired").asBoolean(false)) {
      return;
    }
    String source = inv.deployed.info().path("apiKeySource").asText("HEADER");
    String value = source.equals("AUTHORIZER")
        ? (inv.authorizer == null ? null : inv.authorizer.path("usageIdentifierKey").asText(null))
        : inv.header("x-api-key");
    ApiGatewayState state = engine.state(inv.accountId, inv.region);
    ObjectNode key = value == null ? null : byValue(state, value);
    if (key == null || !key.path("enabled").asBoolean(false)) {
      throw forbidden();
    }
    String keyId = key.path("id").asText();
    for (Map.Entry<String, Map<String, ObjectNode>> planKeys : state.usagePlanKeys.entrySet()) {
      if (!planKeys.getValue().containsKey(keyId)) {
        continue;
      }
      ObjectNode plan = state.usagePlans.get(planKeys.getKey());
      JsonNode apiStage = plan == null ? null : apiStage(plan, inv);
      if (apiStage == null) {
        continue;
      }
      inv.apiKey = value;
      inv.apiKeyId = keyId;
      planThrottle(inv, plan, apiStage, keyId);
      quotas.consume(plan, keyId);
      return;
    }
    throw forbidden();
  }

  private static JsonNode apiStage(ObjectNode plan, Invocation inv) {
    for (JsonNode s : plan.path("apiStages")) {
      if (s.path("apiId").asText().equals(inv.apiId()) && s.path("stage").asText().equals(inv.stageName)) {
        return s;
      }
    }
    return null;
  }

  private void planThrottle(Invocation inv, ObjectNode plan, JsonNode apiStage, String keyId) {
    String planId = plan.path("id").asText();
    JsonNode t = plan.get("throttle");
    if (t != null && (t.has("rateLimit") || t.has("burstLimit"))) {
      double rate = t.path("rateLimit").asDouble(10000);
      double burst = t.path("burstLimit").asDouble(5000);
      if (!governor.admit("apigw-plan:" + planId + ":" + keyId, rate, burst)) {
        throw throttled();
      }
    }
    JsonNode perMethod = apiStage.path("throttle").get(inv.resourcePath() + "/" + inv.method.path("httpMethod").asText());
    if (perMethod != null) {
      double rate = perMethod.path("rateLimit").asDouble(10000);
      double burst = perMethod.path("burstLimit").asDouble(5000);
      if (!governor.admit("apigw-plan:" + planId + ":" + keyId + ":" + inv.resourcePath() + " " + inv.httpMethod, rate, burst)) {
        throw throttled();
      }
    }
  }

  private static ObjectNode byValue(ApiGatewayState state, String value) {
    for (ObjectNode k : state.apiKeys.values()) {
      if (value.equals(k.path("value").asText())) {
        return k;
      }
    }
    return null;
  }

  private static GatewayError forbidden() {
    return new GatewayError("INVALID_API_KEY", "Forbidden");
  }
}
