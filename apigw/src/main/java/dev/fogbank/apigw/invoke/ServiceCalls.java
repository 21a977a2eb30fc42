package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS integrations to services other than Lambda, through the in-process client: the URI names
 * the service and either an action ({@code arn:aws:apigateway:us-east-1:dynamodb:action/PutItem},
 * the mapped body being the action's input — JSON, or a form for query-protocol services) or a
 * path ({@code arn:aws:apigateway:us-east-1:sqs:path/000000000000/orders}, SQS's queue URL path;
 * the form body's {@code Action} names the operation). The operation's output comes back as JSON,
 * as those services answer {@code Accept: application/json}; an AWS error comes back with its
 * status and {@code __type}/{@code message}, for integration responses to select on.
 */
public final class ServiceCalls {

  private final InProcessClient client;
  private final String endpoint;

  public ServiceCalls(InProcessClient client, String endpoint) {
    this.client = client;
    this.endpoint = endpoint;
  }

  public IntegrationResult call(Invocation inv, String uri, ObjectNode integration, Mapping.MappedRequest req) {
    String[] parts = uri.split(":", 6);
    if (parts.length < 6) {
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    String region = parts[3].isEmpty() ? inv.region : parts[3];
    String service = parts[4];
    String rest = parts[5];
    String body = new String(req.body(), StandardCharsets.UTF_8);
    ObjectNode input = input(body, req);
    String action;
    if (rest.startsWith("action/")) {
      action = rest.substring("action/".length());
    } else if (rest.startsWith("path/")) {
      action = input.path("Action").asText(null);
      if (service.equals("sqs")) {
        input.put("QueueUrl", endpoint + "/" + rest.substring("path/".length()));
      }
    } else {
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    input.remove("Action");
    input.remove("Version");
    String module = service.equals("states") ? "states" : service;
    if (action == null || !client.has(module)) {
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    try {
      JsonNode out = client.call(module, action, inv.accountId, region, input);
      return IntegrationResult.of(200, Json.bytes(out == null ? Json.object() : out));
    } catch (AwsException e) {
      ObjectNode err = Json.object();
      err.put("__type", e.code());
      err.put("message", e.getMessage());
      return IntegrationResult.of(e.status(), Json.bytes(err));
    }
  }

  private static ObjectNode input(String body, Mapping.MappedRequest req) {
    String type = null;
    for (Map.Entry<String, List<String>> h : req.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Type") && !h.getValue().isEmpty()) {
        type = h.getValue().get(0);
      }
    }
    String trimmed = body.trim();
    if ((type == null || !type.contains("x-www-form-urlencoded")) && trimmed.startsWith("{")) {
      try {
        JsonNode parsed = Json.parse(trimmed);
        if (parsed instanceof ObjectNode o) {
          return o;
        }
      } catch (RuntimeException e) {
        throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
      }
    }
    ObjectNode input = Json.object();
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : trimmed.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(k, v);
    }
    req.query().forEach((k, v) -> form.putIfAbsent(k, v.isEmpty() ? "" : v.get(0)));
    form.forEach(input::put);
    return input;
  }
}
