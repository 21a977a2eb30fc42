package dev.fogbank.apigatewayv2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/** A WebSocket API answered by a MOCK integration: two-way replies and API Gateway's quotas. */
class WebSocketMockIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static String apiId;
  private static com.sun.net.httpserver.HttpServer backend;

  @BeforeAll
  static void createApi() throws java.io.IOException {
    ApiGatewayV2Client apigw = fogbank.client(ApiGatewayV2Client.builder());
    apiId = apigw.createApi(r -> r.name("mock").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
    String integrationId =
        apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK).requestTemplates(Map.of("200", "{\"statusCode\":200}")))
            .integrationId();
    apigw.createIntegrationResponse(
        r -> r.apiId(apiId).integrationId(integrationId).integrationResponseKey("$default").responseTemplates(Map.of("200", "pong from $context.routeKey")));
    String routeId = apigw.createRoute(r -> r.apiId(apiId).routeKey("ping").target("integrations/" + integrationId)).routeId();
    apigw.createRouteResponse(r -> r.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    apigw.createRoute(r -> r.apiId(apiId).routeKey("oneway").target("integrations/" + integrationId));
    apigw.createModel(
        r -> r.apiId(apiId).name("Checked").schema("{\"type\":\"object\",\"required\":[\"n\"],\"properties\":{\"n\":{\"type\":\"integer\"}}}"));
    String checked =
        apigw.createRoute(
                r ->
                    r.apiId(apiId)
                        .routeKey("checked")
                        .target("integrations/" + integrationId)
                        .modelSelectionExpression("$default")
                        .requestModels(Map.of("$default", "Checked")))
            .routeId();
    apigw.createRouteResponse(r -> r.apiId(apiId).routeId(checked).routeResponseKey("$default"));
    backend = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext(
        "/relay",
        exchange -> {
          byte[] body =
              ("relayed " + new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                      + " for " + exchange.getRequestHeaders().getFirst("connectionId"))
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    backend.start();
    String relay =
        apigw.createIntegration(
                r ->
                    r.apiId(apiId)
                        .integrationType(IntegrationType.HTTP_PROXY)
                        .integrationMethod("POST")
                        .integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/relay"))
            .integrationId();
    String relayRoute = apigw.createRoute(r -> r.apiId(apiId).routeKey("relay").target("integrations/" + relay)).routeId();
    apigw.createRouteResponse(r -> r.apiId(apiId).routeId(relayRoute).routeResponseKey("$default"));
    String plain =
        apigw.createIntegration(
                r ->
                    r.apiId(apiId)
                        .integrationType(IntegrationType.HTTP)
                        .integrationMethod("POST")
                        .integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/relay"))
            .integrationId();
    // A non-proxy integration answers through an integration response; without templates the
    // integration's answer passes as it is.
    apigw.createIntegrationResponse(r -> r.apiId(apiId).integrationId(plain).integrationResponseKey("$default"));
    String plainRoute = apigw.createRoute(r -> r.apiId(apiId).routeKey("plain").target("integrations/" + plain)).routeId();
    apigw.createRouteResponse(r -> r.apiId(apiId).routeId(plainRoute).routeResponseKey("$default"));
    String templated =
        apigw.createIntegration(
                r ->
                    r.apiId(apiId)
                        .integrationType(IntegrationType.HTTP)
                        .integrationMethod("POST")
                        .integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/relay")
                        .templateSelectionExpression("\\$default")
                        .requestTemplates(Map.of("$default", "{\"said\":$input.json('$.text'),\"on\":\"${context.routeKey}\"}")))
            .integrationId();
    apigw.createIntegrationResponse(
        r -> r.apiId(apiId).integrationId(templated).integrationResponseKey("/2\\d\\d/").responseTemplates(Map.of("$default", "backend: $input.body")));
    String templatedRoute = apigw.createRoute(r -> r.apiId(apiId).routeKey("templated").target("integrations/" + templated)).routeId();
    apigw.createRouteResponse(r -> r.apiId(apiId).routeId(templatedRoute).routeResponseKey("$default"));
    String deploymentId = apigw.createDeployment(r -> r.apiId(apiId)).deploymentId();
    apigw.createStage(r -> r.apiId(apiId).stageName("dev").deploymentId(deploymentId));
    apigw.createStage(
        r -> r.apiId(apiId).stageName("slow").deploymentId(deploymentId).defaultRouteSettings(t -> t.throttlingBurstLimit(1).throttlingRateLimit(1.0)));
  }

  private static final class Client implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.add(statusCode);
      return null;
    }
  }

  private static Client connect() {
    return connect("dev");
  }

  private static Client connect(String stage) {
    Client c = new Client();
    String url = "ws://localhost:" + fogbank.endpoint().getPort() + "/_fogbank/apigatewayv2/" + apiId + "/" + stage;
    c.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), c).join();
    return c;
  }

  @Test
  void aTwoWayMockRouteRepliesAndAOneWayRouteDoesNot() throws Exception {
    Client c = connect();
    c.ws.sendText("{\"action\":\"oneway\"}", true).join();
    c.ws.sendText("{\"action\":\"ping\"}", true).join();
    assertEquals("pong from ping", c.messages.poll(30, TimeUnit.SECONDS));
    assertNull(c.messages.poll(200, TimeUnit.MILLISECONDS));
    // No route matches and there is no $default route: API Gateway answers with a Forbidden message.
    c.ws.sendText("{\"action\":\"nothing\"}", true).join();
    assertTrue(c.messages.poll(30, TimeUnit.SECONDS).startsWith("{\"message\":\"Forbidden\""));
  }

  @org.junit.jupiter.api.AfterAll
  static void stopBackend() {
    backend.stop(0);
  }

  @Test
  void anHttpProxyRouteRelaysTheMessage() throws Exception {
    Client c = connect();
    c.ws.sendText("{\"action\":\"relay\"}", true).join();
    String reply = c.messages.poll(30, TimeUnit.SECONDS);
    assertTrue(reply != null && reply.startsWith("relayed {\"action\":\"relay\"} for "), reply);
    // An HTTP (non-proxy) integration without templates passes the message through alike.
    c.ws.sendText("{\"action\":\"plain\"}", true).join();
    String plain = c.messages.poll(30, TimeUnit.SECONDS);
    assertTrue(plain != null && plain.startsWith("relayed {\"action\":\"plain\"} for "), plain);
    // Request and response templates of a non-proxy integration.
    c.ws.sendText("{\"action\":\"templated\",\"text\":\"hi\"}", true).join();
    String templated = c.messages.poll(30, TimeUnit.SECONDS);
    assertTrue(templated != null && templated.startsWith("backend: relayed {\"said\":\"hi\",\"on\":\"templated\"} for "), templated);
  }

  @Test
  void aMessageOver128KbClosesTheConnection() throws Exception {
    Client c = connect();
    String big = "x".repeat(30 * 1024);
    for (int i = 0; i < 4; i++) {
      c.ws.sendText(big, false).join();
    }
    c.ws.sendText(big, true);
    // 1009 Message Too Big (RFC 6455): API Gateway's message quota is 128 KB.
    assertEquals(1009, c.closed.poll(30, TimeUnit.SECONDS));
  }

  /**
   * The JDK client splits long messages into frames of its own size, so this one speaks RFC 6455
   * on a socket: one masked text frame of 33 KB.
   */
  @Test
  void aFrameOver32KbClosesTheConnection() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("localhost", fogbank.endpoint().getPort())) {
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      var in = new java.io.DataInputStream(socket.getInputStream());
      out.write(
          ("GET /_fogbank/apigatewayv2/" + apiId + "/dev HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      String status = readLine(in);
      assertTrue(status.startsWith("HTTP/1.1 101"), status);
      while (!readLine(in).isEmpty()) {
        // response headers
      }
      int length = 33 * 1024;
      var frame = new java.io.ByteArrayOutputStream();
      frame.write(0x81); // FIN, text
      frame.write(0x80 | 126); // masked, 16-bit length
      frame.write(length >> 8);
      frame.write(length & 0xff);
      frame.write(new byte[4]); // a zero mask leaves the payload as it is
      frame.write("z".repeat(length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(frame.toByteArray());
      out.flush();
      int opcode = in.readUnsignedByte() & 0x0f;
      int len = in.readUnsignedByte() & 0x7f;
      assertEquals(0x8, opcode, "a close frame");
      assertTrue(len >= 2);
      // 1009 Message Too Big: API Gateway's frame quota is 32 KB.
      assertEquals(1009, in.readUnsignedShort());
    }
  }

  private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) != -1 && b != '\n'; ) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Test
  void anActiveConnectionStillEndsAfterTwoHours() throws Exception {
    Client c = connect();
    for (int i = 0; i < 13; i++) {
      c.ws.sendText("{\"action\":\"ping\"}", true).join();
      assertEquals("pong from ping", c.messages.poll(30, TimeUnit.SECONDS));
      assertTrue(c.closed.isEmpty(), "open after " + (i * 9) + " minutes");
      fogbank.advance(Duration.ofMinutes(9));
    }
    // 13 × 9 minutes = 117; the 2-hour limit falls within the next advance.
    fogbank.advance(Duration.ofMinutes(9));
    assertEquals(1001, c.closed.poll(30, TimeUnit.SECONDS));
  }

  @Test
  void deletingTheApiClosesItsConnections() throws Exception {
    ApiGatewayV2Client apigw = fogbank.client(ApiGatewayV2Client.builder());
    String doomed = apigw.createApi(r -> r.name("doomed").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = apigw.createIntegration(r -> r.apiId(doomed).integrationType(IntegrationType.MOCK)).integrationId();
    apigw.createRoute(r -> r.apiId(doomed).routeKey("$default").target("integrations/" + integrationId));
    String deploymentId = apigw.createDeployment(r -> r.apiId(doomed)).deploymentId();
    apigw.createStage(r -> r.apiId(doomed).stageName("dev").deploymentId(deploymentId));
    Client c = new Client();
    c.ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://localhost:" + fogbank.endpoint().getPort() + "/_fogbank/apigatewayv2/" + doomed + "/dev"), c)
            .join();
    apigw.deleteApi(r -> r.apiId(doomed));
    assertEquals(1001, c.closed.poll(30, TimeUnit.SECONDS));
  }

  @Test
  void aRouteWithAModelValidatesTheMessage() throws Exception {
    Client c = connect();
    c.ws.sendText("{\"action\":\"checked\",\"n\":1}", true).join();
    assertEquals("pong from checked", c.messages.poll(30, TimeUnit.SECONDS));
    c.ws.sendText("{\"action\":\"checked\",\"n\":\"one\"}", true).join();
    assertTrue(c.messages.poll(30, TimeUnit.SECONDS).startsWith("{\"message\":\"Invalid request body\""));
    c.ws.sendText("{\"action\":\"checked\"}", true).join();
    assertTrue(c.messages.poll(30, TimeUnit.SECONDS).startsWith("{\"message\":\"Invalid request body\""));
  }

  @Test
  void stageThrottlingLimitsConnectsAndMessagesPerRoute() throws Exception {
    Client c = connect("slow");
    c.ws.sendText("{\"action\":\"ping\"}", true).join();
    assertEquals("pong from ping", c.messages.poll(30, TimeUnit.SECONDS));
    c.ws.sendText("{\"action\":\"ping\"}", true).join();
    assertTrue(c.messages.poll(30, TimeUnit.SECONDS).startsWith("{\"message\":\"Too Many Requests\""));
    var refused = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CompletionException.class, () -> connect("slow"));
    assertEquals(429, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    fogbank.advance(Duration.ofSeconds(1));
    c.ws.sendText("{\"action\":\"ping\"}", true).join();
    assertEquals("pong from ping", c.messages.poll(30, TimeUnit.SECONDS));
  }
}
