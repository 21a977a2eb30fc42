package dev.fogbank.apigw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Authorizers over plain HTTP: Lambda TOKEN and REQUEST authorizers (policy, context, result
 * caching for the TTL on virtual time), COGNITO_USER_POOLS tokens, AWS_IAM, with API Gateway's
 * 401/403 answers.
 */
class ApiGatewayAuthIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Allows "allow-*" tokens, denies "deny", fails "Unauthorized" otherwise; counts its calls. */
  static final String TOKEN_AUTHORIZER =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.*;

      public class TokenAuth implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        static int calls;

        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
          calls++;
          String token = String.valueOf(event.get("authorizationToken"));
          if (event.get("type").equals("REQUEST")) {
            Map<?, ?> headers = (Map<?, ?>) event.get("headers");
            token = "allow-" + headers.get("X-User");
          }
          if (!token.startsWith("allow") && !token.equals("deny")) {
            throw new RuntimeException("Unauthorized");
          }
          String arn = String.valueOf(event.get("methodArn"));
          String base = arn.substring(0, arn.indexOf('/'));
          Map<String, Object> statement = new LinkedHashMap<>();
          statement.put("Action", "execute-api:Invoke");
          statement.put("Effect", token.equals("deny") ? "Deny" : "Allow");
          statement.put("Resource", base + "/*/GET/*");
          Map<String, Object> policy = new LinkedHashMap<>();
          policy.put("Version", "2012-10-17");
          policy.put("Statement", List.of(statement));
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("principalId", token.substring(token.indexOf('-') + 1));
          out.put("policyDocument", policy);
          out.put("context", Map.of("calls", calls, "tier", "gold"));
          if (token.startsWith("allow-key:")) {
            out.put("usageIdentifierKey", token.substring("allow-key:".length()));
          }
          return out;
        }
      }
      """;

  private static String apiId;
  private static String tokenAuthorizer;
  private static String tokenFunction;

  @BeforeAll
  static void api() {
    ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());
    LambdaClient lambda = fogbank.client(LambdaClient.builder());
    String tokenFn = Lambdas.create(lambda, Lambdas.uniqueName("token"), "example.TokenAuth", TOKEN_AUTHORIZER, Map.of());
    String requestFn = Lambdas.create(lambda, Lambdas.uniqueName("request"), "example.TokenAuth", TOKEN_AUTHORIZER, Map.of());
    apiId = apigw.createRestApi(r -> r.name("auth")).id();
    String root = apigw.getResources(r -> r.restApiId(apiId)).items().get(0).id();
    String token = apigw.createAuthorizer(r -> r.restApiId(apiId).name("token").type(AuthorizerType.TOKEN)
        .authorizerUri(Lambdas.integrationUri(tokenFn)).identitySource("method.request.header.Authorization")
        .identityValidationExpression("allow.*|deny|nope").authorizerResultTtlInSeconds(300)).id();
    tokenAuthorizer = token;
    tokenFunction = tokenFn;
    String request = apigw.createAuthorizer(r -> r.restApiId(apiId).name("request").type(AuthorizerType.REQUEST)
        .authorizerUri(Lambdas.integrationUri(requestFn)).identitySource("method.request.header.X-User")
        .authorizerResultTtlInSeconds(0)).id();
    String cognito = apigw.createAuthorizer(r -> r.restApiId(apiId).name("pool").type(AuthorizerType.COGNITO_USER_POOLS)
        .providerARNs("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_pool1")
        .identitySource("method.request.header.Authorization")).id();
    // Each method answers with what the authorizer passed on
    String template = "{\"principal\": \"$context.authorizer.principalId\", \"calls\": \"$context.authorizer.calls\","
        + " \"tier\": \"$context.authorizer.tier\", \"email\": \"$context.authorizer.claims.email\","
        + " \"caller\": \"$!context.identity.caller\", \"account\": \"$!context.identity.accountId\"}";
    Map<String, String[]> methods = Map.of(
        "token", new String[] {"CUSTOM", token},
        "request", new String[] {"CUSTOM", request},
        "cognito", new String[] {"COGNITO_USER_POOLS", cognito},
        "iam", new String[] {"AWS_IAM", null});
    methods.forEach((part, auth) -> {
      String id = apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart(part)).id();
      for (String verb : new String[] {"GET", "POST"}) {
        apigw.putMethod(r -> r.restApiId(apiId).resourceId(id).httpMethod(verb).authorizationType(auth[0]).authorizerId(auth[1]));
        apigw.putIntegration(r -> r.restApiId(apiId).resourceId(id).httpMethod(verb).type(IntegrationType.MOCK)
            .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(id).httpMethod(verb).statusCode("200")
            .responseTemplates(Map.of("application/json", template)));
      }
    });
    apigw.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
  }

  private static URI url(String path) {
    return Http.invokeUrl(fogbank.endpoint(), apiId, "prod", path);
  }

  private static HttpResponse<String> call(String method, String path, Map<String, String> headers) {
    return Http.send(method, url(path), headers, null);
  }

  @Test
  void tokenAuthorizerAllowsPassesContextAndCachesByToken() throws Exception {
    HttpResponse<String> first = call("GET", "/token", Map.of("Authorization", "allow-ada"));
    assertEquals(200, first.statusCode(), first.body());
    JsonNode body = JSON.readTree(first.body());
    assertEquals("ada", body.path("principal").asText());
    assertEquals("gold", body.path("tier").asText());
    String calls = body.path("calls").asText();
    // the same token within the TTL: the cached policy, the function not called again
    assertEquals(calls, JSON.readTree(call("GET", "/token", Map.of("Authorization", "allow-ada")).body()).path("calls").asText());
    fogbank.advance(Duration.ofSeconds(301));
    String after = JSON.readTree(call("GET", "/token", Map.of("Authorization", "allow-ada")).body()).path("calls").asText();
    assertEquals(Integer.parseInt(calls) + 1, Integer.parseInt(after));
  }

  @Test
  void tokenAuthorizerAnswers401And403AsApiGatewayDoes() {
    HttpResponse<String> none = call("GET", "/token", Map.of());
    assertEquals(401, none.statusCode());
    assertEquals("{\"message\":\"Unauthorized\"}", none.body());
    // fails the identityValidationExpression: 401 without calling the function
    assertEquals(401, call("GET", "/token", Map.of("Authorization", "bogus")).statusCode());
    // the function throws "Unauthorized"
    assertEquals(401, call("GET", "/token", Map.of("Authorization", "nope")).statusCode());
    HttpResponse<String> deny = call("GET", "/token", Map.of("Authorization", "deny"));
    assertEquals(403, deny.statusCode());
    assertEquals("{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}", deny.body());
    // the policy allows GET only: the cached Allow does not cover POST
    HttpResponse<String> post = call("POST", "/token", Map.of("Authorization", "allow-ada"));
    assertEquals(403, post.statusCode());
    assertEquals("{\"Message\":\"User is not authorized to access this resource\"}", post.body());
  }

  @Test
  void requestAuthorizerReadsIdentitySources() throws Exception {
    assertEquals(401, call("GET", "/request", Map.of()).statusCode());
    HttpResponse<String> ok = call("GET", "/request", Map.of("X-User", "bob"));
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("bob", JSON.readTree(ok.body()).path("principal").asText());
  }

  @Test
  void cognitoAuthorizerChecksIssuerAndExpiry() throws Exception {
    long exp = fogbank.fogbank().now().getEpochSecond() + 3600;
    String iss = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool1";
    String good = jwt("{\"sub\":\"u1\",\"email\":\"ada@example.com\",\"iss\":\"" + iss + "\",\"aud\":\"client\",\"token_use\":\"id\",\"exp\":" + exp + "}");
    HttpResponse<String> ok = call("GET", "/cognito", Map.of("Authorization", good));
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("ada@example.com", JSON.readTree(ok.body()).path("email").asText());
    String otherPool = jwt("{\"sub\":\"u1\",\"iss\":\"https://cognito-idp.us-east-1.amazonaws.com/other\",\"aud\":\"c\",\"exp\":" + exp + "}");
    assertEquals(401, call("GET", "/cognito", Map.of("Authorization", otherPool)).statusCode());
    fogbank.advance(Duration.ofHours(2));
    assertEquals(401, call("GET", "/cognito", Map.of("Authorization", good)).statusCode());
  }

  @Test
  void iamMethodsNeedASignature() throws Exception {
    HttpResponse<String> unsigned = call("GET", "/iam", Map.of());
    assertEquals(403, unsigned.statusCode());
    assertEquals("{\"message\":\"Missing Authentication Token\"}", unsigned.body());
    String sig = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc";
    HttpResponse<String> signed = call("GET", "/iam", Map.of("Authorization", sig));
    assertEquals(200, signed.statusCode());
    // the caller's access key and account reach $context.identity
    JsonNode identity = JSON.readTree(signed.body());
    assertEquals("AKID", identity.path("caller").asText());
    assertEquals("000000000000", identity.path("account").asText());
  }

  private static String jwt(String payload) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString("sig".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void testInvokeAuthorizerReportsPrincipalPolicyAndStatus() {
    ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());
    var ok = apigw.testInvokeAuthorizer(r -> r.restApiId(apiId).authorizerId(tokenAuthorizer).headers(Map.of("Authorization", "allow-eve")));
    assertEquals(200, ok.clientStatus());
    assertEquals("eve", ok.principalId());
    assertEquals(true, ok.policy().contains("execute-api:Invoke"));
    assertEquals(java.util.List.of("gold"), ok.authorization().get("tier"));
    assertEquals(401, apigw.testInvokeAuthorizer(r -> r.restApiId(apiId).authorizerId(tokenAuthorizer)).clientStatus());
  }

  @Test
  void apiKeyCanComeFromTheAuthorizer() {
    ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());
    String api = apigw.createRestApi(r -> r.name("key-from-authorizer").apiKeySource("AUTHORIZER")).id();
    String root = apigw.getResources(r -> r.restApiId(api)).items().get(0).id();
    String auth = apigw.createAuthorizer(r -> r.restApiId(api).name("t").type(AuthorizerType.TOKEN)
        .authorizerUri(Lambdas.integrationUri(tokenFunction)).identitySource("method.request.header.Authorization")
        .authorizerResultTtlInSeconds(0)).id();
    apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("CUSTOM").authorizerId(auth).apiKeyRequired(true));
    apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
    apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
    String plan = apigw.createUsagePlan(r -> r.name("p").apiStages(s -> s.apiId(api).stage("prod"))).id();
    var key = apigw.createApiKey(r -> r.name("k").enabled(true).value("authorizer-supplied-key-0001"));
    apigw.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
    URI invoke = Http.invokeUrl(fogbank.endpoint(), api, "prod", "/");
    // the authorizer names the key (usageIdentifierKey); an x-api-key header is not what counts
    assertEquals(200, Http.send("GET", invoke, Map.of("Authorization", "allow-key:authorizer-supplied-key-0001"), null).statusCode());
    assertEquals(403, Http.send("GET", invoke, Map.of("Authorization", "allow-nokey", "x-api-key", "authorizer-supplied-key-0001"), null).statusCode());
  }
}
