package dev.fogbank.apigw.vtl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code $util} variable of a mapping template: escapeJavaScript, parseJson, urlEncode,
 * urlDecode, base64Encode, base64Decode, as the API Gateway developer guide lists them.
 */
public final class UtilVariable {

  /** Escapes a string for a JavaScript/JSON string literal; single quotes too, as API Gateway does. */
  public String escapeJavaScript(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\'' -> b.append("\\'");
        case '\\' -> b.append("\\\\");
        case '/' -> b.append("\\/");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** A JSON string as an object a template can walk; null when it is not JSON. */
  public Object parseJson(String json) {
    try {
      JsonNode node = Json.parse(json);
      return Json.MAPPER.convertValue(node, Object.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public String urlEncode(String s) {
    return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public String urlDecode(String s) {
    return s == null ? "" : URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public String base64Encode(String s) {
    return s == null ? "" : Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  public String base64Decode(String s) {
    return s == null ? "" : new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }
}
