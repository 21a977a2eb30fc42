package dev.fogbank.apigw.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.protocol.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Access log lines: $context variables filled, absent ones as "-". */
class AccessLogsTest {

  @Test
  void formatFillsContextVariables() {
    RestApi api = new RestApi("000000000000", "us-east-1", Json.object().put("id", "abc").put("rootResourceId", "root"));
    api.resources.put("root", new ApiResource("root", null, null, "/"));
    Invocation inv = new Invocation();
    inv.deployed = api.freeze("d1");
    inv.requestId = "req-1";
    inv.stageName = "prod";
    inv.httpMethod = "GET";
    inv.path = "/pets";
    inv.requestPath = "/prod/pets";
    inv.requestTime = Instant.parse("2026-01-02T03:04:05Z");
    String line = AccessLogs.format("$context.requestId $context.identity.sourceIp $context.httpMethod $context.path $context.status"
        + " $context.responseLength $context.requestTime $context.authorizer.principalId $context.error.message", inv, 200, 12, 3, null);
    assertEquals("req-1 127.0.0.1 GET /prod/pets 200 12 02/Jan/2026:03:04:05 +0000 - -", line);
  }
}
