package dev.fogbank.s3;

import dev.fogbank.core.error.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;

/** An S3 error: its code, message, status and the extra elements S3 puts in the error body. */
public final class S3Exception extends AwsException {

  private final Map<String, String> details = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();

  public S3Exception(String code, String message, int status) {
    super(code, message, status);
  }

  /** An element after Message, e.g. {@code <BucketName>}, {@code <Key>}. */
  public S3Exception with(String element, String value) {
    if (value != null) {
      details.put(element, value);
    }
    return this;
  }

  public S3Exception header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Map<String, String> elements() {
    return details;
  }

  Map<String, String> headers() {
    return headers;
  }
}
