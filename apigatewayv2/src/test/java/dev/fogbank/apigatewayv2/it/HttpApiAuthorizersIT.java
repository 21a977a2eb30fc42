package dev.fogbank.apigatewayv2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fogbank.testkit.FogbankExtension;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * JWT authorizers against a JWKS served here (RS256 tokens signed by the test) and Lambda
 * authorizers with simple responses.
 */
class HttpApiAuthorizersIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String ECHO =
      """
      import json

      def handler(event, context):
          return {"statusCode": 200, "body": json.dumps(event)}
      """;

  /** Allows the token "let-me-in" and passes a context; payload 2.0 simple response. */
  private static final String AUTHORIZER =
      """
      def handler(event, context):
          allowed = event["identitySource"][0] == "let-me-in"
          return {"isAuthorized": allowed, "context": {"user": "ada"}}
      """;

  /** Payload 1.0 with an IAM policy: "allow" may invoke the route, anything else is denied. */
  private static final String POLICY_AUTHORIZER =
      """
      calls = 0

      def handler(event, context):
          global calls
          calls += 1
          effect = "Allow" if event["identitySource"] == "allow" else "Deny"
          return {
              "principalId": "user-7",
              "policyDocument": {"Version": "2012-10-17", "Statement": [
                  {"Action": "execute-api:Invoke", "Effect": effect, "Resource": event["methodArn"]}]},
              "context": {"calls": calls},
          }
      """;

  private static HttpServer issuer;
  private static String policyAuthorizerArn;
  private static KeyPair keys;
  private static String issuerUrl;
  private static String echoArn;
  private static String authorizerArn;

  private final ApiGatewayV2Client apigw = fogbank.client(ApiGatewayV2Client.builder());

  @BeforeAll
  static void setUp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuerUrl = "http://127.0.0.1:" + issuer.getAddress().getPort();
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    String jwks =
        "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\"" + b64(unsigned(pub.getModulus()))
            + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
    serve("/.well-known/openid-configuration", "{\"issuer\":\"" + issuerUrl + "\",\"jwks_uri\":\"" + issuerUrl + "/keys\"}");
    serve("/keys", jwks);
    issuer.start();
    LambdaClient lambda = fogbank.client(LambdaClient.builder());
    echoArn = Functions.python(lambda, ECHO);
    authorizerArn = Functions.python(lambda, AUTHORIZER);
    policyAuthorizerArn = Functions.python(lambda, POLICY_AUTHORIZER);
  }

  private static void serve(String path, String body) {
    issuer.createContext(
        path,
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
  }

  @AfterAll
  static void tearDown() {
    issuer.stop(0);
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String token(String audience, long exp, String scope) throws Exception {
    String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64(("{\"iss\":\"" + issuerUrl + "\",\"sub\":\"user-1\",\"aud\":\"" + audience + "\",\"exp\":" + exp + ",\"scope\":\"" + scope + "\"}")
            .getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(keys.getPrivate());
    rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64(rsa.sign());
  }

  private static long now() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fogbank.endpoint() + "/_fogbank/clock")).build(), HttpResponse.BodyHandlers.ofString());
    return java.time.Instant.parse(JSON.readTree(r.body()).path("now").asText()).getEpochSecond();
  }

  private static HttpResponse<String> call(String url, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String api(java.util.function.Function<String, String> authorizer, AuthorizationType type, String... scopes) {
    String apiId = apigw.createApi(r -> r.name("auth").protocolType(ProtocolType.HTTP)).apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY).integrationUri(echoArn).payloadFormatVersion("2.0")).integrationId();
    String authorizerId = authorizer.apply(apiId);
    apigw.createRoute(
        r -> r.apiId(apiId).routeKey("GET /private").target("integrations/" + integrationId).authorizationType(type).authorizerId(authorizerId).authorizationScopes(scopes));
    apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
    return fogbank.endpoint() + "/_fogbank/apigatewayv2/" + apiId + "/$default/private";
  }

  @Test
  void jwtAuthorizerChecksSignatureIssuerAudienceExpiryAndScopes() throws Exception {
    String url =
        api(
            apiId ->
                apigw.createAuthorizer(
                        r ->
                            r.apiId(apiId)
                                .name("jwt")
                                .authorizerType(AuthorizerType.JWT)
                                .identitySource("$request.header.Authorization")
                                .jwtConfiguration(j -> j.issuer(issuerUrl).audience("my-app")))
                    .authorizerId(),
            AuthorizationType.JWT,
            "items/read");
    long now = now();
    HttpResponse<String> ok = call(url, "Bearer " + token("my-app", now + 3600, "items/read items/write"));
    assertEquals(200, ok.statusCode(), ok.body());
    JsonNode jwt = JSON.readTree(ok.body()).path("requestContext").path("authorizer").path("jwt");
    assertEquals("user-1", jwt.path("claims").path("sub").asText());
    assertEquals("items/read", jwt.path("scopes").get(0).asText());
    // API Gateway answers 401 {"message":"Unauthorized"} for a bad token, 403 for missing scopes.
    HttpResponse<String> expired = call(url, "Bearer " + token("my-app", now - 1, "items/read"));
    assertEquals(401, expired.statusCode());
    assertEquals("{\"message\":\"Unauthorized\"}", expired.body());
    assertEquals(401, call(url, "Bearer " + token("other-app", now + 3600, "items/read")).statusCode());
    assertEquals(401, call(url, null).statusCode());
    String tampered = token("my-app", now + 3600, "items/read");
    assertEquals(401, call(url, "Bearer " + tampered.substring(0, tampered.length() - 4) + "AAAA").statusCode());
    HttpResponse<String> noScope = call(url, "Bearer " + token("my-app", now + 3600, "items/write"));
    assertEquals(403, noScope.statusCode());
    assertEquals("{\"message\":\"Forbidden\"}", noScope.body());
    String later = token("my-app", now + 60, "items/read");
    assertEquals(200, call(url, "Bearer " + later).statusCode());
    fogbank.advance(Duration.ofMinutes(2));
    assertEquals(401, call(url, "Bearer " + later).statusCode(), "expired on the virtual clock");
  }

  @Test
  void lambdaAuthorizerSimpleResponses() throws Exception {
    String url =
        api(
            apiId ->
                apigw.createAuthorizer(
                        r ->
                            r.apiId(apiId)
                                .name("lambda")
                                .authorizerType(AuthorizerType.REQUEST)
                                .authorizerUri(authorizerArn)
                                .authorizerPayloadFormatVersion("2.0")
                                .enableSimpleResponses(true)
                                .identitySource("$request.header.Authorization"))
                    .authorizerId(),
            AuthorizationType.CUSTOM);
    HttpResponse<String> allowed = call(url, "let-me-in");
    assertEquals(200, allowed.statusCode(), allowed.body());
    assertEquals("ada", JSON.readTree(allowed.body()).path("requestContext").path("authorizer").path("lambda").path("user").asText());
    HttpResponse<String> denied = call(url, "nope");
    assertEquals(403, denied.statusCode());
    assertEquals("{\"message\":\"Forbidden\"}", denied.body());
    // No identity source: 401 without calling the function.
    assertEquals(401, call(url, null).statusCode());
  }

  @Test
  void lambdaAuthorizerPoliciesAreCachedForTheirTtl() throws Exception {
    String url =
        api(
            apiId ->
                apigw.createAuthorizer(
                        r ->
                            r.apiId(apiId)
                                .name("policy")
                                .authorizerType(AuthorizerType.REQUEST)
                                .authorizerUri(policyAuthorizerArn)
                                .authorizerPayloadFormatVersion("1.0")
                                .authorizerResultTtlInSeconds(300)
                                .identitySource("$request.header.Authorization"))
                    .authorizerId(),
            AuthorizationType.CUSTOM);
    HttpResponse<String> first = call(url, "allow");
    assertEquals(200, first.statusCode(), first.body());
    JsonNode authorizer = JSON.readTree(first.body()).path("requestContext").path("authorizer");
    assertEquals("user-7", authorizer.path("principalId").asText());
    int calls = authorizer.path("calls").asInt();
    // Within the TTL the cached policy answers; the function is not called again.
    assertEquals(calls, JSON.readTree(call(url, "allow").body()).path("requestContext").path("authorizer").path("calls").asInt());
    assertEquals(403, call(url, "deny").statusCode());
    fogbank.advance(Duration.ofSeconds(301));
    assertEquals(calls + 2, JSON.readTree(call(url, "allow").body()).path("requestContext").path("authorizer").path("calls").asInt());
    // ResetAuthorizersCache empties the stage's cache before the TTL ends.
    String apiId = url.split("/_fogbank/apigatewayv2/")[1].split("/")[0];
    apigw.resetAuthorizersCache(r -> r.apiId(apiId).stageName("$default"));
    assertEquals(calls + 3, JSON.readTree(call(url, "allow").body()).path("requestContext").path("authorizer").path("calls").asInt());
  }
}
