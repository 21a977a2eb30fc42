package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.DataDirectory;
import dev.fogbank.s3.store.S3Object;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** CopyObject and DeleteObjects. */
final class CopyOperations {

  private final S3Engine engine;

  CopyOperations(S3Engine engine) {
    this.engine = engine;
  }

  /** The source of a copy: {@code x-amz-copy-source: [/]bucket/key[?versionId=…]}, URL-encoded. */
  record Source(Bucket bucket, S3Object object) {}

  Source source(AwsRequest request) {
    String header = request.header("x-amz-copy-source");
    String versionId = null;
    int q = header.indexOf("?versionId=");
    if (q >= 0) {
      versionId = header.substring(q + "?versionId=".length());
      header = header.substring(0, q);
    }
    String path = Address.decode(header);
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw S3Errors.invalidArgument("Invalid copy source object key", "x-amz-copy-source", request.header("x-amz-copy-source"));
    }
    Bucket bucket = engine.bucket(path.substring(0, slash));
    S3Object object = ObjectOperations.find(bucket, path.substring(slash + 1), versionId);
    SseCustomer.checkCopySource(request, object);
    Conditions.checkRead(request, object, "x-amz-copy-source-");
    return new Source(bucket, object);
  }

  /**
   * CopyObject: COPY (default) keeps the source's metadata and tags, REPLACE takes the request's.
   * Copying an object onto itself must change something (metadata, storage class, encryption).
   */
  JsonNode copy(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    S3Engine.checkKey(key);
    AwsRequest request = ctx.request();
    Source source = source(request);
    S3Object src = source.object();
    String directive = request.header("x-amz-metadata-directive");
    boolean replace = "REPLACE".equals(directive);
    if (directive != null && !replace && !"COPY".equals(directive)) {
      throw S3Errors.invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
    }
    String storageClass = request.header("x-amz-storage-class");
    if (source.bucket() == bucket && src.key().equals(key) && !replace && storageClass == null
        && request.header("x-amz-server-side-encryption") == null && request.header("x-amz-website-redirect-location") == null) {
      throw S3Errors.invalidRequest(
          "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
    }
    String taggingDirective = request.header("x-amz-tagging-directive");
    Map<String, String> tags =
        "REPLACE".equals(taggingDirective) ? Tagging.fromHeader(request.header("x-amz-tagging")) : src.tags();
    Path copy = engine.data.newIncoming();
    try {
      Files.copy(src.file(), copy);
    } catch (IOException e) {
      DataDirectory.delete(copy);
      throw new UncheckedIOException(e);
    }
    S3Object object =
        new S3Object(
            key,
            bucket.versioningEnabled() ? S3Engine.newVersionId() : S3Object.NULL_VERSION,
            false,
            engine.data.commit(copy),
            src.size(),
            src.etag(),
            engine.now(),
            replace ? ObjectHeaders.content(request) : src.contentHeaders(),
            replace ? ObjectHeaders.userMetadata(request) : src.userMetadata(),
            storageClass != null ? storageClass : src.storageClass(),
            src.checksums(),
            Map.copyOf(tags),
            src.partSizes(),
            request.header("x-amz-server-side-encryption") != null ? ObjectHeaders.encryption(request) : Map.of());
    List<S3Object> replaced;
    synchronized (bucket) {
      replaced = bucket.put(object);
    }
    engine.discard(replaced);
    engine.notifications.objectCreated(ctx, bucket, object, "ObjectCreated:Copy");
    Xml xml = Xml.document("CopyObjectResult")
        .element("LastModified", S3Engine.iso(object.lastModified()))
        .element("ETag", object.etag());
    object.checksums().forEach((alg, v) -> xml.element("Checksum" + alg, v));
    S3Reply reply = S3Reply.xml(xml.end("CopyObjectResult"));
    ObjectOperations.versionHeader(reply, object);
    if (!src.versionId().equals(S3Object.NULL_VERSION)) {
      reply.header("x-amz-copy-source-version-id", src.versionId());
    }
    return reply.node();
  }

  /** DeleteObjects: up to 1000 keys; per-key errors in the result; quiet mode lists only errors. */
  JsonNode deleteObjects(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    Element root = Xml.parse(BucketOperations.readBody(ctx));
    boolean quiet = "true".equalsIgnoreCase(Xml.text(root, "Quiet"));
    List<Element> objects = Xml.children(root, "Object");
    if (objects.isEmpty()) {
      throw S3Errors.malformedXml();
    }
    if (objects.size() > 1000) {
      throw S3Errors.malformedXml();
    }
    Xml xml = Xml.document("DeleteResult");
    List<String> errors = new ArrayList<>();
    for (Element o : objects) {
      String key = Xml.text(o, "Key");
      String versionId = Xml.text(o, "VersionId");
      if (key == null) {
        throw S3Errors.malformedXml();
      }
      try {
        if (versionId != null && !versionId.equals(S3Object.NULL_VERSION) && versionId.length() != 32) {
          throw new S3Exception("NoSuchVersion", "The specified version does not exist.", 404);
        }
        ObjectOperations.Deletion d = engine.deleteObject(ctx, bucket, key, versionId);
        if (!quiet) {
          xml.open("Deleted").element("Key", key).element("VersionId", versionId);
          if (d.deleteMarker()) {
            xml.element("DeleteMarker", "true");
            if (versionId == null) {
              xml.element("DeleteMarkerVersionId", d.versionId());
            }
          }
          xml.close("Deleted");
        }
      } catch (S3Exception e) {
        errors.add(key);
        xml.open("Error").element("Key", key).element("VersionId", versionId)
            .element("Code", e.code()).element("Message", e.getMessage()).close("Error");
      }
    }
    return S3Reply.xml(xml.end("DeleteResult")).node();
  }
}
