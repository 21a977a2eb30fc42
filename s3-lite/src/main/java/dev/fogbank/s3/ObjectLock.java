package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.S3Object;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Object Lock retention and legal hold of object versions, and RestoreObject: stored and
 * returned (accepted), not enforced against deletes.
 */
final class ObjectLock {

  private final S3Engine engine;
  /** {@code retention|legal-hold} + bucket + key + version id → the document as sent. */
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

  ObjectLock(S3Engine engine) {
    this.engine = engine;
  }

  private String id(String kind, Bucket bucket, S3Object object) {
    return kind + "\n" + bucket.name() + "\n" + object.key() + "\n" + object.versionId();
  }

  OperationHandler put(String kind, String root) {
    return (ctx, in) -> {
      Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
      S3Object object = ObjectOperations.find(bucket, in.path("Key").asText(), ctx.request().queryParam("versionId"));
      byte[] body = BucketOperations.readBody(ctx);
      if (!root.equals(Xml.localName(Xml.parse(body)))) {
        throw S3Errors.malformedXml();
      }
      if (bucket.configs().get("object-lock") == null) {
        throw S3Errors.invalidRequest("Bucket is missing Object Lock Configuration");
      }
      documents.put(id(kind, bucket, object), body);
      return S3Reply.ok().node();
    };
  }

  OperationHandler get(String kind) {
    return (ctx, in) -> {
      Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
      S3Object object = ObjectOperations.find(bucket, in.path("Key").asText(), ctx.request().queryParam("versionId"));
      byte[] stored = documents.get(id(kind, bucket, object));
      if (stored == null) {
        throw new S3Exception("NoSuchObjectLockConfiguration", "The specified object does not have a ObjectLock configuration", 404);
      }
      S3Reply reply = S3Reply.xml("");
      reply.body = stored;
      return reply.node();
    };
  }

  /**
   * RestoreObject: archived storage classes answer 202 and the object is readable at once (the
   * restore completes immediately), with the ObjectRestore events; other classes answer 403
   * InvalidObjectState, as S3 does.
   */
  JsonNode restore(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    S3Object object = ObjectOperations.find(bucket, in.path("Key").asText(), ctx.request().queryParam("versionId"));
    BucketOperations.readBody(ctx);
    String storageClass = object.storageClass();
    if (!"GLACIER".equals(storageClass) && !"DEEP_ARCHIVE".equals(storageClass)) {
      throw new S3Exception("InvalidObjectState", "The operation is not valid for the object's storage class", 403)
          .with("StorageClass", storageClass);
    }
    engine.notifications.objectCreated(ctx, bucket, object, "ObjectRestore:Post");
    engine.notifications.objectCreated(ctx, bucket, object, "ObjectRestore:Completed");
    return new S3Reply(202).node();
  }
}
