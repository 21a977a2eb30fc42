package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Function URLs served over plain HTTP: the payload 2.0 event in, the function's response out. */
class LambdaUrlIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  /** Echoes the event back; paths under /status answer with their own status, headers and cookies. */
  private static final String HANDLER =
      """
      import json

      def handler(event, context):
          path = event["rawPath"]
          if path == "/fail":
              raise RuntimeError("boom")
          if path == "/plain":
              return {"hello": "world"}
          if path.startswith("/status"):
              return {
                  "statusCode": 201,
                  "headers": {"Content-Type": "text/plain", "X-Custom": "yes"},
                  "cookies": ["session=abc; Path=/", "theme=dark"],
                  "body": "created",
              }
          return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(event)}
      """;

  private record Url(String name, String url, String id) {}

  private Url create(FunctionUrlAuthType auth, boolean cors) {
    String name = Functions.uniqueName("url");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", HANDLER), b -> {});
    String url =
        lambda
            .createFunctionUrlConfig(
                c -> {
                  c.functionName(name).authType(auth);
                  if (cors) {
                    c.cors(
                        o ->
                            o.allowOrigins("https://example.com")
                                .allowMethods("GET", "POST")
                                .allowHeaders("content-type")
                                .maxAge(300)
                                .allowCredentials(true));
                  }
                })
            .functionUrl();
    String id = URI.create(url).getHost().split("\\.")[0];
    return new Url(name, url, id);
  }

  private HttpResponse<String> viaPath(String id, String pathAndQuery, HttpRequest.Builder b) throws Exception {
    URI uri = URI.create(fogbank.endpoint() + "/_fogbank/lambda-url/" + id + pathAndQuery);
    return HTTP.send(b.uri(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pathFormPassesThePayload20EventAndReturnsTheFunctionsResponse() throws Exception {
    Url url = create(FunctionUrlAuthType.NONE, false);
    HttpResponse<String> r =
        viaPath(
            url.id(),
            "/items/7?color=red&size=L",
            HttpRequest.newBuilder()
                .header("Content-Type", "application/json")
                .header("Cookie", "a=1; b=2")
                .header("User-Agent", "fogbank-test")
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    JsonNode event = JSON.readTree(r.body());
    // Payload format 2.0 as Lambda documents it for function URLs.
    assertEquals("2.0", event.path("version").asText());
    assertEquals("$default", event.path("routeKey").asText());
    assertEquals("/items/7", event.path("rawPath").asText());
    assertEquals("color=red&size=L", event.path("rawQueryString").asText());
    assertEquals("red", event.path("queryStringParameters").path("color").asText());
    assertEquals("a=1", event.path("cookies").get(0).asText());
    assertEquals("b=2", event.path("cookies").get(1).asText());
    assertTrue(event.path("headers").has("content-type"));
    assertFalse(event.path("headers").has("cookie"));
    assertEquals("{\"k\":1}", event.path("body").asText());
    assertFalse(event.path("isBase64Encoded").asBoolean());
    JsonNode context = event.path("requestContext");
    assertEquals("anonymous", context.path("accountId").asText());
    assertEquals(url.id(), context.path("apiId").asText());
    assertEquals(url.id(), context.path("domainPrefix").asText());
    assertEquals("POST", context.path("http").path("method").asText());
    assertEquals("/items/7", context.path("http").path("path").asText());
    assertEquals("fogbank-test", context.path("http").path("userAgent").asText());
    assertEquals("$default", context.path("stage").asText());
    assertTrue(context.path("timeEpoch").asLong() > 0);
    assertFalse(context.path("requestId").asText().isEmpty());
  }

  @Test
  void structuredResultSetsStatusHeadersCookiesAndBody() throws Exception {
    Url url = create(FunctionUrlAuthType.NONE, false);
    HttpResponse<String> r = viaPath(url.id(), "/status", HttpRequest.newBuilder().GET());
    assertEquals(201, r.statusCode());
    assertEquals("created", r.body());
    assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("yes", r.headers().firstValue("X-Custom").orElseThrow());
    assertEquals(List.of("session=abc; Path=/", "theme=dark"), r.headers().allValues("Set-Cookie"));
  }

  @Test
  void bareObjectIsA200JsonResponse() throws Exception {
    Url url = create(FunctionUrlAuthType.NONE, false);
    HttpResponse<String> r = viaPath(url.id(), "/plain", HttpRequest.newBuilder().GET());
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("world", JSON.readTree(r.body()).path("hello").asText());
  }

  @Test
  void functionErrorIs502() throws Exception {
    Url url = create(FunctionUrlAuthType.NONE, false);
    HttpResponse<String> r = viaPath(url.id(), "/fail", HttpRequest.newBuilder().GET());
    assertEquals(502, r.statusCode());
    assertEquals("Internal Server Error", JSON.readTree(r.body()).path("Message").asText());
  }

  @Test
  void unknownUrlIsForbidden() throws Exception {
    HttpResponse<String> r = viaPath("nosuchurl0000000000000000000000", "/", HttpRequest.newBuilder().GET());
    assertEquals(403, r.statusCode());
  }

  @Test
  void corsPreflightIsAnsweredFromTheConfigAndResponsesCarryTheOrigin() throws Exception {
    Url url = create(FunctionUrlAuthType.NONE, true);
    HttpResponse<String> pre =
        viaPath(
            url.id(),
            "/",
            HttpRequest.newBuilder()
                .header("Origin", "https://example.com")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, pre.statusCode());
    assertEquals("https://example.com", pre.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertEquals("GET,POST", pre.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
    assertEquals("content-type", pre.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
    assertEquals("300", pre.headers().firstValue("Access-Control-Max-Age").orElseThrow());
    assertEquals("true", pre.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
    HttpResponse<String> get = viaPath(url.id(), "/plain", HttpRequest.newBuilder().header("Origin", "https://example.com").GET());
    assertEquals("https://example.com", get.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    HttpResponse<String> other = viaPath(url.id(), "/plain", HttpRequest.newBuilder().header("Origin", "https://evil.test").GET());
    assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }

  @Test
  void hostFormRoutesByTheUrlsHostName() throws Exception {
    Url url = create(FunctionUrlAuthType.AWS_IAM, false);
    URI u = URI.create(url.url());
    assertTrue(u.getHost().endsWith(".lambda-url.us-east-1.localhost"), url.url());
    Map<String, String> headers = new LinkedHashMap<>();
    String body = rawGet(u.getHost() + ":" + fogbank.endpoint().getPort(), "/hello?x=1", headers);
    assertEquals("200", headers.get(":status"), body);
    JsonNode event = JSON.readTree(body);
    assertEquals("/hello", event.path("rawPath").asText());
    assertEquals("x=1", event.path("rawQueryString").asText());
    // AWS_IAM: the request is accepted and the event names the account instead of "anonymous".
    assertEquals("000000000000", event.path("requestContext").path("accountId").asText());
    assertEquals(u.getHost(), event.path("requestContext").path("domainName").asText());
    assertNull(event.get("cookies"));
  }

  /** A GET with an arbitrary Host header, which java.net.http does not let a caller set. */
  private static String rawGet(String host, String path, Map<String, String> headers) throws Exception {
    URI endpoint = fogbank.endpoint();
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, split).split("\r\n");
      headers.put(":status", lines[0].split(" ")[1]);
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
      }
      return text.substring(split + 4);
    }
  }
}
