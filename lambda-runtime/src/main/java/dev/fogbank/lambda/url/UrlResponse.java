package dev.fogbank.lambda.url;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's result as its URL answers it (Lambda's "Response payload" rules for function URLs):
 * an object with {@code statusCode} gives status, headers, cookies and body ({@code
 * isBase64Encoded} decoding it); any other valid JSON is a 200 {@code application/json} response
 * whose body is that JSON.
 */
public final class UrlResponse {

  private UrlResponse() {}

  /** The response, plus the cookies to set: each is its own Set-Cookie header. */
  public record Mapped(AwsResponse response, List<String> cookies) {}

  public static Mapped of(byte[] payload) {
    JsonNode result;
    try {
      result = payload.length == 0 ? null : Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      result = null;
    }
    if (result == null || !result.isObject() || !result.has("statusCode")) {
      return new Mapped(AwsResponse.of(200, "application/json", payload), List.of());
    }
    int status = result.path("statusCode").asInt(200);
    Map<String, String> headers = new LinkedHashMap<>();
    result.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
      headers.put("Content-Type", "application/json");
    }
    byte[] body = new byte[0];
    JsonNode b = result.get("body");
    if (b != null && !b.isNull()) {
      String text = b.isTextual() ? b.asText() : b.toString();
      body =
          result.path("isBase64Encoded").asBoolean(false)
              ? Base64.getMimeDecoder().decode(text)
              : text.getBytes(StandardCharsets.UTF_8);
    }
    List<String> cookies = new ArrayList<>();
    result.path("cookies").forEach(c -> cookies.add(c.asText()));
    return new Mapped(new AwsResponse(status, headers, body), cookies);
  }
}
