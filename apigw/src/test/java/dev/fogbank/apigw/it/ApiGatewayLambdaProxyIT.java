package dev.fogbank.apigw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Lambda proxy integrations over plain HTTP: the v1 event the function receives, its response
 * contract, 502 on a malformed response or a function error, 403 for unknown routes, and two
 * stages whose stage variable names two different functions.
 */
class ApiGatewayLambdaProxyIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String apiId;
  private static String fnBlue;
  private static String fnGreen;

  @BeforeAll
  static void api() {
    ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());
    LambdaClient lambda = fogbank.client(LambdaClient.builder());
    fnBlue = Lambdas.uniqueName("blue");
    fnGreen = Lambdas.uniqueName("green");
    Lambdas.create(lambda, fnBlue, "example.ProxyEcho", Lambdas.PROXY_ECHO, Map.of());
    Lambdas.create(lambda, fnGreen, "example.ProxyEcho", Lambdas.PROXY_ECHO, Map.of());
    apiId = apigw.createRestApi(r -> r.name("proxy").binaryMediaTypes("image/png")).id();
    String root = apigw.getResources(r -> r.restApiId(apiId)).items().get(0).id();
    String pets = apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("pets")).id();
    String petId = apigw.createResource(r -> r.restApiId(apiId).parentId(pets).pathPart("{petId}")).id();
    String proxy = apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("{proxy+}")).id();
    // The function comes from the stage variable, so each stage calls its own function.
    String uri = Lambdas.integrationUri("arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}");
    for (String resource : new String[] {petId, proxy}) {
      apigw.putMethod(r -> r.restApiId(apiId).resourceId(resource).httpMethod("ANY").authorizationType("NONE"));
      apigw.putIntegration(r -> r.restApiId(apiId).resourceId(resource).httpMethod("ANY").type(IntegrationType.AWS_PROXY)
          .integrationHttpMethod("POST").uri(uri));
    }
    apigw.createDeployment(r -> r.restApiId(apiId).stageName("blue").variables(Map.of("fn", fnBlue)));
    apigw.createDeployment(r -> r.restApiId(apiId).stageName("green").variables(Map.of("fn", fnGreen)));
  }

  private static URI url(String stage, String path) {
    return Http.invokeUrl(fogbank.endpoint(), apiId, stage, path);
  }

  @Test
  void proxyEventCarriesTheV1Shape() throws Exception {
    HttpResponse<String> r = Http.send("POST", url("blue", "/pets/42?color=red&color=blue&size=s"),
        Map.of("Content-Type", "application/json", "X-Trace", "t1"), "{\"name\":\"rex\"}");
    assertEquals(200, r.statusCode());
    JsonNode event = JSON.readTree(r.body());
    // Member names and values per the developer guide's "Input format of a Lambda function for proxy integration"
    assertEquals("/pets/{petId}", event.path("resource").asText());
    assertEquals("/pets/42", event.path("path").asText());
    assertEquals("POST", event.path("httpMethod").asText());
    assertEquals("t1", event.path("headers").path("X-Trace").asText());
    assertEquals("t1", event.path("multiValueHeaders").path("X-Trace").get(0).asText());
    assertEquals("blue", event.path("queryStringParameters").path("color").asText());
    assertEquals(2, event.path("multiValueQueryStringParameters").path("color").size());
    assertEquals("42", event.path("pathParameters").path("petId").asText());
    assertEquals(fnBlue, event.path("stageVariables").path("fn").asText());
    assertEquals("{\"name\":\"rex\"}", event.path("body").asText());
    assertEquals(false, event.path("isBase64Encoded").asBoolean());
    JsonNode ctx = event.path("requestContext");
    assertEquals("blue", ctx.path("stage").asText());
    assertEquals(apiId, ctx.path("apiId").asText());
    assertEquals("000000000000", ctx.path("accountId").asText());
    assertEquals("/pets/{petId}", ctx.path("resourcePath").asText());
    assertEquals("/blue/pets/42", ctx.path("path").asText());
    assertEquals("127.0.0.1", ctx.path("identity").path("sourceIp").asText());
    assertTrue(ctx.path("requestTimeEpoch").asLong() > 0);
    // the id the function saw is the one the client gets back
    assertEquals(ctx.path("requestId").asText(), r.headers().firstValue("x-amzn-RequestId").orElseThrow());
    assertNotNull(r.headers().firstValue("x-amz-apigw-id").orElse(null));
  }

  @Test
  void eachStageCallsTheFunctionItsVariableNames() {
    assertEquals(fnBlue, Http.get(url("blue", "/anything")).headers().firstValue("X-Tag").orElseThrow());
    assertEquals(fnGreen, Http.get(url("green", "/anything")).headers().firstValue("X-Tag").orElseThrow());
  }

  @Test
  void tracingEnabledStagesAnswerWithATraceHeader() {
    ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());
    apigw.createDeployment(r -> r.restApiId(apiId).stageName("traced").variables(Map.of("fn", fnBlue)).tracingEnabled(true));
    assertTrue(Http.get(url("traced", "/x")).headers().firstValue("X-Amzn-Trace-Id").orElseThrow().startsWith("Root=1-"));
    assertTrue(Http.get(url("blue", "/x")).headers().firstValue("X-Amzn-Trace-Id").isEmpty());
  }

  @Test
  void hostHeaderFormRoutesByApiId() throws Exception {
    int port = fogbank.endpoint().getPort();
    Http.Raw r = Http.getWithHost(port, apiId + ".execute-api.localhost.localstack.cloud:" + port, "/green/deep/path/here");
    assertEquals(200, r.status(), r.body());
    JsonNode event = JSON.readTree(r.body());
    assertEquals("/{proxy+}", event.path("resource").asText());
    assertEquals("deep/path/here", event.path("pathParameters").path("proxy").asText());
    assertEquals(fnGreen, r.headers().get("x-tag"));
    Http.Raw plain = Http.getWithHost(port, apiId + ".execute-api.localhost:" + port, "/blue/pets/7");
    assertEquals("7", JSON.readTree(plain.body()).path("pathParameters").path("petId").asText());
    HttpResponse<String> aws = Http.get(URI.create(fogbank.endpoint() + "/_aws/execute-api/" + apiId + "/green/pets/8"));
    assertEquals("8", JSON.readTree(aws.body()).path("pathParameters").path("petId").asText());
  }

  @Test
  void responseContractSetsStatusHeadersAndBody() {
    HttpResponse<String> r = Http.get(url("blue", "/x?mode=status"));
    assertEquals(201, r.statusCode());
    assertEquals("created", r.body());
    assertEquals("yes", r.headers().firstValue("X-Custom").orElseThrow());
    assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
    // multiValueHeaders arrive as one header line per value
    assertEquals(java.util.List.of("a", "b"), r.headers().allValues("X-Multi"));
  }

  @Test
  void binaryResponseIsDecodedForBinaryMediaTypes() {
    HttpResponse<byte[]> r = Http.sendBytes("GET", url("blue", "/img?mode=binary"), Map.of("Accept", "image/png"), null);
    assertEquals(200, r.statusCode());
    assertEquals(4, r.body().length);
    assertEquals(3, r.body()[3]);
  }

  @Test
  void malformedProxyResponseAndFunctionErrorAre502() {
    // API Gateway answers both with 502 and {"message": "Internal server error"}
    HttpResponse<String> malformed = Http.get(url("blue", "/x?mode=malformed"));
    assertEquals(502, malformed.statusCode());
    assertEquals("{\"message\":\"Internal server error\"}", malformed.body());
    HttpResponse<String> failed = Http.get(url("blue", "/x?mode=fail"));
    assertEquals(502, failed.statusCode());
    assertEquals("InternalServerErrorException", failed.headers().firstValue("x-amzn-ErrorType").orElseThrow());
  }

  @Test
  void unknownRouteIsMissingAuthenticationToken() {
    HttpResponse<String> r = Http.get(url("blue", "/pets"));
    // No method on /pets: API Gateway's 403 for routes it does not know
    assertEquals(403, r.statusCode());
    assertEquals("{\"message\":\"Missing Authentication Token\"}", r.body());
    assertEquals("MissingAuthenticationTokenException", r.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    HttpResponse<String> stage = Http.get(url("nostage", "/pets/1"));
    assertEquals(403, stage.statusCode());
  }

  @Test
  void canaryDeploymentTakesItsShareWithVariableOverrides() {
    ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());
    apigw.createDeployment(r -> r.restApiId(apiId).stageName("canary").variables(Map.of("fn", fnBlue)));
    assertEquals(fnBlue, Http.get(url("canary", "/x")).headers().firstValue("X-Tag").orElseThrow());
    // all traffic to the canary, whose override names the other function
    apigw.createDeployment(r -> r.restApiId(apiId).stageName("canary")
        .canarySettings(c -> c.percentTraffic(100.0).stageVariableOverrides(Map.of("fn", fnGreen))));
    assertEquals(fnGreen, Http.get(url("canary", "/x")).headers().firstValue("X-Tag").orElseThrow());
    assertEquals(100.0, apigw.getStage(r -> r.restApiId(apiId).stageName("canary")).canarySettings().percentTraffic());
    apigw.updateStage(r -> r.restApiId(apiId).stageName("canary").patchOperations(
        p -> p.op(software.amazon.awssdk.services.apigateway.model.Op.REPLACE).path("/canarySettings/percentTraffic").value("0")));
    assertEquals(fnBlue, Http.get(url("canary", "/x")).headers().firstValue("X-Tag").orElseThrow());
  }

  @Test
  void payloadsOverTenMegabytesAre413() {
    // API Gateway's limit for a REST API payload: 10 MB
    HttpResponse<String> r = Http.send("POST", url("blue", "/big"), Map.of("Content-Type", "text/plain"), "x".repeat(10 * 1024 * 1024 + 1));
    assertEquals(413, r.statusCode());
    assertEquals("{\"message\":\"Request Too Long\"}", r.body());
  }

  @Test
  void disabledDefaultEndpointIsForbidden() {
    ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());
    String api = apigw.createRestApi(r -> r.name("private-ish")).id();
    String root = apigw.getResources(r -> r.restApiId(api)).items().get(0).id();
    apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
    apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
    URI uri = Http.invokeUrl(fogbank.endpoint(), api, "prod", "/");
    assertEquals(200, Http.get(uri).statusCode());
    apigw.updateRestApi(r -> r.restApiId(api).patchOperations(
        p -> p.op(software.amazon.awssdk.services.apigateway.model.Op.REPLACE).path("/disableExecuteApiEndpoint").value("true")));
    HttpResponse<String> off = Http.get(uri);
    // AWS: "you receive an HTTP 403 Forbidden error for REST APIs" once the default endpoint is off
    assertEquals(403, off.statusCode());
    assertEquals("{\"message\":\"Forbidden\"}", off.body());
  }
}
