package dev.fogbank.apigatewayv2.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter mapping of HTTP APIs (AWS: "Transforming API requests and responses"), without HTTP. */
class ParameterMappingTest {

  private static Invocation invocation() {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.add("X-In", "one");
    headers.add("Content-Type", "application/json");
    AwsRequest request = new AwsRequest("POST", "/orders/7?q=a&q=b", headers, "{\"order\":{\"id\":\"o-1\"}}".getBytes(StandardCharsets.UTF_8));
    Api api = new Api("000000000000", "us-east-1", "a1b2c3d4e5", Json.object());
    ObjectNode stage = Json.object();
    stage.putObject("StageVariables").put("env", "test");
    Invocation inv = new Invocation(request, api, "$default", stage, null, "/orders/7", "/orders/7", "q=a&q=b", "req-1", Instant.EPOCH, "a1b2c3d4e5.execute-api.localhost");
    inv.pathParameters = Map.of("id", "7");
    return inv;
  }

  @Test
  void requestMappingsReadTheOriginalRequest() {
    Invocation inv = invocation();
    ObjectNode mappings = Json.object();
    mappings.put("append:header.x-in", "$request.querystring.q");
    mappings.put("overwrite:header.x-env", "$stageVariables.env");
    mappings.put("overwrite:querystring.order", "$request.body.order.id");
    mappings.put("remove:querystring.q", "''");
    mappings.put("overwrite:path", "/v2/orders/${request.path.id}");
    String path = ParameterMapping.request(mappings, inv);
    assertEquals("/v2/orders/7", path);
    assertEquals(List.of("one", "a,b"), inv.headers.get("x-in"));
    assertEquals(List.of("test"), inv.headers.get("x-env"));
    assertEquals(List.of("o-1"), inv.query.get("order"));
    assertNull(inv.query.get("q"));
  }

  @Test
  void responseMappingsApplyForTheIntegrationsStatus() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Out", "1");
    headers.put("X-Secret", "s");
    AwsResponse response = new AwsResponse(200, headers, "{}".getBytes(StandardCharsets.UTF_8));
    ObjectNode mappings = Json.object();
    ObjectNode ok = mappings.putObject("200");
    ok.put("overwrite:statuscode", "204");
    ok.put("append:header.x-out", "$context.requestId");
    ok.put("remove:header.x-secret", "''");
    mappings.putObject("500").put("overwrite:statuscode", "503");
    AwsResponse mapped = ParameterMapping.response(mappings, invocation(), response);
    assertEquals(204, mapped.status());
    assertEquals("1,req-1", mapped.headers().get("X-Out"));
    assertFalse(mapped.headers().containsKey("X-Secret"));
  }
}
