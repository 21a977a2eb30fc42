package dev.fogbank.lambda.url;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A function URL's CORS configuration applied as Lambda applies it: a preflight ({@code OPTIONS}
 * with {@code Origin} and {@code Access-Control-Request-Method}) is answered by the URL itself
 * without invoking the function; other responses to an allowed origin carry the configured
 * {@code Access-Control-*} headers in place of any the function set.
 */
public final class UrlCors {

  private UrlCors() {}

  public static boolean isPreflight(AwsRequest request) {
    return request.method().equals("OPTIONS")
        && request.header("Origin") != null
        && request.header("Access-Control-Request-Method") != null;
  }

  public static AwsResponse preflight(JsonNode cors, AwsRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    String origin = allowedOrigin(cors, request.header("Origin"));
    if (origin != null) {
      headers.put("Access-Control-Allow-Origin", origin);
      put(headers, "Access-Control-Allow-Methods", cors.path("AllowMethods"));
      put(headers, "Access-Control-Allow-Headers", cors.path("AllowHeaders"));
      put(headers, "Access-Control-Expose-Headers", cors.path("ExposeHeaders"));
      if (cors.hasNonNull("MaxAge")) {
        headers.put("Access-Control-Max-Age", cors.get("MaxAge").asText());
      }
      if (cors.path("AllowCredentials").asBoolean(false)) {
        headers.put("Access-Control-Allow-Credentials", "true");
      }
    }
    return new AwsResponse(200, headers, new byte[0]);
  }

  /** Replaces the function's own CORS headers with the configured ones for an allowed origin. */
  public static void apply(JsonNode cors, AwsRequest request, Map<String, String> headers) {
    String origin = allowedOrigin(cors, request.header("Origin"));
    if (origin == null) {
      return;
    }
    headers.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    headers.put("Access-Control-Allow-Origin", origin);
    put(headers, "Access-Control-Expose-Headers", cors.path("ExposeHeaders"));
    if (cors.path("AllowCredentials").asBoolean(false)) {
      headers.put("Access-Control-Allow-Credentials", "true");
    }
  }

  /** {@code *} when every origin is allowed, the request's origin when it is listed, else null. */
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

  private static void put(Map<String, String> headers, String name, JsonNode list) {
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asText()));
    if (!values.isEmpty()) {
      headers.put(name, String.join(",", values));
    }
  }
}
