package dev.fogbank.s3;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.store.S3Object;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Conditional requests as S3 evaluates them (RFC 7232 with S3's precedence): If-Match and
 * If-Unmodified-Since fail with 412 PreconditionFailed; If-None-Match and If-Modified-Since with
 * 304 Not Modified on reads. When If-Match holds, If-Unmodified-Since is ignored; when
 * If-None-Match fails, If-Modified-Since is ignored.
 */
final class Conditions {

  private Conditions() {}

  static void checkRead(AwsRequest request, S3Object object, String prefix) {
    String ifMatch = request.header(prefix + "If-Match");
    String ifNoneMatch = request.header(prefix + "If-None-Match");
    Long ifModifiedSince = date(request.header(prefix + "If-Modified-Since"));
    Long ifUnmodifiedSince = date(request.header(prefix + "If-Unmodified-Since"));
    long modified = object.lastModified() / 1000 * 1000;
    if (ifMatch != null) {
      if (!etagMatches(ifMatch, object.etag())) {
        throw S3Errors.preconditionFailed(prefix.isEmpty() ? "If-Match" : "x-amz-copy-source-If-Match");
      }
    } else if (ifUnmodifiedSince != null && modified > ifUnmodifiedSince) {
      throw S3Errors.preconditionFailed(prefix.isEmpty() ? "If-Unmodified-Since" : "x-amz-copy-source-If-Unmodified-Since");
    }
    if (ifNoneMatch != null) {
      if (etagMatches(ifNoneMatch, object.etag())) {
        throw notModified(object, prefix);
      }
    } else if (ifModifiedSince != null && modified <= ifModifiedSince) {
      throw notModified(object, prefix);
    }
  }

  private static S3Exception notModified(S3Object object, String prefix) {
    if (!prefix.isEmpty()) {
      return S3Errors.preconditionFailed("x-amz-copy-source-If-None-Match");
    }
    return new S3Exception("NotModified", "Not Modified", 304)
        .header("ETag", object.etag())
        .header("Last-Modified", S3Engine.httpDate(object.lastModified()));
  }

  /**
   * Conditional writes: {@code If-None-Match: *} fails when the key exists, {@code If-Match} when
   * the current ETag differs (or the key is absent: 404 NoSuchKey).
   */
  static void checkWrite(AwsRequest request, S3Object current, String key) {
    String ifNoneMatch = request.header("If-None-Match");
    if (ifNoneMatch != null && current != null && !current.deleteMarker()) {
      throw S3Errors.preconditionFailed("If-None-Match");
    }
    String ifMatch = request.header("If-Match");
    if (ifMatch != null) {
      if (current == null || current.deleteMarker()) {
        throw S3Errors.noSuchKey(key);
      }
      if (!etagMatches(ifMatch, current.etag())) {
        throw S3Errors.preconditionFailed("If-Match");
      }
    }
  }

  static boolean etagMatches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || c.equals(etag) || ("\"" + c + "\"").equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static Long date(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
