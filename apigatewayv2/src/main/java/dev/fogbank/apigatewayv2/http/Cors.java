package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.AwsResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP API's CorsConfiguration, answered by API Gateway itself (AWS: "Configuring CORS for an
 * HTTP API"): a preflight {@code OPTIONS} gets 204 with the allowed origin, methods, headers and
 * max age, whatever routes exist; other responses get the origin, credentials and exposed headers.
 * A request whose origin is not allowed gets no CORS headers.
 */
final class Cors {

  private Cors() {}

  static boolean isPreflight(Invocation inv) {
    return inv.method.equals("OPTIONS") && inv.header("origin") != null && inv.header("access-control-request-method") != null;
  }

  static AwsResponse preflight(JsonNode cors, Invocation inv) {
    Map<String, String> headers = new LinkedHashMap<>();
    String origin = allowedOrigin(cors, inv.header("origin"));
    if (origin != null) {
      headers.put("access-control-allow-origin", origin);
      String methods = join(cors.path("AllowMethods"));
      if (!methods.isEmpty()) {
        headers.put("access-control-allow-methods", methods);
      }
      String allowHeaders = join(cors.path("AllowHeaders"));
      if (!allowHeaders.isEmpty()) {
        headers.put("access-control-allow-headers", allowHeaders);
      }
      if (cors.has("MaxAge") && cors.path("MaxAge").asInt() >= 0) {
        headers.put("access-control-max-age", cors.path("MaxAge").asText());
      }
      if (cors.path("AllowCredentials").asBoolean(false)) {
        headers.put("access-control-allow-credentials", "true");
      }
    }
    return new AwsResponse(204, headers, new byte[0]);
  }

  static void apply(JsonNode cors, Invocation inv, Map<String, String> headers) {
    String origin = allowedOrigin(cors, inv.header("origin"));
    if (origin == null) {
      return;
    }
    headers.put("access-control-allow-origin", origin);
    if (cors.path("AllowCredentials").asBoolean(false)) {
      headers.put("access-control-allow-credentials", "true");
    }
    String expose = join(cors.path("ExposeHeaders"));
    if (!expose.isEmpty()) {
      headers.put("access-control-expose-headers", expose);
    }
  }

  private static String allowedOrigin(JsonNode cors, String origin) {
    if (origin == null) {
      return null;
    }
    for (JsonNode o : cors.path("AllowOrigins")) {
      if (o.asText().equals("*")) {
        return "*";
      }
      if (o.asText().equalsIgnoreCase(origin)) {
        return origin;
      }
    }
    return null;
  }

  private static String join(JsonNode list) {
    StringBuilder out = new StringBuilder();
    for (JsonNode v : list) {
      if (!out.isEmpty()) {
        out.append(',');
      }
      out.append(v.asText());
    }
    return out.toString();
  }
}
