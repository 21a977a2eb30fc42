package dev.fogbank.s3;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.store.S3Object;
import dev.fogbank.s3.upload.ChecksumAlgorithm;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The headers S3 stores with an object and returns on GET/HEAD. */
final class ObjectHeaders {

  /** Standard content headers S3 keeps as sent. */
  static final String[] CONTENT = {
    "Content-Type", "Content-Encoding", "Content-Disposition", "Content-Language", "Cache-Control", "Expires"
  };

  /** Server-side encryption headers recorded and echoed. */
  static final String[] ENCRYPTION = {
    "x-amz-server-side-encryption",
    "x-amz-server-side-encryption-aws-kms-key-id",
    "x-amz-server-side-encryption-context",
    "x-amz-server-side-encryption-bucket-key-enabled",
    "x-amz-server-side-encryption-customer-algorithm",
    "x-amz-server-side-encryption-customer-key-MD5"
  };

  private ObjectHeaders() {}

  static Map<String, String> content(AwsRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String h : CONTENT) {
      String v = request.header(h);
      if (v != null) {
        if (h.equals("Content-Encoding")) {
          v = withoutAwsChunked(v);
          if (v == null) {
            continue;
          }
        }
        out.put(h, v);
      }
    }
    out.putIfAbsent("Content-Type", "binary/octet-stream");
    return out;
  }

  /** {@code aws-chunked} describes the transfer, not the object: S3 drops it from what it stores. */
  static String withoutAwsChunked(String encoding) {
    StringBuilder sb = new StringBuilder();
    for (String part : encoding.split(",")) {
      String p = part.trim();
      if (!p.isEmpty() && !p.equalsIgnoreCase("aws-chunked")) {
        sb.append(sb.isEmpty() ? "" : ",").append(p);
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  static Map<String, String> userMetadata(AwsRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : request.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-amz-meta-")) {
        out.put(name.substring("x-amz-meta-".length()), h.getValue());
      }
    }
    return out;
  }

  static Map<String, String> encryption(AwsRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String h : ENCRYPTION) {
      String v = request.header(h);
      if (v != null) {
        out.put(h, v);
      }
    }
    return out;
  }

  /** The headers GET and HEAD answer for a version. */
  static void describe(S3Reply reply, S3Object object, boolean checksums) {
    reply.header("Last-Modified", S3Engine.httpDate(object.lastModified()));
    reply.header("ETag", object.etag());
    object.contentHeaders().forEach(reply::header);
    object.userMetadata().forEach((k, v) -> reply.header("x-amz-meta-" + k, v));
    object.encryption().forEach(reply::header);
    if (!object.versionId().equals(S3Object.NULL_VERSION)) {
      reply.header("x-amz-version-id", object.versionId());
    }
    if (object.storageClass() != null && !object.storageClass().equals("STANDARD")) {
      reply.header("x-amz-storage-class", object.storageClass());
    }
    if (!object.tags().isEmpty()) {
      reply.header("x-amz-tagging-count", String.valueOf(object.tags().size()));
    }
    if (object.partsCount() > 0) {
      reply.header("x-amz-mp-parts-count", String.valueOf(object.partsCount()));
    }
    if (checksums) {
      object.checksums().forEach((alg, value) -> reply.header(ChecksumAlgorithm.valueOf(alg).header(), value));
      if (!object.checksums().isEmpty()) {
        reply.header("x-amz-checksum-type", object.partsCount() > 0 ? "COMPOSITE" : "FULL_OBJECT");
      }
    }
    reply.header("Accept-Ranges", "bytes");
  }
}
