package dev.fogbank.apigatewayv2.ws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda proxy event of WebSocket APIs: {@code requestContext} with {@code routeKey}, {@code
 * eventType} (CONNECT, MESSAGE, DISCONNECT), {@code connectionId}, {@code domainName}, {@code
 * stage}, {@code apiId}; the handshake's headers and query string on CONNECT; the message as
 * {@code body} on MESSAGE; the close code and reason on DISCONNECT.
 */
final class WebSocketEvents {

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private WebSocketEvents() {}

  static ObjectNode event(Connection c, String routeKey, String eventType, String requestId, Instant now) {
    ObjectNode e = Json.object();
    ObjectNode ctx = e.putObject("requestContext");
    ctx.put("routeKey", routeKey);
    if (eventType.equals("MESSAGE")) {
      ctx.put("messageId", UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "=");
    }
    ctx.put("eventType", eventType);
    ctx.put("extendedRequestId", requestId);
    ctx.put("requestTime", REQUEST_TIME.format(now));
    ctx.put("messageDirection", "IN");
    ctx.put("stage", c.stage);
    ctx.put("connectedAt", c.connectedAt.toEpochMilli());
    ctx.put("requestTimeEpoch", now.toEpochMilli());
    ObjectNode identity = ctx.putObject("identity");
    identity.put("sourceIp", c.sourceIp);
    if (c.userAgent != null) {
      identity.put("userAgent", c.userAgent);
    }
    ctx.put("requestId", requestId);
    ctx.put("domainName", c.api.id() + ".execute-api.localhost");
    ctx.put("connectionId", c.id);
    ctx.put("apiId", c.api.id());
    if (c.authorizer != null) {
      ctx.set("authorizer", c.authorizer.deepCopy());
    }
    e.put("isBase64Encoded", false);
    com.fasterxml.jackson.databind.JsonNode variables;
    synchronized (c.api) {
      ObjectNode stage = c.api.stages().get(c.stage);
      variables = stage == null ? null : stage.path("StageVariables").deepCopy();
    }
    if (variables != null && variables.isObject() && !variables.isEmpty()) {
      e.set("stageVariables", variables);
    }
    return e;
  }

  static void handshake(ObjectNode e, AwsRequest head) {
    ObjectNode headers = e.putObject("headers");
    ObjectNode multi = e.putObject("multiValueHeaders");
    head.headers().forEach(h -> {
      headers.put(h.getKey(), h.getValue());
      ((ArrayNode) (multi.has(h.getKey()) ? multi.get(h.getKey()) : multi.putArray(h.getKey()))).add(h.getValue());
    });
    if (!head.query().isEmpty()) {
      ObjectNode q = e.putObject("queryStringParameters");
      ObjectNode mq = e.putObject("multiValueQueryStringParameters");
      for (Map.Entry<String, List<String>> p : head.query().entrySet()) {
        q.put(p.getKey(), p.getValue().get(p.getValue().size() - 1));
        ArrayNode a = mq.putArray(p.getKey());
        p.getValue().forEach(a::add);
      }
    }
  }
}
