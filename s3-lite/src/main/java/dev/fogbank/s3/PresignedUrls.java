package dev.fogbank.s3;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.time.Clock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned URLs: SigV4 query-string authentication
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html). When checking is
 * on ({@code s3.verify-presigned-urls=true}), an expired URL answers 403 AccessDenied "Request has
 * expired" and a wrong signature 403 SignatureDoesNotMatch, computed with the configured secret
 * ({@code s3.secret-access-key}, default {@code test}); otherwise presigned URLs are accepted.
 */
final class PresignedUrls {

  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final boolean verify;
  private final String secret;
  private final Clock clock;

  PresignedUrls(boolean verify, String secret, Clock clock) {
    this.verify = verify;
    this.secret = secret;
    this.clock = clock;
  }

  void check(AwsRequest request) {
    String signature = request.queryParam("X-Amz-Signature");
    if (!verify || signature == null) {
      return;
    }
    String amzDate = request.queryParam("X-Amz-Date");
    String expires = request.queryParam("X-Amz-Expires");
    String credential = request.queryParam("X-Amz-Credential");
    String signedHeaders = request.queryParam("X-Amz-SignedHeaders");
    if (amzDate == null || expires == null || credential == null || signedHeaders == null) {
      throw S3Errors.accessDenied("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }
    long signedAt;
    long lifetime;
    try {
      signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
      lifetime = Long.parseLong(expires);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw S3Errors.accessDenied("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    }
    long now = clock.millis();
    if (now > signedAt + lifetime * 1000) {
      throw S3Errors.accessDenied("Request has expired")
          .with("X-Amz-Expires", expires)
          .with("Expires", SECONDS.format(java.time.Instant.ofEpochMilli(signedAt + lifetime * 1000)))
          .with("ServerTime", SECONDS.format(java.time.Instant.ofEpochMilli(now)));
    }
    String[] scope = credential.split("/", 2);
    String expected = sign(request, amzDate, scope[1], signedHeaders);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
      throw new S3Exception(
              "SignatureDoesNotMatch",
              "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
              403)
          .with("AWSAccessKeyId", scope[0]);
    }
  }

  private String sign(AwsRequest request, String amzDate, String scope, String signedHeaders) {
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    List<String[]> params = new ArrayList<>();
    request.query().forEach((k, values) -> {
      if (!k.equals("X-Amz-Signature")) {
        for (String v : values) {
          params.add(new String[] {encode(k), encode(v)});
        }
      }
    });
    params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder query = new StringBuilder();
    for (String[] p : params) {
      query.append(query.isEmpty() ? "" : "&").append(p[0]).append('=').append(p[1]);
    }
    StringBuilder headers = new StringBuilder();
    for (String name : signedHeaders.split(";")) {
      String value = request.header(name);
      headers.append(name.toLowerCase(Locale.ROOT)).append(':').append(value == null ? "" : value.trim().replaceAll("\\s+", " ")).append('\n');
    }
    String payload = request.queryParam("X-Amz-Content-Sha256");
    String canonical = request.method() + "\n" + path + "\n" + query + "\n" + headers + "\n" + signedHeaders + "\n"
        + (payload == null ? "UNSIGNED-PAYLOAD" : payload);
    String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
    String[] parts = scope.split("/");
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), parts[0]);
    key = hmac(key, parts[1]);
    key = hmac(key, parts[2]);
    key = hmac(key, "aws4_request");
    return hex(hmac(key, stringToSign));
  }

  /** SigV4's URI encoding: RFC 3986 unreserved characters stay, everything else is %XX. */
  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
