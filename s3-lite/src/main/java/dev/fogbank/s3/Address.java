package dev.fogbank.s3;

import dev.fogbank.core.protocol.AwsRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bucket and key a request addresses: virtual-hosted style ({@code
 * bucket.s3.localhost.localstack.cloud}, {@code bucket.localhost}, {@code
 * bucket.s3.amazonaws.com}) or path style ({@code /bucket/key}). The key is the raw path
 * percent-decoded once; {@code +} stays a plus, as S3 reads paths.
 */
record Address(String bucket, String key) {

  private static final String[] HOST_SUFFIXES = {
    ".s3.localhost.localstack.cloud", ".s3.amazonaws.com", ".localhost"
  };

  static Address of(AwsRequest request) {
    String raw = request.uri();
    int q = raw.indexOf('?');
    String path = decode(q < 0 ? raw : raw.substring(0, q));
    if (path.startsWith("http://") || path.startsWith("https://")) {
      int slash = path.indexOf('/', path.indexOf("//") + 2);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    String hostBucket = hostBucket(request.hostName());
    if (hostBucket != null) {
      String key = path.length() > 1 ? path.substring(1) : null;
      return new Address(hostBucket, key);
    }
    if (path.length() <= 1) {
      return new Address(null, null);
    }
    int slash = path.indexOf('/', 1);
    if (slash < 0) {
      return new Address(path.substring(1), null);
    }
    String key = path.substring(slash + 1);
    return new Address(path.substring(1, slash), key.isEmpty() ? null : key);
  }

  /** The bucket a virtual host names, or null for a plain endpoint host. */
  static String hostBucket(String host) {
    for (String suffix : HOST_SUFFIXES) {
      if (host.endsWith(suffix) && host.length() > suffix.length()) {
        String bucket = host.substring(0, host.length() - suffix.length());
        if (suffix.equals(".localhost") && (bucket.equals("s3") || bucket.endsWith(".s3"))) {
          return bucket.equals("s3") ? null : bucket.substring(0, bucket.length() - 3);
        }
        return bucket.equals("s3") ? null : bucket;
      }
    }
    return null;
  }

  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() + 0 && i + 2 <= s.length() - 1) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
