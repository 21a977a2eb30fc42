package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.StreamedBody;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.S3Object;
import dev.fogbank.s3.upload.BodyReceiver;
import dev.fogbank.s3.upload.ChecksumAlgorithm;
import dev.fogbank.s3.upload.ReceivedBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Single objects: PutObject, GetObject, HeadObject, DeleteObject. */
final class ObjectOperations {

  private final S3Engine engine;

  ObjectOperations(S3Engine engine) {
    this.engine = engine;
  }

  JsonNode put(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    S3Engine.checkKey(key);
    AwsRequest request = ctx.request();
    SseCustomer.checkHeaders(request);
    Conditions.checkWrite(request, bucket.current(key), key);
    Map<String, String> tags = Tagging.fromHeader(request.header("x-amz-tagging"));
    ReceivedBody body = BodyReceiver.receive(request, engine.data);
    S3Object object;
    List<S3Object> replaced;
    synchronized (bucket) {
      // Re-checked under the lock: two conditional writes racing, one wins (S3's 412 for the other).
      try {
        Conditions.checkWrite(request, bucket.current(key), key);
      } catch (S3Exception e) {
        dev.fogbank.s3.store.DataDirectory.delete(body.file());
        throw e;
      }
      object = newVersion(bucket, key, request, body, tags);
      replaced = bucket.put(object);
    }
    engine.discard(replaced);
    engine.notifications.objectCreated(ctx, bucket, object, "ObjectCreated:Put");
    S3Reply reply = S3Reply.ok().header("ETag", object.etag());
    versionHeader(reply, object);
    object.encryption().forEach(reply::header);
    body.checksums().forEach((alg, value) -> reply.header(alg.header(), value));
    if (!body.checksums().isEmpty()) {
      reply.header("x-amz-checksum-type", "FULL_OBJECT");
    }
    return reply.node();
  }

  S3Object newVersion(Bucket bucket, String key, AwsRequest request, ReceivedBody body, Map<String, String> tags) {
    Map<String, String> checksums = new LinkedHashMap<>();
    body.checksums().forEach((alg, value) -> checksums.put(alg.name(), value));
    String storageClass = request.header("x-amz-storage-class");
    return new S3Object(
        key,
        bucket.versioningEnabled() ? S3Engine.newVersionId() : S3Object.NULL_VERSION,
        false,
        engine.data.commit(body.file()),
        body.size(),
        "\"" + body.md5() + "\"",
        engine.now(),
        ObjectHeaders.content(request),
        ObjectHeaders.userMetadata(request),
        storageClass == null ? "STANDARD" : storageClass,
        Map.copyOf(checksums),
        Map.copyOf(tags),
        List.of(),
        ObjectHeaders.encryption(request));
  }

  static void versionHeader(S3Reply reply, S3Object object) {
    if (!object.versionId().equals(S3Object.NULL_VERSION)) {
      reply.header("x-amz-version-id", object.versionId());
    }
  }

  JsonNode get(RequestContext ctx, ObjectNode in) {
    return read(ctx, in, false);
  }

  JsonNode head(RequestContext ctx, ObjectNode in) {
    return read(ctx, in, true);
  }

  private JsonNode read(RequestContext ctx, ObjectNode in, boolean head) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    AwsRequest request = ctx.request();
    S3Object object = find(bucket, key, request.queryParam("versionId"));
    SseCustomer.checkRead(request, object);
    Conditions.checkRead(request, object, "");
    long size = object.size();
    long first = 0;
    long length = size;
    int status = 200;
    S3Reply reply = new S3Reply(200);
    String partNumber = request.queryParam("partNumber");
    Range range = null;
    if (partNumber != null) {
      int part = partNumber(partNumber, object);
      if (object.partsCount() > 0) {
        for (int i = 0; i < part - 1; i++) {
          first += object.partSizes().get(i);
        }
        length = object.partSizes().get(part - 1);
        status = 206;
        range = new Range(first, first + length - 1);
      }
    } else {
      range = Range.parse(request.header("Range"), size);
      if (range != null) {
        first = range.first();
        length = range.length();
        status = 206;
      }
    }
    boolean whole = range == null;
    ObjectHeaders.describe(reply, object, whole && "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode")));
    if (range != null) {
      reply.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
    }
    overrides(request, reply);
    reply.header("Content-Length", String.valueOf(length));
    S3Reply out = new S3Reply(status);
    out.headers.putAll(reply.headers);
    if (!head && length > 0) {
      out.stream = open(object, first, length);
    }
    return out.node();
  }

  private static int partNumber(String value, S3Object object) {
    int part;
    try {
      part = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", value);
    }
    if (part < 1 || part > 10000) {
      throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", value);
    }
    int count = Math.max(1, object.partsCount());
    if (part > count) {
      throw new S3Exception("InvalidPartNumber", "The requested partnumber is not satisfiable", 416)
          .with("PartNumberRequested", value)
          .with("ActualPartCount", String.valueOf(count));
    }
    return part;
  }

  /** The {@code response-*} query parameters override the stored headers of a signed GET. */
  private static void overrides(AwsRequest request, S3Reply reply) {
    String[][] names = {
      {"response-content-type", "Content-Type"},
      {"response-content-language", "Content-Language"},
      {"response-expires", "Expires"},
      {"response-cache-control", "Cache-Control"},
      {"response-content-disposition", "Content-Disposition"},
      {"response-content-encoding", "Content-Encoding"}
    };
    for (String[] n : names) {
      String v = request.queryParam(n[0]);
      if (v != null) {
        reply.headers.put(n[1], v);
      }
    }
  }

  static StreamedBody open(S3Object object, long first, long length) {
    try {
      return StreamedBody.ofFile(FileChannel.open(object.file(), StandardOpenOption.READ), first, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The version a read names: the current one (NoSuchKey if none or a delete marker) or by id. */
  static S3Object find(Bucket bucket, String key, String versionId) {
    if (versionId != null) {
      S3Object v = bucket.version(key, versionId);
      if (v == null) {
        if (!versionId.equals(S3Object.NULL_VERSION) && versionId.length() != 32) {
          throw S3Errors.invalidArgument("Invalid version id specified", "versionId", versionId);
        }
        throw S3Errors.noSuchVersion(key, versionId);
      }
      if (v.deleteMarker()) {
        throw S3Errors.methodNotAllowed("GET", "DeleteMarker")
            .header("x-amz-delete-marker", "true")
            .header("x-amz-version-id", versionId)
            .header("Last-Modified", S3Engine.httpDate(v.lastModified()));
      }
      return v;
    }
    S3Object current = bucket.current(key);
    if (current == null) {
      throw S3Errors.noSuchKey(key);
    }
    if (current.deleteMarker()) {
      S3Exception e = S3Errors.noSuchKey(key).header("x-amz-delete-marker", "true");
      if (!current.versionId().equals(S3Object.NULL_VERSION)) {
        e.header("x-amz-version-id", current.versionId());
      }
      throw e;
    }
    return current;
  }

  JsonNode delete(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    Deletion d = engine.deleteObject(ctx, bucket, key, ctx.request().queryParam("versionId"));
    S3Reply reply = S3Reply.noContent();
    if (d.deleteMarker()) {
      reply.header("x-amz-delete-marker", "true");
    }
    if (d.versionId() != null && !d.versionId().equals(S3Object.NULL_VERSION)) {
      reply.header("x-amz-version-id", d.versionId());
    }
    return reply.node();
  }

  /** What a delete did: whether it concerned a delete marker, and the version id it names. */
  record Deletion(boolean deleteMarker, String versionId) {}

  static ChecksumAlgorithm algorithm(String name) {
    return ChecksumAlgorithm.of(name);
  }

  /** GetObjectAttributes: the attributes named in {@code x-amz-object-attributes}. */
  JsonNode attributes(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    AwsRequest request = ctx.request();
    S3Object object = find(bucket, in.path("Key").asText(), request.queryParam("versionId"));
    SseCustomer.checkRead(request, object);
    // The SDK may send the list as repeated headers or one comma-separated value.
    String header = String.join(",", request.headers().getAll("x-amz-object-attributes"));
    if (header == null || header.isBlank()) {
      throw S3Errors.invalidArgument("Invalid attribute name specified.", "x-amz-object-attributes", "");
    }
    java.util.Set<String> wanted = new java.util.HashSet<>();
    for (String a : header.split(",")) {
      wanted.add(a.trim());
    }
    Xml xml = Xml.document("GetObjectAttributesResponse");
    if (wanted.contains("ETag")) {
      xml.element("ETag", object.etag().replace("\"", ""));
    }
    if (wanted.contains("Checksum") && !object.checksums().isEmpty()) {
      xml.open("Checksum");
      object.checksums().forEach((alg, v) -> xml.element("Checksum" + alg, v));
      xml.element("ChecksumType", object.partsCount() > 0 ? "COMPOSITE" : "FULL_OBJECT");
      xml.close("Checksum");
    }
    if (wanted.contains("ObjectParts") && object.partsCount() > 0) {
      xml.open("ObjectParts").element("TotalPartsCount", object.partsCount()).close("ObjectParts");
    }
    if (wanted.contains("StorageClass")) {
      xml.element("StorageClass", object.storageClass());
    }
    if (wanted.contains("ObjectSize")) {
      xml.element("ObjectSize", object.size());
    }
    S3Reply reply = S3Reply.xml(xml.end("GetObjectAttributesResponse"));
    reply.header("Last-Modified", S3Engine.httpDate(object.lastModified()));
    versionHeader(reply, object);
    return reply.node();
  }
}
