package dev.fogbank.core.routing;

import dev.fogbank.core.protocol.AwsRequest;

/**
 * What a Signature Version 4 credential scope says about a request —
 * {@code Credential=AKID/20260101/us-east-1/sqs/aws4_request} — from the Authorization header or a
 * presigned URL's {@code X-Amz-Credential}. Signatures are parsed, not verified.
 */
public record SigV4(String accessKeyId, String region, String service) {

  public static final SigV4 NONE = new SigV4(null, null, null);

  public static SigV4 of(AwsRequest request) {
    String auth = request.header("Authorization");
    if (auth != null) {
      int at = auth.indexOf("Credential=");
      if (at >= 0) {
        int end = auth.indexOf(',', at);
        return parse(auth.substring(at + 11, end < 0 ? auth.length() : end).trim());
      }
      // Signature version 2 and the S3 "AWS AKID:sig" form carry only the key.
      if (auth.startsWith("AWS ")) {
        int colon = auth.indexOf(':');
        return new SigV4(auth.substring(4, colon < 0 ? auth.length() : colon).trim(), null, null);
      }
    }
    String credential = request.queryParam("X-Amz-Credential");
    if (credential != null) {
      return parse(credential);
    }
    String accessKey = request.queryParam("AWSAccessKeyId");
    return accessKey != null ? new SigV4(accessKey, null, null) : NONE;
  }

  static SigV4 parse(String credential) {
    // AKID/date/region/service/aws4_request, read part by part; as with String.split, trailing
    // slashes end the scope, and a part it lacks is null
    int end = credential.length();
    while (end > 0 && credential.charAt(end - 1) == '/') {
      end--;
    }
    String[] parts = new String[4];
    int from = 0;
    for (int i = 0; i < parts.length && from <= end; i++) {
      int slash = credential.indexOf('/', from);
      int to = slash < 0 || slash > end ? end : slash;
      parts[i] = credential.substring(from, to);
      from = to + 1;
    }
    String key = parts[0];
    return new SigV4(key == null || key.isEmpty() ? null : key, parts[2], parts[3]);
  }
}
