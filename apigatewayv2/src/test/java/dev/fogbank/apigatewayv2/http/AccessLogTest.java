package dev.fogbank.apigatewayv2.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Access log lines from a stage's format and $context variables. */
class AccessLogTest {

  @Test
  void fillsContextVariablesAndDashesForMissingOnes() {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.add("X-Forwarded-For", "10.0.0.7");
    AwsRequest request = new AwsRequest("GET", "/items/1", headers, new byte[0]);
    Api api = new Api("000000000000", "us-east-1", "a1b2c3d4e5", Json.object());
    ObjectNode stage = Json.object();
    Invocation inv =
        new Invocation(request, api, "$default", stage, null, "/items/1", "/items/1", "", "req-9", Instant.parse("2020-03-12T19:03:58Z"), "a1b2c3d4e5.execute-api.localhost");
    inv.route = Json.object().put("RouteKey", "GET /items/{id}");
    AwsResponse response = AwsResponse.of(200, "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    String line =
        AccessLog.format(
            "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"requestTime\":\"$context.requestTime\","
                + "\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
                + "\"error\":\"$context.error.message\"}",
            inv,
            response,
            12);
    assertEquals(
        "{\"requestId\":\"req-9\",\"ip\":\"10.0.0.7\",\"requestTime\":\"12/Mar/2020:19:03:58 +0000\",\"routeKey\":\"GET /items/{id}\","
            + "\"status\":\"200\",\"responseLength\":\"7\",\"error\":\"-\"}",
        line);
  }
}
