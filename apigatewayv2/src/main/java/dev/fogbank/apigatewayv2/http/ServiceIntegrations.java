package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import java.util.Map;

/**
 * AWS service integrations of HTTP APIs, by {@code IntegrationSubtype} (AWS: "Integration subtype
 * reference"): the integration's {@code RequestParameters} become the operation's input, their
 * values resolved against the request; the operation's result is the response body.
 */
final class ServiceIntegrations {

  private record Target(String service, String operation) {}

  private static final Map<String, Target> TARGETS =
      Map.of(
          "SQS-SendMessage", new Target("sqs", "SendMessage"),
          "SQS-ReceiveMessage", new Target("sqs", "ReceiveMessage"),
          "SQS-DeleteMessage", new Target("sqs", "DeleteMessage"),
          "SQS-PurgeQueue", new Target("sqs", "PurgeQueue"),
          "StepFunctions-StartExecution", new Target("stepfunctions", "StartExecution"),
          "StepFunctions-StartSyncExecution", new Target("stepfunctions", "StartSyncExecution"),
          "StepFunctions-StopExecution", new Target("stepfunctions", "StopExecution"),
          "EventBridge-PutEvents", new Target("events", "PutEvents"),
          "Kinesis-PutRecord", new Target("kinesis", "PutRecord"));

  private ServiceIntegrations() {}

  static AwsResponse call(InProcessClient client, String subtype, JsonNode parameters, Invocation inv) {
    Target target = TARGETS.get(subtype);
    if (target == null || !client.has(target.service())) {
      return HttpApiServer.message(500, "Internal Server Error");
    }
    ObjectNode input = Json.object();
    String region = inv.api.region();
    var it = parameters.fields();
    while (it.hasNext()) {
      var p = it.next();
      String value = MappingValues.resolve(p.getValue().asText(), e -> MappingValues.request(inv, e));
      if (p.getKey().equals("Region")) {
        region = value;
      } else if (p.getKey().equals("DelaySeconds")) {
        input.put("DelaySeconds", Integer.parseInt(value));
      } else if (p.getKey().equals("MessageAttributes") || p.getKey().equals("Resources")) {
        try {
          input.set(p.getKey(), Json.parse(value));
        } catch (RuntimeException e) {
          return HttpApiServer.message(400, "Bad Request");
        }
      } else {
        input.put(p.getKey(), value);
      }
    }
    if (target.operation().equals("PutEvents")) {
      ObjectNode entry = input.deepCopy();
      input.removeAll();
      input.putArray("Entries").add(entry);
    }
    try {
      JsonNode out = client.call(target.service(), target.operation(), inv.api.account(), region, input);
      return AwsResponse.of(200, "application/json", Json.bytes(out == null ? Json.object() : out));
    } catch (AwsException e) {
      ObjectNode body = Json.object();
      body.put("__type", e.code());
      body.put("message", e.getMessage());
      return AwsResponse.of(e.status(), "application/json", Json.bytes(body));
    }
  }
}
