package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Lambda proxy integration's output contract (format 1.0): an object of {@code statusCode},
 * {@code headers}, {@code multiValueHeaders}, {@code body} (a string) and {@code isBase64Encoded}
 * and nothing else. Anything else is what API Gateway logs as "Malformed Lambda proxy response"
 * and answers with a 502.
 */
public final class ProxyResponse {

  private static final Set<String> KEYS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies");

  private ProxyResponse() {}

  /** The HTTP response the function's payload describes, or null when it is malformed. */
  public static IntegrationResult parse(byte[] payload) {
    JsonNode out;
    try {
      out = Json.parse(payload);
    } catch (Exception e) {
      return null;
    }
    if (out == null || !out.isObject()) {
      return null;
    }
    for (Iterator<String> it = out.fieldNames(); it.hasNext(); ) {
      if (!KEYS.contains(it.next())) {
        return null;
      }
    }
    int status = 200;
    JsonNode sc = out.get("statusCode");
    if (sc != null && !sc.isNull()) {
      if (sc.isIntegralNumber()) {
        status = sc.asInt();
      } else if (sc.isTextual() && sc.asText().matches("\\d{3}")) {
        status = Integer.parseInt(sc.asText());
      } else {
        return null;
      }
    }
    if (status < 100 || status > 599) {
      return null;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JsonNode h = out.get("headers");
    if (h != null && !h.isNull()) {
      if (!h.isObject()) {
        return null;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getValue().isContainerNode()) {
          return null;
        }
        headers.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue().asText());
      }
    }
    JsonNode mh = out.get("multiValueHeaders");
    if (mh != null && !mh.isNull()) {
      if (!mh.isObject()) {
        return null;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = mh.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getValue().isArray()) {
          return null;
        }
        // multiValueHeaders and headers merge; a name in both takes the multi-value list
        List<String> values = new ArrayList<>();
        f.getValue().forEach(v -> values.add(v.asText()));
        headers.put(f.getKey(), values);
      }
    }
    JsonNode b = out.get("body");
    byte[] body = new byte[0];
    if (b != null && !b.isNull()) {
      if (!b.isTextual()) {
        return null;
      }
      JsonNode b64 = out.get("isBase64Encoded");
      if (b64 != null && !b64.isNull() && !b64.isBoolean()) {
        return null;
      }
      if (b64 != null && b64.asBoolean()) {
        try {
          body = Base64.getDecoder().decode(b.asText());
        } catch (IllegalArgumentException e) {
          return null;
        }
      } else {
        body = b.asText().getBytes(StandardCharsets.UTF_8);
      }
    }
    return new IntegrationResult(status, headers, body, null, out.path("isBase64Encoded").asBoolean(false));
  }
}
