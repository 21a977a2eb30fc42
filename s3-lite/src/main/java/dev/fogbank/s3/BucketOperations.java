package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.s3.store.Bucket;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** Buckets: create (LocationConstraint rules), head, list, delete, location, versioning. */
final class BucketOperations {

  private final S3Engine engine;

  BucketOperations(S3Engine engine) {
    this.engine = engine;
  }

  /**
   * CreateBucket. In us-east-1 the LocationConstraint must be absent (or empty); elsewhere it must
   * name the region the request is sent to. Creating a bucket one already owns answers
   * BucketAlreadyOwnedByYou (409) — except in us-east-1, where S3 answers 200 for compatibility.
   */
  JsonNode create(RequestContext ctx, ObjectNode in) {
    String name = in.path("Bucket").asText();
    S3Engine.checkBucketName(name);
    byte[] body = readBody(ctx);
    String constraint = null;
    if (body.length > 0) {
      Element root = Xml.parse(body);
      constraint = Xml.text(root, "LocationConstraint");
      if (constraint != null && constraint.isEmpty()) {
        constraint = null;
      }
    }
    String region = ctx.region();
    if ("us-east-1".equals(region)) {
      if (constraint != null) {
        throw new S3Exception("InvalidLocationConstraint", "The specified location-constraint is not valid", 400)
            .with("LocationConstraint", constraint);
      }
    } else if (constraint == null) {
      throw new S3Exception(
          "IllegalLocationConstraintException",
          "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.",
          400);
    } else if (!constraint.equals(region)) {
      throw new S3Exception(
          "IllegalLocationConstraintException",
          "The " + constraint + " location constraint is incompatible for the region specific endpoint this request was sent to.",
          400);
    }
    Bucket created = new Bucket(name, region, ctx.account(), engine.now());
    Bucket existing = engine.buckets.putIfAbsent(name, created);
    if (existing != null) {
      if (!existing.account().equals(ctx.account())) {
        throw S3Errors.bucketAlreadyExists(name);
      }
      if (!"us-east-1".equals(existing.region()) || !"us-east-1".equals(region)) {
        throw S3Errors.bucketAlreadyOwnedByYou(name);
      }
    }
    String objectOwnership = ctx.request().header("x-amz-object-ownership");
    if (objectOwnership != null) {
      created.configs().put("ownershipControls", ownership(objectOwnership));
    }
    return S3Reply.ok().header("Location", "/" + name).node();
  }

  private static byte[] ownership(String value) {
    return Xml.document("OwnershipControls")
        .open("Rule")
        .element("ObjectOwnership", value)
        .close("Rule")
        .end("OwnershipControls")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  JsonNode head(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    return S3Reply.ok()
        .header("x-amz-bucket-region", bucket.region())
        .header("x-amz-access-point-alias", "false")
        .node();
  }

  /** ListBuckets, with prefix and continuation-token / max-buckets pagination. */
  JsonNode list(RequestContext ctx, ObjectNode in) {
    String prefix = ctx.request().queryParam("prefix");
    String token = ctx.request().queryParam("continuation-token");
    String regionFilter = ctx.request().queryParam("bucket-region");
    int max = parseMax(ctx.request().queryParam("max-buckets"), 10000, "max-buckets");
    List<Bucket> all = new ArrayList<>();
    for (Bucket b : engine.buckets.values()) {
      if (b.account().equals(ctx.account())
          && (prefix == null || b.name().startsWith(prefix))
          && (token == null || b.name().compareTo(token) > 0)
          && (regionFilter == null || b.region().equals(regionFilter))) {
        all.add(b);
      }
    }
    all.sort((a, b) -> a.name().compareTo(b.name()));
    Xml xml = Xml.document("ListAllMyBucketsResult");
    xml.open("Owner").element("ID", owner(ctx.account())).element("DisplayName", "webfile").close("Owner");
    xml.open("Buckets");
    int n = Math.min(max, all.size());
    for (int i = 0; i < n; i++) {
      Bucket b = all.get(i);
      xml.open("Bucket")
          .element("Name", b.name())
          .element("CreationDate", S3Engine.iso(b.created()))
          .element("BucketRegion", b.region())
          .close("Bucket");
    }
    xml.close("Buckets");
    if (n < all.size()) {
      xml.element("ContinuationToken", all.get(n - 1).name());
    }
    xml.element("Prefix", prefix);
    return S3Reply.xml(xml.end("ListAllMyBucketsResult")).node();
  }

  JsonNode delete(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    synchronized (bucket) {
      if (!bucket.isEmpty()) {
        throw S3Errors.bucketNotEmpty(bucket.name());
      }
      engine.buckets.remove(bucket.name(), bucket);
    }
    bucket.uploads().values().forEach(engine::discardUpload);
    return S3Reply.noContent().node();
  }

  /** GetBucketLocation: empty for us-east-1, as S3 answers it. */
  JsonNode location(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String region = "us-east-1".equals(bucket.region()) ? null : bucket.region();
    String xml =
        Xml.DECLARATION + "<LocationConstraint xmlns=\"" + Xml.NS + "\">" + (region == null ? "" : region) + "</LocationConstraint>";
    return S3Reply.xml(xml).node();
  }

  JsonNode putVersioning(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    Element root = Xml.parse(readBody(ctx));
    String status = Xml.text(root, "Status");
    if (status == null || !(status.equals("Enabled") || status.equals("Suspended"))) {
      throw S3Errors.malformedXml();
    }
    bucket.versioning(status);
    return S3Reply.ok().node();
  }

  JsonNode getVersioning(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    Xml xml = Xml.document("VersioningConfiguration").element("Status", bucket.versioning());
    return S3Reply.xml(xml.end("VersioningConfiguration")).node();
  }

  /** The canonical user id S3 shows as owner; stable per account. */
  static String owner(String account) {
    return String.format("%064x", new java.math.BigInteger(1, account.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  static int parseMax(String value, int cap, String name) {
    if (value == null) {
      return cap;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw S3Errors.invalidArgument("Argument " + name + " must be an integer between 0 and 2147483647", name, value);
      }
      return Math.min(n, cap);
    } catch (NumberFormatException e) {
      throw S3Errors.invalidArgument("Provided " + name + " not an integer or within integer range", name, value);
    }
  }

  /** A small request body (a configuration document) read whole. */
  static byte[] readBody(RequestContext ctx) {
    try (InputStream in = ctx.request().bodyStream()) {
      byte[] body = in.readNBytes(1024 * 1024 + 1);
      if (body.length > 1024 * 1024) {
        throw S3Errors.malformedXml();
      }
      return body;
    } catch (IOException e) {
      throw S3Errors.incompleteBody();
    }
  }
}
