package dev.fogbank.core.protocol;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Raw HTTP/1.1 messages as golden files hold them: a start line, header lines, an empty line,
 * then the body byte for byte (line breaks in the head may be LF or CRLF).
 */
public final class HttpMessages {

  private HttpMessages() {}

  public static AwsRequest parseRequest(byte[] raw) {
    int[] split = headEnd(raw);
    String[] lines = new String(raw, 0, split[0], StandardCharsets.UTF_8).split("\r?\n");
    String[] start = lines[0].split(" ");
    HttpHeaders headers = new DefaultHttpHeaders();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, split[1], raw.length);
    return new AwsRequest(start[0], start[1], headers, body);
  }

  /** {@code HTTP/1.1 <status>}, the headers in the order the codec set them, an empty line, the body. */
  public static String render(AwsResponse response) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(response.status()).append('\n');
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
    }
    sb.append('\n');
    if (response.body() != null) {
      sb.append(new String(response.body(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  /** Where the head ends and where the body starts. */
  private static int[] headEnd(byte[] raw) {
    for (int i = 0; i < raw.length - 1; i++) {
      if (raw[i] == '\n' && raw[i + 1] == '\n') {
        return new int[] {i, i + 2};
      }
      if (raw[i] == '\n' && raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') {
        return new int[] {i - (i > 0 && raw[i - 1] == '\r' ? 1 : 0), i + 3};
      }
    }
    return new int[] {raw.length, raw.length};
  }
}
