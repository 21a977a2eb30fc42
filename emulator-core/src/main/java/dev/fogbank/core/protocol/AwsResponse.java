package dev.fogbank.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response ready for the wire: status, headers and body. */
public record AwsResponse(int status, Map<String, String> headers, byte[] body) {

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

  public AwsResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
