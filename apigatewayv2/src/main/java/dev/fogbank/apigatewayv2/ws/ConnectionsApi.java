package dev.fogbank.apigatewayv2.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.apigatewayv2.http.InvokeTarget;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The {@code @connections} management API (the SDKs' ApiGatewayManagementApi, signing name {@code
 * execute-api}) on a WebSocket API's own host and stage: {@code POST /{stage}/@connections/{id}}
 * sends the body to the client, {@code GET} describes the connection, {@code DELETE} closes it. A
 * connection that is not open answers 410 GoneException; a body over 128 KB 413
 * PayloadTooLargeException.
 */
public final class ConnectionsApi {

  private static final String MARKER = "/@connections/";

  private final ApiStore store;
  private final WebSocketApiEndpoint endpoint;

  public ConnectionsApi(ApiStore store, WebSocketApiEndpoint endpoint) {
    this.store = store;
    this.endpoint = endpoint;
  }

  public boolean matches(AwsRequest request) {
    InvokeTarget target = InvokeTarget.of(request);
    if (target == null || !target.rest().contains(MARKER)) {
      return false;
    }
    Api api = store.find(target.apiId());
    return api != null && api.isWebSocket();
  }

  public AwsResponse serve(AwsRequest request) {
    try {
      return serveChecked(request);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(ConnectionsApi.class).error("@connections request {} failed", request, e);
      return error(500, "InternalServerErrorException", "Internal server error");
    }
  }

  private AwsResponse serveChecked(AwsRequest request) {
    InvokeTarget target = InvokeTarget.of(request);
    String rest = target.rest();
    String id = URLDecoder.decode(rest.substring(rest.indexOf(MARKER) + MARKER.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
    Connection c = endpoint.connection(id);
    if (c == null || !c.api.id().equals(target.apiId()) || !c.session.isOpen()) {
      return error(410, "GoneException", null);
    }
    return switch (request.method()) {
      case "POST" -> post(c, request.body());
      case "GET" -> get(c);
      case "DELETE" -> {
        endpoint.disconnect(c);
        yield new AwsResponse(204, new java.util.LinkedHashMap<>(), new byte[0]);
      }
      default -> error(403, "ForbiddenException", "Forbidden");
    };
  }

  private static AwsResponse post(Connection c, byte[] body) {
    if (body.length > WebSocketApiEndpoint.MAX_MESSAGE) {
      return error(413, "PayloadTooLargeException", "Message too long");
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
      c.session.sendText(text);
    } catch (CharacterCodingException e) {
      c.session.sendBinary(body);
    }
    return new AwsResponse(200, new java.util.LinkedHashMap<>(), new byte[0]);
  }

  private static AwsResponse get(Connection c) {
    ObjectNode out = Json.object();
    out.put("connectedAt", iso(c.connectedAt));
    ObjectNode identity = out.putObject("identity");
    identity.put("sourceIp", c.sourceIp);
    if (c.userAgent != null) {
      identity.put("userAgent", c.userAgent);
    }
    out.put("lastActiveAt", iso(c.lastActiveAt));
    return AwsResponse.of(200, "application/json", Json.bytes(out));
  }

  private static String iso(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  private static AwsResponse error(int status, String code, String message) {
    ObjectNode body = Json.object();
    if (message == null) {
      body.putNull("message");
    } else {
      body.put("message", message);
    }
    AwsResponse r = AwsResponse.of(status, "application/json", Json.bytes(body));
    r.headers().put("x-amzn-ErrorType", code);
    return r;
  }
}
