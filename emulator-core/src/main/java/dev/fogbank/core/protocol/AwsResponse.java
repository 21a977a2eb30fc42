package dev.fogbank.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response ready for the wire: status, headers and body — the bytes, or a {@link StreamedBody}
 * the server copies from a file or stream to the connection without holding it in memory.
 *
 * <p>A header sent several times ({@code Set-Cookie}, an API's multi-value headers) keeps its
 * values in one map entry separated by {@link #VALUE_SEPARATOR}: a line feed can never be part of
 * an HTTP header value, so the separator is unambiguous, and the server writes one header line per
 * value.
 */
public record AwsResponse(int status, Map<String, String> headers, byte[] body, StreamedBody stream) {

  /** Separates the values of a header sent more than once. */
  public static final char VALUE_SEPARATOR = '\n';

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

  /** Adds one more value for a header, sent as a header line of its own. */
  public AwsResponse addHeader(String name, String value) {
    headers.merge(name, value, (a, b) -> a + VALUE_SEPARATOR + b);
    return this;
  }

  /** The values of a header as the server writes them: one per line sent. */
  public static List<String> values(String headerValue) {
    return headerValue.indexOf(VALUE_SEPARATOR) < 0
        ? List.of(headerValue)
        : List.of(headerValue.split(String.valueOf(VALUE_SEPARATOR), -1));
  }
}
