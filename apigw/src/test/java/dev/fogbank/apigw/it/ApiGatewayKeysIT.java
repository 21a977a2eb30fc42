package dev.fogbank.apigw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.GetUsageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;

/**
 * API keys and usage plans (throttle and quota per key on virtual time), stage method throttling,
 * and stage caching (TTL, cache keys, Cache-Control invalidation).
 */
class ApiGatewayKeysIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static ApiGatewayClient apigw;
  private static String apiId;

  @BeforeAll
  static void api() {
    apigw = fogbank.client(ApiGatewayClient.builder());
    apiId = apigw.createRestApi(r -> r.name("keys")).id();
    String root = apigw.getResources(r -> r.restApiId(apiId)).items().get(0).id();
    // Every method answers with its request id, so a cached answer shows as a repeated id.
    for (String part : List.of("keyed", "limited", "cached")) {
      String id = apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart(part)).id();
      apigw.putMethod(r -> r.restApiId(apiId).resourceId(id).httpMethod("GET").authorizationType("NONE")
          .apiKeyRequired(part.equals("keyed")).requestParameters(Map.of("method.request.querystring.q", false)));
      apigw.putIntegration(r -> r.restApiId(apiId).resourceId(id).httpMethod("GET").type(IntegrationType.MOCK)
          .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}"))
          .cacheKeyParameters("method.request.querystring.q"));
      apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(id).httpMethod("GET").statusCode("200")
          .responseTemplates(Map.of("application/json", "{\"id\": \"$context.requestId\", \"key\": \"$context.identity.apiKeyId\"}")));
    }
    apigw.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
    apigw.updateStage(r -> r.restApiId(apiId).stageName("prod").patchOperations(
        p -> p.op(Op.REPLACE).path("/~1limited/GET/throttling/rateLimit").value("1"),
        p -> p.op(Op.REPLACE).path("/~1limited/GET/throttling/burstLimit").value("1"),
        p -> p.op(Op.REPLACE).path("/cacheClusterEnabled").value("true"),
        p -> p.op(Op.REPLACE).path("/~1cached/GET/caching/enabled").value("true"),
        p -> p.op(Op.REPLACE).path("/~1cached/GET/caching/ttlInSeconds").value("60"),
        p -> p.op(Op.REPLACE).path("/~1cached/GET/caching/requireAuthorizationForCacheControl").value("false")));
  }

  private static URI url(String path) {
    return Http.invokeUrl(fogbank.endpoint(), apiId, "prod", path);
  }

  private static HttpResponse<String> get(String path, Map<String, String> headers) {
    return Http.send("GET", url(path), headers, null);
  }

  @Test
  void apiKeyInUsagePlanIsThrottledAndLimitedByQuota() {
    String plan = apigw.createUsagePlan(r -> r.name("basic").apiStages(s -> s.apiId(apiId).stage("prod"))
        .throttle(t -> t.rateLimit(1.0).burstLimit(2)).quota(q -> q.limit(4).period(QuotaPeriodType.DAY))).id();
    CreateApiKeyResponse key = apigw.createApiKey(r -> r.name("client").enabled(true));
    apigw.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
    Map<String, String> withKey = Map.of("x-api-key", key.value());

    HttpResponse<String> none = get("/keyed", Map.of());
    // API Gateway's answer for a missing or unknown key
    assertEquals(403, none.statusCode());
    assertEquals("{\"message\":\"Forbidden\"}", none.body());
    assertEquals(403, get("/keyed", Map.of("x-api-key", "not-a-key-value-at-all")).statusCode());

    HttpResponse<String> first = get("/keyed", withKey);
    assertEquals(200, first.statusCode(), first.body());
    assertEquals(200, get("/keyed", withKey).statusCode());
    HttpResponse<String> throttled = get("/keyed", withKey);
    assertEquals(429, throttled.statusCode());
    assertEquals("{\"message\":\"Too Many Requests\"}", throttled.body());

    fogbank.advance(Duration.ofSeconds(2));
    assertEquals(200, get("/keyed", withKey).statusCode());
    assertEquals(200, get("/keyed", withKey).statusCode());
    fogbank.advance(Duration.ofSeconds(2));
    HttpResponse<String> quota = get("/keyed", withKey);
    assertEquals(429, quota.statusCode());
    assertEquals("{\"message\":\"Limit Exceeded\"}", quota.body());

    LocalDate today = LocalDate.ofInstant(fogbank.fogbank().now(), ZoneOffset.UTC);
    GetUsageResponse usage = apigw.getUsage(r -> r.usagePlanId(plan).startDate(today.toString()).endDate(today.toString()));
    assertEquals(4L, usage.items().get(key.id()).get(0).get(0));

    fogbank.advance(Duration.ofDays(1));
    assertEquals(200, get("/keyed", withKey).statusCode());

    apigw.updateApiKey(r -> r.apiKey(key.id()).patchOperations(p -> p.op(Op.REPLACE).path("/enabled").value("false")));
    assertEquals(403, get("/keyed", withKey).statusCode());
  }

  @Test
  void usagePlanStageThrottlesPerMethod() {
    String plan = apigw.createUsagePlan(r -> r.name("per-method").apiStages(s -> s.apiId(apiId).stage("prod")
        .throttle(Map.of("/keyed/GET", software.amazon.awssdk.services.apigateway.model.ThrottleSettings.builder()
            .rateLimit(1.0).burstLimit(1).build())))).id();
    CreateApiKeyResponse key = apigw.createApiKey(r -> r.name("method-client").enabled(true));
    apigw.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
    Map<String, String> withKey = Map.of("x-api-key", key.value());
    fogbank.advance(Duration.ofSeconds(5));
    HttpResponse<String> first = get("/keyed", withKey);
    assertEquals(200, first.statusCode(), first.body());
    assertEquals(429, get("/keyed", withKey).statusCode());
    fogbank.advance(Duration.ofSeconds(1));
    assertEquals(200, get("/keyed", withKey).statusCode());
  }

  @Test
  void apiKeysHideTheirValueUnlessAsked() {
    CreateApiKeyResponse key = apigw.createApiKey(r -> r.name("hidden").value("abcdefghijklmnopqrstuvwxyz"));
    assertNull(apigw.getApiKey(r -> r.apiKey(key.id())).value());
    assertEquals("abcdefghijklmnopqrstuvwxyz", apigw.getApiKey(r -> r.apiKey(key.id()).includeValue(true)).value());
    apigw.deleteApiKey(r -> r.apiKey(key.id()));
    NotFoundException e = org.junit.jupiter.api.Assertions.assertThrows(NotFoundException.class, () -> apigw.getApiKey(r -> r.apiKey(key.id())));
    assertEquals("Invalid API Key identifier specified", e.awsErrorDetails().errorMessage());
  }

  @Test
  void stageMethodThrottlingAnswers429() {
    fogbank.advance(Duration.ofSeconds(5));
    assertEquals(200, get("/limited", Map.of()).statusCode());
    assertEquals(429, get("/limited", Map.of()).statusCode());
    fogbank.advance(Duration.ofSeconds(1));
    assertEquals(200, get("/limited", Map.of()).statusCode());
  }

  @Test
  void stageCacheServesWithinTtlByKeyAndHonoursMaxAgeZero() {
    String first = get("/cached?q=a", Map.of()).body();
    assertEquals(first, get("/cached?q=a", Map.of()).body());
    String other = get("/cached?q=b", Map.of()).body();
    assertNotEquals(first, other);
    String refreshed = get("/cached?q=a", Map.of("Cache-Control", "max-age=0")).body();
    assertNotEquals(first, refreshed);
    assertEquals(refreshed, get("/cached?q=a", Map.of()).body());
    fogbank.advance(Duration.ofSeconds(61));
    String expired = get("/cached?q=a", Map.of()).body();
    assertNotEquals(refreshed, expired);
    assertEquals(expired, get("/cached?q=a", Map.of()).body());
    apigw.flushStageCache(r -> r.restApiId(apiId).stageName("prod"));
    assertNotEquals(expired, get("/cached?q=a", Map.of()).body());
  }
}
