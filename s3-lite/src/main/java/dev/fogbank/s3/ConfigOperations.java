package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.s3.store.Bucket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Bucket configurations S3 stores and returns as sent (CORS, policy, encryption, lifecycle,
 * ownership controls, public access block, website, tagging, replication, object lock …), with
 * the error S3 answers when one was never set, and the default document for those that always
 * have one (ACL, notification, accelerate, request payment, logging).
 */
final class ConfigOperations {

  /** A stored configuration: its sub-resource, the error when absent (or null: a default applies). */
  record Config(String subresource, String missingCode, String missingMessage, String contentType) {}

  static final Map<String, Config> CONFIGS =
      Map.ofEntries(
          Map.entry("BucketCors", new Config("cors", "NoSuchCORSConfiguration", "The CORS configuration does not exist", null)),
          Map.entry("BucketPolicy", new Config("policy", "NoSuchBucketPolicy", "The bucket policy does not exist", "application/json")),
          Map.entry("BucketEncryption", new Config("encryption", "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found", null)),
          Map.entry("BucketLifecycle", new Config("lifecycle", "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", null)),
          Map.entry("BucketOwnershipControls", new Config("ownershipControls", "OwnershipControlsNotFoundError", "The bucket ownership controls were not found", null)),
          Map.entry("PublicAccessBlock", new Config("publicAccessBlock", "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", null)),
          Map.entry("BucketWebsite", new Config("website", "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration", null)),
          Map.entry("BucketTagging", new Config("tagging", "NoSuchTagSet", "The TagSet does not exist", null)),
          Map.entry("BucketReplication", new Config("replication", "ReplicationConfigurationNotFoundError", "The replication configuration was not found", null)),
          Map.entry("ObjectLockConfiguration", new Config("object-lock", "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket", null)),
          Map.entry("BucketNotificationConfiguration", new Config("notification", null, null, null)),
          Map.entry("BucketAcl", new Config("acl", null, null, null)),
          Map.entry("BucketAccelerateConfiguration", new Config("accelerate", null, null, null)),
          Map.entry("BucketRequestPayment", new Config("requestPayment", null, null, null)),
          Map.entry("BucketLogging", new Config("logging", null, null, null)));

  private final S3Engine engine;

  ConfigOperations(S3Engine engine) {
    this.engine = engine;
  }

  OperationHandler put(String stem) {
    Config config = CONFIGS.get(stem);
    return (ctx, in) -> {
      Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
      byte[] body = BucketOperations.readBody(ctx);
      if (config.contentType() == null && !stem.equals("BucketAcl")) {
        Xml.parse(body);
      } else if (stem.equals("BucketPolicy")) {
        checkPolicy(body);
      }
      if (stem.equals("BucketNotificationConfiguration")) {
        engine.notifications.configure(ctx, bucket, body);
      }
      if (!stem.equals("BucketAcl") || body.length > 0) {
        bucket.configs().put(config.subresource(), body);
      }
      int status = stem.equals("BucketPolicy") || stem.equals("BucketTagging") ? 204 : 200;
      return new S3Reply(status).node();
    };
  }

  OperationHandler get(String stem) {
    Config config = CONFIGS.get(stem);
    return (ctx, in) -> {
      Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
      byte[] stored = bucket.configs().get(config.subresource());
      if (stored == null) {
        if (config.missingCode() != null) {
          throw S3Errors.noSuchConfiguration(config.missingCode(), config.missingMessage(), bucket.name());
        }
        return S3Reply.xml(defaultDocument(stem, bucket)).node();
      }
      S3Reply reply = S3Reply.xml("");
      reply.body = stored;
      if (config.contentType() != null) {
        reply.headers.put("Content-Type", config.contentType());
      }
      return reply.node();
    };
  }

  OperationHandler delete(String stem) {
    Config config = CONFIGS.get(stem);
    return (ctx, in) -> {
      Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
      bucket.configs().remove(config.subresource());
      return S3Reply.noContent().node();
    };
  }

  private static String defaultDocument(String stem, Bucket bucket) {
    return switch (stem) {
      case "BucketAcl" -> acl(bucket.account());
      case "BucketNotificationConfiguration" -> Xml.document("NotificationConfiguration").end("NotificationConfiguration");
      case "BucketAccelerateConfiguration" -> Xml.document("AccelerateConfiguration").end("AccelerateConfiguration");
      case "BucketRequestPayment" -> Xml.document("RequestPaymentConfiguration").element("Payer", "BucketOwner").end("RequestPaymentConfiguration");
      default -> Xml.document("BucketLoggingStatus").end("BucketLoggingStatus");
    };
  }

  /** The ACL of a bucket or object nobody changed: the owner has FULL_CONTROL. */
  static String acl(String account) {
    String owner = BucketOperations.owner(account);
    return Xml.document("AccessControlPolicy")
        .open("Owner").element("ID", owner).element("DisplayName", "webfile").close("Owner")
        .open("AccessControlList")
        .raw("<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>" + owner
            + "</ID><DisplayName>webfile</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant>")
        .close("AccessControlList")
        .end("AccessControlPolicy");
  }

  private static void checkPolicy(byte[] body) {
    try {
      JsonNode policy = dev.fogbank.core.protocol.Json.parse(body);
      if (!policy.isObject()) {
        throw new java.io.IOException("not an object");
      }
    } catch (java.io.IOException e) {
      throw new S3Exception("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", 400);
    }
  }

  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

}
