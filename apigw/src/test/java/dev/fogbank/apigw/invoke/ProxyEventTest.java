package dev.fogbank.apigw.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.Deployed;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Lambda proxy integration's input (format 1.0), as the API Gateway developer guide's "Input
 * format of a Lambda function for proxy integration" lists it.
 */
class ProxyEventTest {

  private static Invocation invocation() {
    Invocation inv = new Invocation();
    inv.deployed = new Deployed("a1b2c3", "dep1", "000000000000", "us-east-1", Json.object(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    inv.resource = new ApiResource("res1", "root", "{proxy+}", "/{proxy+}");
    inv.method = Json.object().put("httpMethod", "ANY");
    inv.requestId = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
    inv.extendedRequestId = "abcdefghijklmno=";
    inv.requestTime = Instant.ofEpochMilli(1_700_000_000_123L);
    inv.httpMethod = "GET";
    inv.stageName = "prod";
    inv.accountId = "000000000000";
    inv.path = "/items/1";
    inv.requestPath = "/prod/items/1";
    inv.domainName = "a1b2c3.execute-api.localhost.localstack.cloud";
    inv.domainPrefix = "a1b2c3";
    return inv;
  }

  private static JsonNode event(Invocation inv) throws Exception {
    return Json.parse(ProxyEvent.bytes(inv));
  }

  @Test
  void membersComeInTheGuidesOrderWithEmptyMapsNull() throws Exception {
    JsonNode e = event(invocation());
    List<String> names = new ArrayList<>();
    e.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of("resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
            "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body", "isBase64Encoded"),
        names);
    assertEquals("/{proxy+}", e.path("resource").asText());
    assertEquals("/items/1", e.path("path").asText());
    for (String empty : List.of("headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters",
        "pathParameters", "stageVariables", "body")) {
      assertTrue(e.get(empty).isNull(), empty);
    }
    assertEquals(false, e.path("isBase64Encoded").asBoolean(true));
  }

  @Test
  void headersKeepTheLastValueAndMultiValueHeadersAll() throws Exception {
    Invocation inv = invocation();
    inv.headers.put("Accept", new ArrayList<>(List.of("text/plain", "application/json")));
    inv.headers.put("User-Agent", new ArrayList<>(List.of("curl/8")));
    inv.query.put("q", new ArrayList<>(List.of("1", "2")));
    inv.pathParameters.put("proxy", "items/1");
    inv.stageVariables.put("fn", "echo");
    JsonNode e = event(inv);
    assertEquals("application/json", e.path("headers").path("Accept").asText());
    assertEquals(2, e.path("multiValueHeaders").path("Accept").size());
    assertEquals("2", e.path("queryStringParameters").path("q").asText());
    assertEquals("1", e.path("multiValueQueryStringParameters").path("q").get(0).asText());
    assertEquals("items/1", e.path("pathParameters").path("proxy").asText());
    assertEquals("echo", e.path("stageVariables").path("fn").asText());
    assertEquals("curl/8", e.path("requestContext").path("identity").path("userAgent").asText());
  }

  @Test
  void requestContextNamesTheStageTheRequestAndItsTime() throws Exception {
    Invocation inv = invocation();
    inv.authorizer = Json.object().put("principalId", "user");
    JsonNode c = event(inv).path("requestContext");
    assertEquals("res1", c.path("resourceId").asText());
    assertEquals("/{proxy+}", c.path("resourcePath").asText());
    assertEquals("GET", c.path("httpMethod").asText());
    assertEquals("/prod/items/1", c.path("path").asText());
    assertEquals("prod", c.path("stage").asText());
    assertEquals("HTTP/1.1", c.path("protocol").asText());
    assertEquals("a1b2c3", c.path("apiId").asText());
    assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", c.path("requestId").asText());
    // requestTime in CLF format, requestTimeEpoch in milliseconds, as the guide's example shows
    assertEquals("14/Nov/2023:22:13:20 +0000", c.path("requestTime").asText());
    assertEquals(1_700_000_000_123L, c.path("requestTimeEpoch").asLong());
    assertTrue(c.path("identity").get("cognitoIdentityPoolId").isNull());
    assertEquals("127.0.0.1", c.path("identity").path("sourceIp").asText());
    assertEquals("user", c.path("authorizer").path("principalId").asText());
  }

  @Test
  void aTextBodyIsSentAsItIsAndABinaryOneInBase64() throws Exception {
    Invocation inv = invocation();
    inv.body = "{\"say\":\"h\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    JsonNode text = event(inv);
    assertEquals("{\"say\":\"h\u00e9\"}", text.path("body").asText());
    assertEquals(false, text.path("isBase64Encoded").asBoolean(true));
    inv.body = new byte[] {0, 1, 2, (byte) 0xff};
    inv.bodyIsBinary = true;
    JsonNode binary = event(inv);
    assertEquals("AAEC/w==", binary.path("body").asText());
    assertEquals(true, binary.path("isBase64Encoded").asBoolean(false));
  }

  @Test
  void theTreeFormCarriesTheSameMembers() throws Exception {
    Invocation inv = invocation();
    inv.headers.put("Host", new ArrayList<>(List.of("example.com")));
    ObjectNode tree = ProxyEvent.of(inv);
    assertEquals(event(inv), tree);
  }
}
