package dev.fogbank.apigw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fogbank.testkit.FogbankExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.TestInvokeMethodResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Non-proxy integrations: MOCK and AWS (Lambda) with VTL request and response templates,
 * integration responses selected by the Lambda error message, HTTP and HTTP_PROXY to a local
 * server, the 504 of an integration timeout, request validators, and TestInvokeMethod.
 */
class ApiGatewayMappingIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String GREETER =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.*;

      public class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        public Map<String, Object> handleRequest(Map<String, Object> in, Context context) {
          Object name = in.get("name");
          if ("bad".equals(name)) {
            throw new IllegalArgumentException("[BadRequest] no greeting for bad");
          }
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("greeting", "Hello, " + name);
          out.put("stage", in.get("stage"));
          return out;
        }
      }
      """;

  private static HttpServer backend;
  private static final CountDownLatch never = new CountDownLatch(1);
  private static String apiId;
  private static ApiGatewayClient apigw;
  private static String root;

  @BeforeAll
  static void setUp() throws IOException {
    backend = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    backend.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/slow")) {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String body = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\"" + path + "\",\"query\":\""
          + exchange.getRequestURI().getRawQuery() + "\",\"token\":\"" + exchange.getRequestHeaders().getFirst("X-Token")
          + "\",\"body\":" + JSON.writeValueAsString(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)) + "}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("X-Backend", "local");
      exchange.sendResponseHeaders(path.startsWith("/missing") ? 404 : 200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    backend.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    backend.start();
    String server = "http://localhost:" + backend.getAddress().getPort();

    apigw = fogbank.client(ApiGatewayClient.builder());
    LambdaClient lambda = fogbank.client(LambdaClient.builder());
    String fn = Lambdas.create(lambda, Lambdas.uniqueName("greeter"), "example.Greeter", GREETER, Map.of());
    apiId = apigw.createRestApi(r -> r.name("mapping")).id();
    root = apigw.getResources(r -> r.restApiId(apiId)).items().get(0).id();

    // MOCK: the request template picks the status, the response template builds the body
    String mock = resource("mock");
    apigw.putMethod(r -> r.restApiId(apiId).resourceId(mock).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(apiId).resourceId(mock).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": $input.params('code')}")));
    apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(mock).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Stage", "context.stage", "method.response.header.X-Fixed", "'fixed'"))
        .responseTemplates(Map.of("application/json",
            "{\"stage\": \"$context.stage\", \"var\": \"$stageVariables.color\", \"who\": \"$util.escapeJavaScript($input.params('who'))\","
                + " \"enc\": \"$util.urlEncode('a b')\", \"b64\": \"$util.base64Encode('hi')\"}")));
    apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(mock).httpMethod("GET").statusCode("418").selectionPattern("418")
        .responseTemplates(Map.of("application/json", "{\"teapot\": true}")));

    // AWS (Lambda, non-proxy): the template builds the function's input; errors select by message
    String greet = resource("greet");
    apigw.putMethod(r -> r.restApiId(apiId).resourceId(greet).httpMethod("POST").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(apiId).resourceId(greet).httpMethod("POST").type(IntegrationType.AWS)
        .integrationHttpMethod("POST").uri(Lambdas.integrationUri(fn))
        .requestTemplates(Map.of("application/json",
            "#set($body = $input.path('$'))\n{\"name\": \"$body.name\", \"stage\": \"$context.stage\"}")));
    apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(greet).httpMethod("POST").statusCode("200")
        .responseTemplates(Map.of("application/json", "{\"message\": $input.json('$.greeting')}")));
    apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(greet).httpMethod("POST").statusCode("400")
        .selectionPattern("\\[BadRequest\\].*")
        .responseTemplates(Map.of("application/json", "{\"error\": \"$input.path('$.errorMessage')\"}")));

    // HTTP_PROXY to the local server, greedy path and query passed through
    String proxy = apigw.createResource(r -> r.restApiId(apiId).parentId(resource("http")).pathPart("{proxy+}")).id();
    apigw.putMethod(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY").authorizationType("NONE")
        .requestParameters(Map.of("method.request.path.proxy", true)));
    apigw.putIntegration(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("ANY").uri(server + "/{proxy}")
        .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));

    // HTTP with mapping: header from the query string, body from a template
    String mapped = resource("mapped");
    apigw.putMethod(r -> r.restApiId(apiId).resourceId(mapped).httpMethod("POST").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(apiId).resourceId(mapped).httpMethod("POST").type(IntegrationType.HTTP)
        .integrationHttpMethod("PUT").uri(server + "/items")
        .requestParameters(Map.of("integration.request.header.X-Token", "method.request.querystring.token"))
        .requestTemplates(Map.of("application/json",
            "#if($input.params('override') != \"\")#set($ignored = $context.requestOverride.header.put(\"X-Token\", $input.params('override')))#end\n"
                + "{\"wrapped\": $input.json('$')}")));
    apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(mapped).httpMethod("POST").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-From", "integration.response.header.X-Backend")));

    // HTTP_PROXY with a 50 ms timeout to an endpoint that never answers
    String slow = resource("slow");
    apigw.putMethod(r -> r.restApiId(apiId).resourceId(slow).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(apiId).resourceId(slow).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri(server + "/slow").timeoutInMillis(50));

    // A validator for body and parameters, with a draft-4 model
    String validated = resource("validated");
    apigw.createModel(r -> r.restApiId(apiId).name("Pet").contentType("application/json")
        .schema("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\",\"required\":[\"name\"],"
            + "\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":1},\"age\":{\"type\":\"integer\",\"minimum\":0}}}"));
    String validator = apigw.createRequestValidator(r -> r.restApiId(apiId).name("all").validateRequestBody(true).validateRequestParameters(true)).id();
    apigw.putMethod(r -> r.restApiId(apiId).resourceId(validated).httpMethod("POST").authorizationType("NONE")
        .requestValidatorId(validator).requestModels(Map.of("application/json", "Pet"))
        .requestParameters(Map.of("method.request.querystring.owner", true)));
    apigw.putIntegration(r -> r.restApiId(apiId).resourceId(validated).httpMethod("POST").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(validated).httpMethod("POST").statusCode("200")
        .responseTemplates(Map.of("application/json", "{\"valid\": true}")));

    // A response template that overrides the status and a header
    String override = resource("override");
    apigw.putMethod(r -> r.restApiId(apiId).resourceId(override).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(apiId).resourceId(override).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(override).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json",
            "#set($context.responseOverride.status = 202)\n#set($context.responseOverride.header.X_Override = \"yes\")\n{\"accepted\": true}")));

    // CORS the way API Gateway's console sets it up: a MOCK OPTIONS method and a DEFAULT_4XX header
    apigw.putMethod(r -> r.restApiId(apiId).resourceId(mock).httpMethod("OPTIONS").authorizationType("NONE"));
    apigw.putMethodResponse(r -> r.restApiId(apiId).resourceId(mock).httpMethod("OPTIONS").statusCode("200")
        .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin", false,
            "method.response.header.Access-Control-Allow-Methods", false)));
    apigw.putIntegration(r -> r.restApiId(apiId).resourceId(mock).httpMethod("OPTIONS").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(mock).httpMethod("OPTIONS").statusCode("200")
        .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin", "'*'",
            "method.response.header.Access-Control-Allow-Methods", "'GET,OPTIONS'")));
    apigw.putGatewayResponse(r -> r.restApiId(apiId).responseType("DEFAULT_4XX")
        .responseParameters(Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'")));

    apigw.createDeployment(r -> r.restApiId(apiId).stageName("test").variables(Map.of("color", "teal")));
  }

  @AfterAll
  static void tearDown() {
    never.countDown();
    backend.stop(0);
  }

  private static String resource(String part) {
    return apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart(part)).id();
  }

  private static URI url(String path) {
    return Http.invokeUrl(fogbank.endpoint(), apiId, "test", path);
  }

  @Test
  void mockRendersTemplatesWithContextUtilAndStageVariables() throws Exception {
    HttpResponse<String> r = Http.get(url("/mock?code=200&who=say%20%22hi%22"));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("test", body.path("stage").asText());
    assertEquals("teal", body.path("var").asText());
    // escapeJavaScript escapes the double quotes, so the template's JSON stays valid
    assertEquals("say \"hi\"", body.path("who").asText());
    assertEquals("a+b", body.path("enc").asText());
    assertEquals("aGk=", body.path("b64").asText());
    assertEquals("test", r.headers().firstValue("X-Stage").orElseThrow());
    assertEquals("fixed", r.headers().firstValue("X-Fixed").orElseThrow());
    HttpResponse<String> teapot = Http.get(url("/mock?code=418"));
    assertEquals(418, teapot.statusCode());
    assertEquals("{\"teapot\": true}", teapot.body());
  }

  @Test
  void lambdaWithoutProxyMapsRequestAndSelectsErrorResponses() throws Exception {
    HttpResponse<String> ok = Http.send("POST", url("/greet"), Map.of("Content-Type", "application/json"), "{\"name\":\"Ada\"}");
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("Hello, Ada", JSON.readTree(ok.body()).path("message").asText());
    HttpResponse<String> bad = Http.send("POST", url("/greet"), Map.of("Content-Type", "application/json"), "{\"name\":\"bad\"}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals("[BadRequest] no greeting for bad", JSON.readTree(bad.body()).path("error").asText());
    // a name with a double quote breaks the JSON the template renders (it does not escape it)
    HttpResponse<String> broken = Http.send("POST", url("/greet"), Map.of("Content-Type", "application/json"), "{\"name\":\"a\\\"b\"}");
    assertEquals(400, broken.statusCode(), broken.body());
    assertTrue(JSON.readTree(broken.body()).path("message").asText().startsWith("Could not parse request body into json"));
  }

  @Test
  void httpProxyForwardsPathQueryAndStatus() throws Exception {
    HttpResponse<String> r = Http.send("DELETE", url("/http/a/b?x=1"), Map.of(), null);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("DELETE", body.path("method").asText());
    assertEquals("/a/b", body.path("path").asText());
    assertEquals("x=1", body.path("query").asText());
    assertEquals("local", r.headers().firstValue("X-Backend").orElseThrow());
    assertEquals(404, Http.get(url("/http/missing")).statusCode());
  }

  @Test
  void httpIntegrationMapsHeadersAndBody() throws Exception {
    HttpResponse<String> r = Http.send("POST", url("/mapped?token=abc"), Map.of("Content-Type", "application/json"), "{\"a\":1}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("PUT", body.path("method").asText());
    assertEquals("abc", body.path("token").asText());
    assertEquals("{\"a\":1}", JSON.readTree(body.path("body").asText()).path("wrapped").toString());
    assertEquals("local", r.headers().firstValue("X-From").orElseThrow());
    // $context.requestOverride in the request template replaces the mapped header
    HttpResponse<String> overridden = Http.send("POST", url("/mapped?token=abc&override=xyz"), Map.of("Content-Type", "application/json"), "{}");
    assertEquals("xyz", JSON.readTree(overridden.body()).path("token").asText());
  }

  @Test
  void integrationTimeoutIs504() {
    HttpResponse<String> r = Http.get(url("/slow"));
    // API Gateway's answer when the integration outlives timeoutInMillis
    assertEquals(504, r.statusCode());
    assertEquals("{\"message\":\"Endpoint request timed out\"}", r.body());
  }

  @Test
  void validatorChecksParametersAndBodyAgainstTheModel() {
    Map<String, String> json = Map.of("Content-Type", "application/json");
    HttpResponse<String> missing = Http.send("POST", url("/validated"), json, "{\"name\":\"rex\"}");
    assertEquals(400, missing.statusCode());
    assertEquals("{\"message\":\"Missing required request parameters: [owner]\"}", missing.body());
    HttpResponse<String> invalid = Http.send("POST", url("/validated?owner=me"), json, "{\"age\":-1}");
    assertEquals(400, invalid.statusCode());
    assertEquals("{\"message\":\"Invalid request body\"}", invalid.body());
    HttpResponse<String> valid = Http.send("POST", url("/validated?owner=me"), json, "{\"name\":\"rex\",\"age\":3}");
    assertEquals(200, valid.statusCode(), valid.body());
  }

  @Test
  void testInvokeMethodRunsThePipeline() {
    String mock = apigw.getResources(r -> r.restApiId(apiId)).items().stream().filter(x -> x.path().equals("/mock")).findFirst().orElseThrow().id();
    TestInvokeMethodResponse r = apigw.testInvokeMethod(t -> t.restApiId(apiId).resourceId(mock).httpMethod("GET")
        .pathWithQueryString("/mock?code=418"));
    assertEquals(418, r.status());
    assertEquals("{\"teapot\": true}", r.body());
    assertTrue(r.log().contains("Method completed with status: 418"), r.log());
  }

  @Test
  void corsPreflightAndErrorHeaders() {
    HttpResponse<String> preflight = Http.send("OPTIONS", url("/mock"), Map.of("Origin", "https://example.com"), null);
    assertEquals(200, preflight.statusCode());
    assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertEquals("GET,OPTIONS", preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
    // the 403 of an unknown route is a 4XX gateway response, so it carries the API's header too
    HttpResponse<String> unknown = Http.get(url("/nowhere"));
    assertEquals(403, unknown.statusCode());
    assertEquals("*", unknown.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
  }

  @Test
  void responseTemplateOverridesStatusAndHeaders() {
    HttpResponse<String> r = Http.get(url("/override"));
    assertEquals(202, r.statusCode(), r.body());
    assertEquals("yes", r.headers().firstValue("X_Override").orElseThrow());
    assertEquals("{\"accepted\": true}", r.body());
  }
}
