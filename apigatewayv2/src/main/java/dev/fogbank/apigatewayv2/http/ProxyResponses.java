package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Lambda proxy result as the HTTP response. Payload 2.0 infers a response when the function
 * returns JSON without {@code statusCode}: status 200, {@code application/json}, the returned
 * value as the body; payload 1.0 requires {@code statusCode}, anything else is a malformed
 * response and the client gets 500 (AWS: "Lambda function response for format 2.0").
 */
final class ProxyResponses {

  private ProxyResponses() {}

  /** The response, or null when the function's result is malformed. */
  static AwsResponse of(byte[] payload, boolean v2) {
    JsonNode result;
    try {
      result = Json.parse(payload);
    } catch (IOException e) {
      return null;
    }
    if (result == null || result.isMissingNode()) {
      return v2 ? inferred(payload) : null;
    }
    if (!result.isObject() || !result.has("statusCode")) {
      return v2 ? inferred(payload) : null;
    }
    JsonNode status = result.get("statusCode");
    if (!status.canConvertToInt() && !(status.isTextual() && status.asText().matches("\\d{3}"))) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    result.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
    result.path("multiValueHeaders").fields().forEachRemaining(h -> {
      StringBuilder joined = new StringBuilder();
      for (JsonNode v : h.getValue()) {
        if (!joined.isEmpty()) {
          joined.append(AwsResponse.VALUE_SEPARATOR);
        }
        joined.append(v.asText());
      }
      if (!joined.isEmpty()) {
        headers.put(h.getKey(), joined.toString());
      }
    });
    if (v2 && result.path("cookies").isArray() && !result.path("cookies").isEmpty()) {
      StringBuilder cookies = new StringBuilder();
      for (JsonNode c : result.path("cookies")) {
        if (!cookies.isEmpty()) {
          cookies.append(AwsResponse.VALUE_SEPARATOR);
        }
        cookies.append(c.asText());
      }
      headers.put("Set-Cookie", cookies.toString());
    }
    JsonNode body = result.get("body");
    byte[] bytes;
    if (body == null || body.isNull()) {
      bytes = new byte[0];
    } else if (result.path("isBase64Encoded").asBoolean(false)) {
      try {
        bytes = Base64.getDecoder().decode(body.asText());
      } catch (IllegalArgumentException e) {
        return null;
      }
    } else {
      bytes = (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
    }
    if (v2 && headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
      headers.put("Content-Type", "application/json");
    }
    return new AwsResponse(status.asInt(), headers, bytes);
  }

  private static AwsResponse inferred(byte[] payload) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    return new AwsResponse(200, headers, payload);
  }
}
