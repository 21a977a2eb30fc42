package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda proxy integration's output contract (format 1.0): an object of {@code statusCode},
 * {@code headers}, {@code multiValueHeaders}, {@code body} (a string) and {@code isBase64Encoded}
 * and nothing else. Anything else is what API Gateway logs as "Malformed Lambda proxy response"
 * and answers with a 502. Read as a token stream, since every proxied request parses one.
 */
public final class ProxyResponse {

  private ProxyResponse() {}

  /** The members as read; {@code headers} and {@code multiValueHeaders} merge only at the end. */
  private static final class Members {
    JsonToken statusToken;
    int status = 200;
    Map<String, String> headers;
    Map<String, List<String>> multiValueHeaders;
    boolean hasBody;
    byte[] bodyText;
    JsonToken base64Token;
    boolean base64;
  }

  /** The HTTP response the function's payload describes, or null when it is malformed. */
  public static IntegrationResult parse(byte[] payload) {
    Members m;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(payload)) {
      m = read(p, payload);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    if (m == null || m.status < 100 || m.status > 599) {
      return null;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (m.headers != null) {
      m.headers.forEach((k, v) -> headers.put(k, new ArrayList<>(List.of(v))));
    }
    if (m.multiValueHeaders != null) {
      // multiValueHeaders and headers merge; a name in both takes the multi-value list
      headers.putAll(m.multiValueHeaders);
    }
    byte[] body = new byte[0];
    if (m.hasBody) {
      if (m.base64Token != null && m.base64Token != JsonToken.VALUE_NULL && !m.base64Token.isBoolean()) {
        return null;
      }
      if (m.base64Token != null && m.base64) {
        try {
          body = Base64.getDecoder().decode(m.bodyText);
        } catch (IllegalArgumentException e) {
          return null;
        }
      } else {
        body = m.bodyText;
      }
    }
    return new IntegrationResult(m.status, headers, body, null, m.base64);
  }

  private static Members read(JsonParser p, byte[] payload) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    Members m = new Members();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "statusCode" -> {
          if (!status(p, v, m)) {
            return null;
          }
        }
        case "headers" -> {
          m.headers = null;
          if (v == JsonToken.VALUE_NULL) {
            continue;
          }
          if (v != JsonToken.START_OBJECT) {
            return null;
          }
          m.headers = new LinkedHashMap<>();
          for (JsonToken h = p.nextToken(); h != JsonToken.END_OBJECT; h = p.nextToken()) {
            String header = p.currentName();
            JsonToken hv = p.nextToken();
            if (hv.isStructStart()) {
              return null;
            }
            m.headers.put(header, text(p, hv));
          }
        }
        case "multiValueHeaders" -> {
          m.multiValueHeaders = null;
          if (v == JsonToken.VALUE_NULL) {
            continue;
          }
          if (v != JsonToken.START_OBJECT) {
            return null;
          }
          m.multiValueHeaders = new LinkedHashMap<>();
          for (JsonToken h = p.nextToken(); h != JsonToken.END_OBJECT; h = p.nextToken()) {
            String header = p.currentName();
            if (p.nextToken() != JsonToken.START_ARRAY) {
              return null;
            }
            List<String> values = new ArrayList<>();
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
              values.add(text(p, e));
            }
            m.multiValueHeaders.put(header, values);
          }
        }
        case "body" -> {
          m.hasBody = v != JsonToken.VALUE_NULL;
          if (!m.hasBody) {
            continue;
          }
          if (v != JsonToken.VALUE_STRING) {
            return null;
          }
          m.bodyText = stringBytes(p, payload);
        }
        case "isBase64Encoded" -> {
          m.base64Token = v;
          m.base64 = bool(p, v);
        }
        case "cookies" -> p.skipChildren();
        default -> {
          return null;
        }
      }
    }
    return m;
  }

  /** statusCode: a number, or a string of three digits; null means 200. */
  private static boolean status(JsonParser p, JsonToken v, Members m) throws IOException {
    m.statusToken = v;
    switch (v) {
      case VALUE_NULL -> m.status = 200;
      case VALUE_NUMBER_INT -> m.status = p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : p.getBigIntegerValue().intValue();
      case VALUE_STRING -> {
        String s = p.getText();
        if (s.length() != 3 || !digit(s.charAt(0)) || !digit(s.charAt(1)) || !digit(s.charAt(2))) {
          return false;
        }
        m.status = Integer.parseInt(s);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A scalar as Jackson's {@code asText()} renders it; a container as the empty text it gives. */
  private static String text(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NULL -> "null";
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> Integer.toString(p.getIntValue());
        case LONG -> Long.toString(p.getLongValue());
        default -> p.getBigIntegerValue().toString();
      };
      case VALUE_NUMBER_FLOAT -> Double.toString(p.getDoubleValue());
      default -> {
        p.skipChildren();
        yield "";
      }
    };
  }

  /** isBase64Encoded as Jackson's {@code asBoolean(false)} reads it. */
  private static boolean bool(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_TRUE -> true;
      case VALUE_STRING -> "true".equals(p.getText().trim());
      case VALUE_NUMBER_INT -> p.getBigIntegerValue().signum() != 0;
      case START_OBJECT, START_ARRAY -> {
        p.skipChildren();
        yield false;
      }
      default -> false;
    };
  }

  /**
   * The current string's UTF-8 bytes. A string of printable ASCII without escapes is its bytes in
   * the payload, copied once; anything else is decoded and encoded again.
   */
  private static byte[] stringBytes(JsonParser p, byte[] payload) throws IOException {
    long start = p.currentTokenLocation().getByteOffset();
    if (start >= 0 && start < payload.length && payload[(int) start] == '"') {
      int from = (int) start + 1;
      for (int i = from; i < payload.length; i++) {
        byte b = payload[i];
        if (b == '"') {
          return Arrays.copyOfRange(payload, from, i);
        }
        if (b == '\\' || b < 0x20 || b > 0x7e) {
          break;
        }
      }
    }
    return p.getText().getBytes(StandardCharsets.UTF_8);
  }
}
