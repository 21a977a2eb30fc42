package dev.fogbank.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response ready for the wire: status, headers and body — the bytes, or a {@link StreamedBody}
 * the server copies from a file or stream to the connection without holding it in memory.
 */
public record AwsResponse(int status, Map<String, String> headers, byte[] body, StreamedBody stream) {

  public AwsResponse(int status, Map<String, String> headers, byte[] body) {
    this(status, headers, body, null);
  }

  public static AwsResponse of(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return new AwsResponse(status, headers, body);
  }

  public static AwsResponse text(int status, String contentType, String body) {
    return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A response whose body the server streams; {@code headers} must be mutable. */
  public static AwsResponse streamed(int status, Map<String, String> headers, StreamedBody stream) {
    return new AwsResponse(status, headers, new byte[0], stream);
  }

  public AwsResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
