package dev.fogbank.apigatewayv2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A WebSocket API with Lambda routes, driven by the JDK's WebSocket client: routing by action,
 * two-way routes, pushes through {@code @connections} from the function and from the SDK, the
 * $connect refusal, $disconnect, GoneException and the idle timeout on the virtual clock.
 */
class WebSocketApiIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * CONNECT refuses ?reject=1 and remembers an ?observer=; "push" sends through @connections with
   * boto3 (at the URL the stage variable "connections" holds); DISCONNECT tells the observer;
   * everything else echoes what the event says.
   */
  private static final String HANDLER =
      """
      import json, os, boto3

      observers = {}

      def client(ctx):
          return boto3.client("apigatewaymanagementapi", endpoint_url=endpoint, region_name="us-east-1")

      endpoint = None

      def handler(event, context):
          global endpoint
          endpoint = (event.get("stageVariables") or {}).get("connections")
          ctx = event["requestContext"]
          kind = ctx["eventType"]
          if kind == "CONNECT":
              qs = event.get("queryStringParameters") or {}
              if qs.get("reject") == "1":
                  return {"statusCode": 401}
              if "observer" in qs:
                  observers[ctx["connectionId"]] = qs["observer"]
              return {"statusCode": 200}
          if kind == "DISCONNECT":
              observer = observers.pop(ctx["connectionId"], None)
              if observer:
                  client(ctx).post_to_connection(ConnectionId=observer, Data=("gone:" + ctx["connectionId"]).encode())
              return {"statusCode": 200}
          body = event.get("body")
          try:
              message = json.loads(body)
          except Exception:
              message = {}
          if isinstance(message, dict) and message.get("action") == "push":
              client(ctx).post_to_connection(ConnectionId=ctx["connectionId"], Data=message["text"].encode())
              return {"statusCode": 200}
          return {"statusCode": 200, "body": json.dumps({
              "routeKey": ctx["routeKey"], "eventType": kind, "connectionId": ctx["connectionId"],
              "domainName": ctx["domainName"], "stage": ctx["stage"], "body": body,
              "authorizer": ctx.get("authorizer"), "isBase64Encoded": event.get("isBase64Encoded"),
              "endpoint": os.environ.get("AWS_ENDPOINT_URL")})}
      """;

  /** Allows ?token=good with a context; anything else is denied by policy. */
  private static final String CONNECT_AUTHORIZER =
      """
      def handler(event, context):
          good = (event.get("queryStringParameters") or {}).get("token") == "good"
          return {
              "principalId": "user-1",
              "policyDocument": {"Version": "2012-10-17", "Statement": [
                  {"Action": "execute-api:Invoke", "Effect": "Allow" if good else "Deny", "Resource": event["methodArn"]}]},
              "context": {"user": "ada"},
          }
      """;

  private static String apiId;
  private static String guardedApiId;

  @BeforeAll
  static void createApi() {
    ApiGatewayV2Client apigw = fogbank.client(ApiGatewayV2Client.builder());
    String arn = Functions.python(fogbank.client(LambdaClient.builder()), HANDLER);
    apiId = apigw.createApi(r -> r.name("chat").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY).integrationUri(arn)).integrationId();
    for (String key : new String[] {"$connect", "$disconnect", "$default", "echo", "push"}) {
      String routeId = apigw.createRoute(r -> r.apiId(apiId).routeKey(key).target("integrations/" + integrationId)).routeId();
      if (key.equals("echo") || key.equals("$default")) {
        // Two-way routes: a route response makes API Gateway send the integration's answer back.
        apigw.createRouteResponse(r -> r.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
      }
    }
    // A non-proxy (AWS) integration without templates: the message itself is the event.
    String rawArn = Functions.python(fogbank.client(LambdaClient.builder()), "def handler(event, context):\n    return {\"got\": event}\n");
    String rawIntegration = apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS).integrationUri(rawArn)).integrationId();
    apigw.createIntegrationResponse(r -> r.apiId(apiId).integrationId(rawIntegration).integrationResponseKey("$default"));
    String rawRoute = apigw.createRoute(r -> r.apiId(apiId).routeKey("raw").target("integrations/" + rawIntegration)).routeId();
    apigw.createRouteResponse(r -> r.apiId(apiId).routeId(rawRoute).routeResponseKey("$default"));
    String deploymentId = apigw.createDeployment(r -> r.apiId(apiId)).deploymentId();
    String authorizerArn = Functions.python(fogbank.client(LambdaClient.builder()), CONNECT_AUTHORIZER);
    guardedApiId = apigw.createApi(r -> r.name("guarded").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
    String guardedIntegration =
        apigw.createIntegration(r -> r.apiId(guardedApiId).integrationType(IntegrationType.AWS_PROXY).integrationUri(arn)).integrationId();
    String authorizerId =
        apigw.createAuthorizer(
                r -> r.apiId(guardedApiId).name("connect").authorizerType(AuthorizerType.REQUEST).authorizerUri(authorizerArn).identitySource("route.request.querystring.token"))
            .authorizerId();
    apigw.createRoute(
        r -> r.apiId(guardedApiId).routeKey("$connect").target("integrations/" + guardedIntegration).authorizationType(AuthorizationType.CUSTOM).authorizerId(authorizerId));
    String guardedDefault = apigw.createRoute(r -> r.apiId(guardedApiId).routeKey("$default").target("integrations/" + guardedIntegration)).routeId();
    apigw.createRouteResponse(r -> r.apiId(guardedApiId).routeId(guardedDefault).routeResponseKey("$default"));
    String guardedDeployment = apigw.createDeployment(r -> r.apiId(guardedApiId)).deploymentId();
    apigw.createStage(r -> r.apiId(guardedApiId).stageName("prod").deploymentId(guardedDeployment));
    String connections = fogbank.endpoint() + "/_fogbank/apigatewayv2/" + apiId + "/prod";
    apigw.createStage(
        r -> r.apiId(apiId).stageName("prod").deploymentId(deploymentId).stageVariables(java.util.Map.of("connections", connections)));
  }

  private static final class Client implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    WebSocket ws;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      messages.add(data.toString());
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.add(statusCode);
      return null;
    }

    String next() throws InterruptedException {
      String m = messages.poll(60, TimeUnit.SECONDS);
      assertNotNull(m, "no message within 60 s");
      return m;
    }
  }

  private static Client connect(String query) {
    return connect(apiId, query);
  }

  private static Client connect(String api, String query) {
    Client client = new Client();
    String url = "ws://localhost:" + fogbank.endpoint().getPort() + "/_fogbank/apigatewayv2/" + api + "/prod" + query;
    client.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60)).buildAsync(URI.create(url), client).join();
    return client;
  }

  private static ApiGatewayManagementApiClient management() {
    return ApiGatewayManagementApiClient.builder()
        .endpointOverride(URI.create(fogbank.endpoint() + "/_fogbank/apigatewayv2/" + apiId + "/prod"))
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private static String connectionIdOf(Client c) throws Exception {
    c.ws.sendText("{\"action\":\"echo\"}", true).join();
    return JSON.readTree(c.next()).path("connectionId").asText();
  }

  @Test
  void messagesAreRoutedByActionAndTwoWayRoutesAnswer() throws Exception {
    Client c = connect("");
    c.ws.sendText("{\"action\":\"echo\",\"text\":\"hi\"}", true).join();
    JsonNode echo = JSON.readTree(c.next());
    // The WebSocket event's requestContext (AWS: "Setting up WebSocket API integrations").
    assertEquals("echo", echo.path("routeKey").asText());
    assertEquals("MESSAGE", echo.path("eventType").asText());
    assertEquals("prod", echo.path("stage").asText());
    assertEquals(apiId + ".execute-api.localhost", echo.path("domainName").asText());
    assertEquals("{\"action\":\"echo\",\"text\":\"hi\"}", echo.path("body").asText());
    // The function's own SDK calls reach this server (its AWS_ENDPOINT_URL names the bound port).
    assertTrue(echo.path("endpoint").asText().endsWith(":" + fogbank.endpoint().getPort()), echo.toString());
    c.ws.sendText("not json", true).join();
    JsonNode fallback = JSON.readTree(c.next());
    assertEquals("$default", fallback.path("routeKey").asText());
    c.ws.sendText("{\"action\":\"unknown\"}", true).join();
    assertEquals("$default", JSON.readTree(c.next()).path("routeKey").asText());
    c.ws.sendText("{\"action\":\"raw\",\"n\":1}", true).join();
    assertEquals("{\"got\": {\"action\": \"raw\", \"n\": 1}}", c.next());
    // A binary message goes to $default, base64-encoded.
    c.ws.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
    JsonNode binary = JSON.readTree(c.next());
    assertEquals("$default", binary.path("routeKey").asText());
    assertEquals("AQID", binary.path("body").asText());
    assertTrue(binary.path("isBase64Encoded").asBoolean());
  }

  @Test
  void aFunctionPushesThroughConnectionsAndDisconnectReachesItsRoute() throws Exception {
    Client observer = connect("");
    String observerId = connectionIdOf(observer);
    observer.ws.sendText("{\"action\":\"push\",\"text\":\"pushed by the function\"}", true).join();
    assertEquals("pushed by the function", observer.next());

    Client leaving = connect("?observer=" + java.net.URLEncoder.encode(observerId, java.nio.charset.StandardCharsets.UTF_8));
    String leavingId = connectionIdOf(leaving);
    leaving.ws.sendClose(1000, "bye").join();
    assertEquals("gone:" + leavingId, observer.next());

    try (ApiGatewayManagementApiClient management = management()) {
      // A closed connection is GoneException, 410 (AWS: PostToConnection errors).
      GoneException gone =
          assertThrows(GoneException.class, () -> management.postToConnection(r -> r.connectionId(leavingId).data(SdkBytes.fromUtf8String("late"))));
      assertEquals(410, gone.statusCode());
      GetConnectionResponse info = management.getConnection(r -> r.connectionId(observerId));
      assertNotNull(info.connectedAt());
      assertNotNull(info.lastActiveAt());
      assertNotNull(info.identity().sourceIp());
      // 128 KB is a WebSocket message's quota (AWS: API Gateway quotas for WebSocket APIs).
      var tooLarge =
          assertThrows(
              software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException.class,
              () -> management.postToConnection(r -> r.connectionId(observerId).data(SdkBytes.fromUtf8String("x".repeat(128 * 1024 + 1)))));
      assertEquals(413, tooLarge.statusCode());
      management.postToConnection(r -> r.connectionId(observerId).data(SdkBytes.fromUtf8String("from the SDK")));
      assertEquals("from the SDK", observer.next());
      management.deleteConnection(r -> r.connectionId(observerId));
      assertEquals(1000, observer.closed.poll(60, TimeUnit.SECONDS));
      assertThrows(GoneException.class, () -> management.getConnection(r -> r.connectionId(observerId)));
    }
  }

  @Test
  void connectRouteMayRefuseTheHandshake() {
    CompletionException e = assertThrows(CompletionException.class, () -> connect("?reject=1"));
    assertTrue(e.getCause() instanceof WebSocketHandshakeException, String.valueOf(e.getCause()));
    assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
  }

  @Test
  void anIdleConnectionIsClosedAfterTenMinutes() throws Exception {
    Client c = connect("");
    connectionIdOf(c);
    fogbank.advance(Duration.ofMinutes(9));
    assertTrue(c.closed.isEmpty());
    fogbank.advance(Duration.ofMinutes(2));
    // API Gateway's idle timeout is 10 minutes; it closes with 1001 Going Away.
    assertEquals(1001, c.closed.poll(60, TimeUnit.SECONDS));
  }

  @Test
  void aConnectAuthorizerGuardsTheHandshakeAndItsContextReachesEveryEvent() throws Exception {
    // No identity source: 401 before the function is asked; a Deny policy: 403.
    CompletionException missing = assertThrows(CompletionException.class, () -> connect(guardedApiId, ""));
    assertEquals(401, ((WebSocketHandshakeException) missing.getCause()).getResponse().statusCode());
    CompletionException denied = assertThrows(CompletionException.class, () -> connect(guardedApiId, "?token=bad"));
    assertEquals(403, ((WebSocketHandshakeException) denied.getCause()).getResponse().statusCode());
    Client c = connect(guardedApiId, "?token=good");
    c.ws.sendText("hello", true).join();
    JsonNode echo = JSON.readTree(c.next());
    assertEquals("ada", echo.path("authorizer").path("user").asText());
    assertEquals("user-1", echo.path("authorizer").path("principalId").asText());
  }
}
