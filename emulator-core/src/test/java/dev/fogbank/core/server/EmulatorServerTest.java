package dev.fogbank.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.Emulator;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.engine.FixtureModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server on a real port: HTTP/1.1 connection handling, the request id on every answer, and
 * errors in the protocol's own shape (never an HTML page, never a bare 500).
 */
class EmulatorServerTest {

  private static final String JSON = "application/x-amz-json-1.0";
  private static Emulator emulator;
  private static FixtureModule sqs;

  @BeforeAll
  static void start() {
    sqs =
        new FixtureModule("sqs", "sqs-2012-11-05")
            .protocols(Protocol.AWS_JSON_1_0, Protocol.QUERY)
            .handler(
                "ListQueues",
                (ctx, in) -> {
                  var out = Json.object();
                  out.putArray("QueueUrls").add(ctx.endpoint() + "/000000000000/q");
                  return out;
                })
            .handler("SendMessage", (ctx, in) -> Json.object().put("MessageId", in.path("MessageBody").asText()))
            .handler(
                "DeleteQueue",
                (ctx, in) -> {
                  throw new IllegalStateException("a bug in an engine");
                });
    FixtureModule lambda =
        new FixtureModule("lambda", "lambda-2015-03-31")
            .handler(
                "GetFunction",
                (ctx, in) -> {
                  throw new AwsException(
                      "ResourceNotFoundException",
                      "Function not found: arn:aws:lambda:us-east-1:000000000000:function:" + in.path("FunctionName").asText(),
                      404);
                })
            .onStart(
                context ->
                    context
                        .admin()
                        .route(
                            "GET /_fogbank/test/cookies",
                            request ->
                                AwsResponse.text(200, "text/plain", "ok")
                                    .addHeader("Set-Cookie", "a=1")
                                    .addHeader("Set-Cookie", "b=2; Path=/")));
    emulator =
        Emulator.start(
            EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0).withVirtualTime(true, true),
            List.of(sqs, lambda));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static RawHttp connect() throws IOException {
    return new RawHttp(emulator.port());
  }

  private static String jsonRequest(String op, String body, String connection) {
    return "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AmazonSQS." + op + "\r\nContent-Type: " + JSON
        + "\r\nContent-Length: " + body.length() + "\r\n" + (connection == null ? "" : "Connection: " + connection + "\r\n")
        + "\r\n" + body;
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
    try (RawHttp http = connect()) {
      http.send(jsonRequest("ListQueues", "{}", null));
      RawHttp.Response first = http.read();
      http.send(jsonRequest("SendMessage", "{\"QueueUrl\":\"u\",\"MessageBody\":\"two\"}", null));
      RawHttp.Response second = http.read();
      assertEquals(200, first.status());
      assertEquals("{\"QueueUrls\":[\"http://localhost/000000000000/q\"]}", first.body());
      assertEquals("{\"MessageId\":\"two\"}", second.body());
      assertFalse(first.header("x-amzn-RequestId").equals(second.header("x-amzn-RequestId")));
    }
  }

  @Test
  void aHeaderWithSeveralValuesIsSentAsSeveralLines() throws IOException {
    try (RawHttp http = connect()) {
      http.send("GET /_fogbank/test/cookies HTTP/1.1\r\nHost: localhost\r\n\r\n");
      RawHttp.Response r = http.read();
      assertEquals(200, r.status());
      assertEquals("a=1\nb=2; Path=/", r.header("Set-Cookie"));
    }
  }

  @Test
  void connectionCloseIsHonoured() throws IOException {
    try (RawHttp http = connect()) {
      http.send(jsonRequest("ListQueues", "{}", "close"));
      assertEquals(200, http.read().status());
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void expectContinueGetsA100BeforeTheBody() throws IOException {
    String body = "{\"QueueUrl\":\"u\",\"MessageBody\":\"continued\"}";
    try (RawHttp http = connect()) {
      http.send(
          "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AmazonSQS.SendMessage\r\nContent-Type: " + JSON
              + "\r\nContent-Length: " + body.length() + "\r\nExpect: 100-continue\r\n\r\n");
      assertEquals(100, http.read().status());
      http.send(body);
      RawHttp.Response r = http.read();
      assertEquals(200, r.status());
      assertEquals("{\"MessageId\":\"continued\"}", r.body());
    }
  }

  @Test
  void chunkedRequestBodyIsAggregated() throws IOException {
    try (RawHttp http = connect()) {
      http.send(
          "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AmazonSQS.SendMessage\r\nContent-Type: " + JSON
              + "\r\nTransfer-Encoding: chunked\r\n\r\n"
              + chunk("{\"QueueUrl\":\"u\",")
              + chunk("\"MessageBody\":\"chunked\"}")
              + "0\r\n\r\n");
      RawHttp.Response r = http.read();
      assertEquals(200, r.status());
      assertEquals("{\"MessageId\":\"chunked\"}", r.body());
    }
  }

  private static String chunk(String data) {
    return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
  }

  @Test
  void queryProtocolOnTheSameServer() throws IOException {
    String body = "Action=ListQueues&Version=2012-11-05";
    try (RawHttp http = connect()) {
      http.send(
          "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
              + body.length() + "\r\n\r\n" + body);
      RawHttp.Response r = http.read();
      assertEquals(200, r.status());
      assertTrue(r.body().startsWith("<?xml"), r.body());
      assertTrue(r.body().contains("<RequestId>" + r.header("x-amzn-RequestId") + "</RequestId>"), r.body());
    }
  }

  @Test
  void unknownServiceAnswersTheProtocolsErrorShape() throws IOException {
    try (RawHttp http = connect()) {
      http.send("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: Nobody_2020.Op\r\nContent-Type: " + JSON
          + "\r\nContent-Length: 2\r\n\r\n{}");
      RawHttp.Response json = http.read();
      assertEquals(400, json.status());
      assertEquals("{\"__type\":\"UnknownOperationException\"}", json.body());
      assertNotNull(json.header("x-amzn-RequestId"));

      http.send("GET /no/such/path HTTP/1.1\r\nHost: localhost\r\n\r\n");
      RawHttp.Response xml = http.read();
      assertEquals(400, xml.status());
      assertTrue(xml.body().contains("<Code>UnknownService</Code>"), xml.body());
      assertFalse(xml.body().toLowerCase().contains("<html"));
    }
  }

  @Test
  void unknownOperationOfKnownServices() throws IOException {
    try (RawHttp http = connect()) {
      http.send(jsonRequest("NoSuchOperation", "{}", null));
      RawHttp.Response json = http.read();
      assertEquals(400, json.status());
      assertEquals("{\"__type\":\"UnknownOperationException\"}", json.body());

      // A REST path of Lambda's with a method no operation has: AWS's front end answers 404.
      http.send("PATCH /2015-03-31/functions/f HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
      RawHttp.Response rest = http.read();
      assertEquals(404, rest.status());
      assertEquals("<UnknownOperationException/>\n", rest.body());
      assertNotNull(rest.header("x-amzn-RequestId"));
    }
  }

  @Test
  void malformedBodyIsASerializationException() throws IOException {
    try (RawHttp http = connect()) {
      http.send(jsonRequest("SendMessage", "{\"QueueUrl\":", null));
      RawHttp.Response r = http.read();
      assertEquals(400, r.status());
      assertEquals("SerializationException", Json.parse(r.body()).path("__type").asText());
    }
  }

  @Test
  void engineBugIsAnInternalFailureNotABare500() throws IOException {
    try (RawHttp http = connect()) {
      http.send(jsonRequest("DeleteQueue", "{\"QueueUrl\":\"u\"}", null));
      RawHttp.Response r = http.read();
      assertEquals(500, r.status());
      assertEquals("InternalFailure", Json.parse(r.body()).path("__type").asText());
    }
  }

  @Test
  void unimplementedOperationIsNotImplemented() throws IOException {
    try (RawHttp http = connect()) {
      http.send(jsonRequest("PurgeQueue", "{\"QueueUrl\":\"u\"}", null));
      RawHttp.Response r = http.read();
      assertEquals(501, r.status());
      assertEquals("NotImplemented", Json.parse(r.body()).path("__type").asText());
    }
  }

  @Test
  void restJsonEngineErrorThroughTheServer() throws IOException {
    try (RawHttp http = connect()) {
      http.send("GET /2015-03-31/functions/missing HTTP/1.1\r\nHost: localhost\r\n\r\n");
      RawHttp.Response r = http.read();
      assertEquals(404, r.status());
      assertEquals("ResourceNotFoundException", r.header("x-amzn-ErrorType"));
      assertEquals(
          "{\"Type\":\"User\",\"Message\":\"Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing\"}",
          r.body());
    }
  }

  @Test
  void rootAnswersOneHealthLine() throws IOException {
    try (RawHttp http = connect()) {
      http.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
      RawHttp.Response r = http.read();
      assertEquals(200, r.status());
      assertEquals("healthy: fogbank\n", r.body());
      assertNotNull(r.header("x-amzn-RequestId"));
    }
  }

  @Test
  void healthEndpointsListTheServices() throws IOException {
    try (RawHttp http = connect()) {
      for (String path : List.of("/_fogbank/health", "/_localstack/health")) {
        http.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        RawHttp.Response r = http.read();
        assertEquals(200, r.status());
        JsonNode body = Json.parse(r.body());
        assertEquals("running", body.path("services").path("sqs").asText());
        assertEquals("running", body.path("services").path("lambda").asText());
      }
    }
  }

  @Test
  void resetEndpointsResetEveryService() throws IOException {
    int before = sqs.resets();
    try (RawHttp http = connect()) {
      http.send("POST /_fogbank/reset HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
      assertEquals(200, http.read().status());
      http.send("POST /_localstack/state/reset HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
      assertEquals(200, http.read().status());
    }
    assertEquals(before + 2, sqs.resets());
  }

  private static RawHttp.Response clock(RawHttp http, String body) throws IOException {
    if (body == null) {
      http.send("GET /_fogbank/clock HTTP/1.1\r\nHost: localhost\r\n\r\n");
    } else {
      http.send("POST /_fogbank/clock HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length() + "\r\n\r\n" + body);
    }
    return http.read();
  }

  @Test
  void clockEndpointAdvancesSetsAndRefusesToGoBack() throws IOException {
    try (RawHttp http = connect()) {
      JsonNode state = Json.parse(clock(http, null).body());
      assertTrue(state.path("virtual").asBoolean());
      assertTrue(state.path("frozen").asBoolean());
      Instant now = Instant.parse(state.path("now").asText());

      JsonNode advanced = Json.parse(clock(http, "{\"advance\":\"PT4M\"}").body());
      assertEquals(now.plusSeconds(240), Instant.parse(advanced.path("now").asText()));

      Instant later = now.plusSeconds(3600);
      JsonNode set = Json.parse(clock(http, "{\"set\":\"" + later + "\"}").body());
      assertEquals(later, Instant.parse(set.path("now").asText()));

      assertEquals(400, clock(http, "{\"set\":\"" + now + "\"}").status(), "time only moves forward");
      assertEquals(400, clock(http, "{\"advance\":\"-PT1S\"}").status());
      assertEquals(400, clock(http, "{\"advance\":\"soon\"}").status());
      assertEquals(400, clock(http, "not json").status());

      JsonNode thawed = Json.parse(clock(http, "{\"freeze\":false}").body());
      assertFalse(thawed.path("frozen").asBoolean());
      JsonNode frozen = Json.parse(clock(http, "{\"freeze\":true}").body());
      assertTrue(frozen.path("frozen").asBoolean());
    }
  }

  @Test
  void clockCannotBeMovedWithoutVirtualTime() throws IOException {
    try (Emulator system =
            Emulator.start(EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0), List.of());
        RawHttp http = new RawHttp(system.port())) {
      String body = "{\"advance\":\"PT1M\"}";
      http.send("POST /_fogbank/clock HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
      assertEquals(409, http.read().status());
    }
  }
}
