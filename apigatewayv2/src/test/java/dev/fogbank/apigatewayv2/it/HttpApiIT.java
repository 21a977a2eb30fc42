package dev.fogbank.apigatewayv2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fogbank.testkit.FogbankExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** HTTP APIs created through the SDK and called over plain HTTP on the path form of their URL. */
class HttpApiIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Echoes the event; a few paths answer otherwise to show the response rules. */
  static final String ECHO =
      """
      import json

      def handler(event, context):
          path = event.get("rawPath") or event.get("path")
          if path.endswith("/bare"):
              return {"hello": "world"}
          if path.endswith("/fail"):
              raise RuntimeError("boom")
          if path.endswith("/text"):
              return "just text"
          return {
              "statusCode": 201,
              "headers": {"Content-Type": "application/json", "X-From": "lambda"},
              "cookies": ["session=abc"],
              "body": json.dumps(event),
          }
      """;

  static String echoArn;
  static HttpServer backend;
  /** Requests to the backend's /slow wait for this latch; arrivals counts them in. */
  static final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
  static final java.util.concurrent.Semaphore arrivals = new java.util.concurrent.Semaphore(0);

  private final ApiGatewayV2Client apigw = fogbank.client(ApiGatewayV2Client.builder());

  @BeforeAll
  static void setUp() throws IOException {
    echoArn = Functions.python(fogbank.client(LambdaClient.builder()), ECHO);
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("{\"path\":\"" + exchange.getRequestURI().getRawPath() + "\",\"query\":\"" + exchange.getRequestURI().getRawQuery()
                      + "\",\"mapped\":\"" + exchange.getRequestHeaders().getFirst("x-mapped") + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("X-Backend", "yes");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    backend.createContext(
        "/slow",
        exchange -> {
          arrivals.release();
          try {
            release.await(60, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    backend.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    backend.start();
  }

  @AfterAll
  static void tearDown() {
    release.countDown();
    backend.stop(0);
  }

  String lambdaApi(String version, String... routeKeys) {
    String apiId = apigw.createApi(r -> r.name("api").protocolType(ProtocolType.HTTP)).apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY).integrationUri(echoArn).payloadFormatVersion(version))
            .integrationId();
    for (String key : routeKeys) {
      apigw.createRoute(r -> r.apiId(apiId).routeKey(key).target("integrations/" + integrationId));
    }
    apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
    return apiId;
  }

  static String url(String apiId, String path) {
    return fogbank.endpoint() + "/_fogbank/apigatewayv2/" + apiId + "/$default" + path;
  }

  static HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void payloadFormat2EventCarriesRawPathQueryCookiesAndHttpContext() throws Exception {
    String apiId = lambdaApi("2.0", "GET /items/{id}");
    HttpResponse<String> r = get(url(apiId, "/items/42?x=1&x=2&y=z"), "Cookie", "c1=v1; c2=v2", "X-Custom", "a");
    assertEquals(201, r.statusCode(), r.body());
    assertEquals("lambda", r.headers().firstValue("x-from").orElseThrow());
    assertEquals(List.of("session=abc"), r.headers().allValues("set-cookie"));
    JsonNode event = JSON.readTree(r.body());
    // Payload format 2.0 (AWS: "Working with AWS Lambda proxy integrations for HTTP APIs").
    assertEquals("2.0", event.path("version").asText());
    assertEquals("GET /items/{id}", event.path("routeKey").asText());
    assertEquals("/items/42", event.path("rawPath").asText());
    assertEquals("x=1&x=2&y=z", event.path("rawQueryString").asText());
    assertEquals("1,2", event.path("queryStringParameters").path("x").asText());
    assertEquals("c1=v1", event.path("cookies").get(0).asText());
    assertEquals("c2=v2", event.path("cookies").get(1).asText());
    assertEquals("a", event.path("headers").path("x-custom").asText());
    // API Gateway adds the forwarding headers and a trace id.
    assertEquals("http", event.path("headers").path("x-forwarded-proto").asText());
    assertEquals(String.valueOf(fogbank.endpoint().getPort()), event.path("headers").path("x-forwarded-port").asText());
    assertTrue(event.path("headers").path("x-amzn-trace-id").asText().startsWith("Root=1-"));
    assertEquals("42", event.path("pathParameters").path("id").asText());
    assertEquals("GET", event.path("requestContext").path("http").path("method").asText());
    assertEquals("/items/42", event.path("requestContext").path("http").path("path").asText());
    assertEquals(apiId, event.path("requestContext").path("apiId").asText());
    assertEquals("$default", event.path("requestContext").path("stage").asText());
  }

  @Test
  void payloadFormat1EventIsRestShaped() throws Exception {
    String apiId = lambdaApi("1.0", "GET /items/{id}");
    HttpResponse<String> r = get(url(apiId, "/items/7?x=1&x=2"));
    assertEquals(201, r.statusCode(), r.body());
    JsonNode event = JSON.readTree(r.body());
    assertEquals("1.0", event.path("version").asText());
    assertEquals("GET", event.path("httpMethod").asText());
    assertEquals("/items/{id}", event.path("resource").asText());
    assertEquals("/items/7", event.path("path").asText());
    assertEquals("2", event.path("queryStringParameters").path("x").asText());
    assertEquals(2, event.path("multiValueQueryStringParameters").path("x").size());
    assertEquals("7", event.path("pathParameters").path("id").asText());
    assertEquals("http", event.path("multiValueHeaders").path("x-forwarded-proto").get(0).asText());
  }

  @Test
  void payloadFormat2InfersAResponseFromABareObject() throws Exception {
    String apiId = lambdaApi("2.0", "GET /bare");
    HttpResponse<String> r = get(url(apiId, "/bare"));
    // No statusCode: 200, application/json, the returned value as the body.
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
    assertEquals("world", JSON.readTree(r.body()).path("hello").asText());
  }

  @Test
  void aFunctionErrorIs500AndNoRouteIs404() throws Exception {
    String apiId = lambdaApi("2.0", "GET /fail");
    HttpResponse<String> failed = get(url(apiId, "/fail"));
    assertEquals(500, failed.statusCode());
    assertEquals("{\"message\":\"Internal Server Error\"}", failed.body());
    // HTTP APIs take payloads up to 10 MB.
    HttpResponse<String> tooLarge =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url(apiId, "/fail"))).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024 + 1])).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(413, tooLarge.statusCode());
    HttpResponse<String> missing = get(url(apiId, "/nowhere"));
    assertEquals(404, missing.statusCode());
    assertEquals("{\"message\":\"Not Found\"}", missing.body());
  }

  @Test
  void theMostSpecificRouteWins() throws Exception {
    String apiId = lambdaApi("2.0", "GET /items/{id}", "GET /items/special", "ANY /{proxy+}", "POST /items/{id}", "$default");
    assertEquals("GET /items/special", routeKeyOf(get(url(apiId, "/items/special"))));
    assertEquals("GET /items/{id}", routeKeyOf(get(url(apiId, "/items/1"))));
    assertEquals("ANY /{proxy+}", routeKeyOf(get(url(apiId, "/items/1/parts"))));
    HttpResponse<String> post =
        HTTP.send(HttpRequest.newBuilder(URI.create(url(apiId, "/items/1"))).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("POST /items/{id}", routeKeyOf(post));
    assertEquals("ANY /{proxy+}", routeKeyOf(get(url(apiId, "/other"))));
    assertEquals("$default", routeKeyOf(get(url(apiId, "/"))));
  }

  private static String routeKeyOf(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body()).path("routeKey").asText();
  }

  @Test
  void parameterMappingChangesRequestAndResponse() throws Exception {
    String apiId = apigw.createApi(r -> r.name("map").protocolType(ProtocolType.HTTP)).apiId();
    String integrationId =
        apigw.createIntegration(
                r ->
                    r.apiId(apiId)
                        .integrationType(IntegrationType.HTTP_PROXY)
                        .integrationMethod("ANY")
                        .integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/base/{proxy}")
                        .requestParameters(
                            Map.of(
                                "overwrite:header.x-mapped", "$request.querystring.q",
                                "append:querystring.added", "yes",
                                "overwrite:path", "/rewritten/$request.path.proxy"))
                        .responseParameters(
                            Map.of("200", Map.of("overwrite:statuscode", "202", "append:header.x-request", "$context.requestId", "remove:header.x-backend", "''"))))
            .integrationId();
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /p/{proxy+}").target("integrations/" + integrationId));
    apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
    HttpResponse<String> r = get(url(apiId, "/p/a/b?q=hello"));
    assertEquals(202, r.statusCode(), r.body());
    JsonNode seen = JSON.readTree(r.body());
    assertEquals("/rewritten/a/b", seen.path("path").asText());
    assertTrue(seen.path("query").asText().contains("added=yes"), seen.toString());
    assertEquals("hello", seen.path("mapped").asText());
    assertEquals(r.headers().firstValue("apigw-requestid").orElseThrow(), r.headers().firstValue("x-request").orElseThrow());
    assertTrue(r.headers().firstValue("x-backend").isEmpty());
  }

  @Test
  void corsPreflightIsAnsweredByApiGateway() throws Exception {
    String apiId =
        apigw.createApi(
                r ->
                    r.name("cors")
                        .protocolType(ProtocolType.HTTP)
                        .corsConfiguration(c -> c.allowOrigins("https://example.com").allowMethods("GET", "POST").allowHeaders("content-type").maxAge(300)))
            .apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("GET").integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/x"))
            .integrationId();
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /x").target("integrations/" + integrationId));
    apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
    HttpResponse<String> preflight =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url(apiId, "/x")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://example.com")
                .header("Access-Control-Request-Method", "POST")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, preflight.statusCode());
    assertEquals("https://example.com", preflight.headers().firstValue("access-control-allow-origin").orElseThrow());
    assertEquals("GET,POST", preflight.headers().firstValue("access-control-allow-methods").orElseThrow());
    assertEquals("content-type", preflight.headers().firstValue("access-control-allow-headers").orElseThrow());
    assertEquals("300", preflight.headers().firstValue("access-control-max-age").orElseThrow());
    HttpResponse<String> actual = get(url(apiId, "/x"), "Origin", "https://example.com");
    assertEquals(200, actual.statusCode());
    assertEquals("https://example.com", actual.headers().firstValue("access-control-allow-origin").orElseThrow());
    HttpResponse<String> stranger = get(url(apiId, "/x"), "Origin", "https://evil.example");
    assertTrue(stranger.headers().firstValue("access-control-allow-origin").isEmpty());
  }

  @Test
  void routeThrottlingAnswers429UntilTheBucketRefills() throws Exception {
    String apiId = apigw.createApi(r -> r.name("slow").protocolType(ProtocolType.HTTP)).apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("GET").integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/t"))
            .integrationId();
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /t").target("integrations/" + integrationId));
    apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true).defaultRouteSettings(s -> s.throttlingBurstLimit(2).throttlingRateLimit(1.0)));
    assertEquals(200, get(url(apiId, "/t")).statusCode());
    assertEquals(200, get(url(apiId, "/t")).statusCode());
    HttpResponse<String> throttled = get(url(apiId, "/t"));
    assertEquals(429, throttled.statusCode());
    assertEquals("{\"message\":\"Too Many Requests\"}", throttled.body());
    fogbank.advance(Duration.ofSeconds(1));
    assertEquals(200, get(url(apiId, "/t")).statusCode());
  }

  @Test
  void routeSettingsThrottleOneRouteOnly() throws Exception {
    String apiId = apigw.createApi(r -> r.name("per-route").protocolType(ProtocolType.HTTP)).apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("GET").integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/t"))
            .integrationId();
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /limited").target("integrations/" + integrationId));
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /free").target("integrations/" + integrationId));
    apigw.createStage(
        r ->
            r.apiId(apiId)
                .stageName("$default")
                .autoDeploy(true)
                .routeSettings(Map.of("GET /limited", software.amazon.awssdk.services.apigatewayv2.model.RouteSettings.builder().throttlingBurstLimit(1).throttlingRateLimit(1.0).build())));
    assertEquals(200, get(url(apiId, "/limited")).statusCode());
    assertEquals(429, get(url(apiId, "/limited")).statusCode());
    for (int i = 0; i < 3; i++) {
      assertEquals(200, get(url(apiId, "/free")).statusCode());
    }
  }

  @Test
  void namedStagesServeTheirDeploymentOnly() throws Exception {
    String apiId = apigw.createApi(r -> r.name("staged").protocolType(ProtocolType.HTTP)).apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("GET").integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/s"))
            .integrationId();
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /one").target("integrations/" + integrationId));
    String deploymentId = apigw.createDeployment(r -> r.apiId(apiId)).deploymentId();
    apigw.createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deploymentId));
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /two").target("integrations/" + integrationId));
    String prod = fogbank.endpoint() + "/_fogbank/apigatewayv2/" + apiId + "/prod";
    assertEquals(200, get(prod + "/one").statusCode());
    assertEquals(404, get(prod + "/two").statusCode(), "not deployed yet");
    apigw.createDeployment(r -> r.apiId(apiId).stageName("prod"));
    assertEquals(200, get(prod + "/two").statusCode());
  }

  @Test
  void openApiImportServesAndExportReadsBack() throws Exception {
    String backendUrl = "http://127.0.0.1:" + backend.getAddress().getPort();
    String yaml =
        """
        openapi: "3.0.1"
        info:
          title: imported-items
          version: "1.2"
        paths:
          /items/{id}:
            get:
              x-amazon-apigateway-integration:
                type: http_proxy
                httpMethod: GET
                uri: %s/items/{id}
                payloadFormatVersion: "1.0"
          /$default:
            x-amazon-apigateway-any-method:
              x-amazon-apigateway-integration:
                type: aws_proxy
                uri: %s
                payloadFormatVersion: "2.0"
        x-amazon-apigateway-cors:
          allowOrigins: ["https://example.com"]
          allowMethods: ["GET"]
        """
            .formatted(backendUrl, echoArn);
    var imported = apigw.importApi(r -> r.body(yaml));
    assertEquals("imported-items", imported.name());
    assertEquals("1.2", imported.version());
    assertEquals(List.of("https://example.com"), imported.corsConfiguration().allowOrigins());
    String apiId = imported.apiId();
    assertEquals(2, apigw.getRoutes(r -> r.apiId(apiId)).items().size());
    apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
    HttpResponse<String> item = get(url(apiId, "/items/9"));
    assertEquals(200, item.statusCode(), item.body());
    assertEquals("/items/9", JSON.readTree(item.body()).path("path").asText());
    assertEquals("$default", routeKeyOf(get(url(apiId, "/elsewhere"))));

    String exported = apigw.exportApi(r -> r.apiId(apiId).specification("OAS30").outputType("JSON")).body().asUtf8String();
    JsonNode doc = JSON.readTree(exported);
    assertEquals("3.0.1", doc.path("openapi").asText());
    JsonNode get = doc.path("paths").path("/items/{id}").path("get");
    assertEquals("http_proxy", get.path("x-amazon-apigateway-integration").path("type").asText());
    assertEquals("id", get.path("parameters").get(0).path("name").asText());
    assertEquals("aws_proxy", doc.path("paths").path("/$default").path("x-amazon-apigateway-any-method").path("x-amazon-apigateway-integration").path("type").asText());
    String again = apigw.importApi(r -> r.body(exported)).apiId();
    assertEquals(2, apigw.getRoutes(r -> r.apiId(again)).items().size());
    String yamlOut = apigw.exportApi(r -> r.apiId(apiId).specification("OAS30").outputType("YAML")).body().asUtf8String();
    assertTrue(yamlOut.contains("openapi: \"3.0.1\""), yamlOut);

    org.junit.jupiter.api.Assertions.assertThrows(
        software.amazon.awssdk.services.apigatewayv2.model.BadRequestException.class, () -> apigw.importApi(r -> r.body("{not openapi")));
    apigw.reimportApi(r -> r.apiId(apiId).body(yaml.replace("/items/{id}", "/things/{id}")));
    assertEquals(200, get(url(apiId, "/things/9")).statusCode(), "reimport redeploys the auto-deploy stage");
  }

  @Test
  void payloadFormat2SendsABareStringAsTheJsonBody() throws Exception {
    String apiId = lambdaApi("2.0", "GET /text");
    HttpResponse<String> r = get(url(apiId, "/text"));
    // The function's response is the body, unchanged: here the JSON string it returned.
    assertEquals(200, r.statusCode());
    assertEquals("\"just text\"", r.body());
    assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
  }

  @Test
  void anIntegrationThatOutlivesItsTimeoutIs504OnTheVirtualClock() throws Exception {
    String apiId = apigw.createApi(r -> r.name("timeout").protocolType(ProtocolType.HTTP)).apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("GET").integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/slow"))
            .integrationId();
    assertEquals(30000, apigw.getIntegration(r -> r.apiId(apiId).integrationId(integrationId)).timeoutInMillis());
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /slow").target("integrations/" + integrationId));
    apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
    var pending = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url(apiId, "/slow"))).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(arrivals.tryAcquire(60, java.util.concurrent.TimeUnit.SECONDS), "the backend got the request");
    fogbank.advance(Duration.ofSeconds(30));
    HttpResponse<String> r = pending.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(504, r.statusCode());
  }

  @Test
  void sqsSendMessageIntegrationSendsTheMappedMessage() throws Exception {
    var sqs = fogbank.client(software.amazon.awssdk.services.sqs.SqsClient.builder());
    String queueUrl = sqs.createQueue(r -> r.queueName("orders-" + System.nanoTime())).queueUrl();
    String apiId = apigw.createApi(r -> r.name("sqs").protocolType(ProtocolType.HTTP)).apiId();
    String integrationId =
        apigw.createIntegration(
                r ->
                    r.apiId(apiId)
                        .integrationType(IntegrationType.AWS_PROXY)
                        .integrationSubtype("SQS-SendMessage")
                        .payloadFormatVersion("1.0")
                        .credentialsArn("arn:aws:iam::000000000000:role/apigw-sqs")
                        .requestParameters(Map.of("QueueUrl", queueUrl, "MessageBody", "$request.body.order")))
            .integrationId();
    apigw.createRoute(r -> r.apiId(apiId).routeKey("POST /orders").target("integrations/" + integrationId));
    apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url(apiId, "/orders"))).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"order\":\"o-42\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(JSON.readTree(r.body()).has("MessageId"), r.body());
    var received = sqs.receiveMessage(m -> m.queueUrl(queueUrl)).messages();
    assertEquals(1, received.size());
    assertEquals("o-42", received.get(0).body());
  }

  /** A raw HTTP/1.1 GET with its own Host header (the JDK client does not let one be set). */
  private static String rawGet(String host, String path) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fogbank.endpoint().getPort())) {
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theHostFormAndCustomDomainsReachTheApi() throws Exception {
    String apiId = apigw.createApi(r -> r.name("hosted").protocolType(ProtocolType.HTTP)).apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("GET").integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/{proxy}"))
            .integrationId();
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /{proxy+}").target("integrations/" + integrationId));
    apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
    apigw.createStage(r -> r.apiId(apiId).stageName("beta").autoDeploy(true));
    String port = ":" + fogbank.endpoint().getPort();
    String viaDefault = rawGet(apiId + ".execute-api.localhost" + port, "/a/b?x=1");
    assertTrue(viaDefault.startsWith("HTTP/1.1 200"), viaDefault);
    assertTrue(viaDefault.contains("\"path\":\"/a/b\""), viaDefault);
    // The greedy path parameter reaches the backend encoded as it came.
    String encoded = rawGet(apiId + ".execute-api.localhost" + port, "/x%20y/z");
    assertTrue(encoded.contains("\"path\":\"/x%20y/z\""), encoded);
    // A first segment naming a stage selects it (LocalStack's host name works alike).
    String viaBeta = rawGet(apiId + ".execute-api.localhost.localstack.cloud" + port, "/beta/c");
    assertTrue(viaBeta.contains("\"path\":\"/c\""), viaBeta);
    String viaLocalStackPath = get(fogbank.endpoint() + "/restapis/" + apiId + "/beta/_user_request_/d").body();
    assertTrue(viaLocalStackPath.contains("\"path\":\"/d\""), viaLocalStackPath);
    String viaNewerLocalStackPath = get(fogbank.endpoint() + "/_aws/execute-api/" + apiId + "/beta/g").body();
    assertTrue(viaNewerLocalStackPath.contains("\"path\":\"/g\""), viaNewerLocalStackPath);
    // A stage that names none of the API's: API Gateway's 404.
    String noStage = rawGet("localhost" + port, "/_fogbank/apigatewayv2/" + apiId + "/%7Enone/a");
    assertTrue(noStage.startsWith("HTTP/1.1 404") && noStage.contains("{\"message\":\"Not Found\"}"), noStage);
    String unknown = rawGet("zzzzzzzzzz.execute-api.localhost" + port, "/a");
    assertTrue(unknown.startsWith("HTTP/1.1 4"), "another module's or nobody's API: " + unknown);

    apigw.createDomainName(r -> r.domainName("shop.example.com"));
    apigw.createApiMapping(r -> r.domainName("shop.example.com").apiId(apiId).stage("beta").apiMappingKey("store"));
    String viaDomain = rawGet("shop.example.com" + port, "/store/e/f");
    assertTrue(viaDomain.startsWith("HTTP/1.1 200"), viaDomain);
    assertTrue(viaDomain.contains("\"path\":\"/e/f\""), viaDomain);

    apigw.updateApi(r -> r.apiId(apiId).disableExecuteApiEndpoint(true));
    HttpResponse<String> disabled = get(fogbank.endpoint() + "/_fogbank/apigatewayv2/" + apiId + "/beta/c");
    assertEquals(403, disabled.statusCode());
    assertEquals("{\"message\":\"Forbidden\"}", disabled.body());
    assertTrue(rawGet("shop.example.com" + port, "/store/e/f").startsWith("HTTP/1.1 200"), "custom domains still answer");
  }
}
