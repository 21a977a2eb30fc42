package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.S3Object;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** Object tags: the {@code x-amz-tagging} header on writes and the {@code ?tagging} sub-resource (at most 10). */
final class Tagging {

  private final S3Engine engine;

  Tagging(S3Engine engine) {
    this.engine = engine;
  }

  static Map<String, String> fromHeader(String header) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (header == null || header.isEmpty()) {
      return tags;
    }
    new QueryStringDecoder(header, StandardCharsets.UTF_8, false)
        .parameters()
        .forEach((k, v) -> tags.put(k, v.isEmpty() ? "" : v.get(0)));
    check(tags);
    return tags;
  }

  static Map<String, String> fromXml(byte[] body) {
    Element root = Xml.parse(body);
    Element set = Xml.child(root, "TagSet");
    Map<String, String> tags = new LinkedHashMap<>();
    if (set != null) {
      for (Element tag : Xml.children(set, "Tag")) {
        String key = Xml.text(tag, "Key");
        String value = Xml.text(tag, "Value");
        if (key == null || value == null) {
          throw S3Errors.malformedXml();
        }
        if (tags.put(key, value) != null) {
          throw new S3Exception("InvalidTag", "Cannot provide multiple Tags with the same key", 400).with("TagKey", key);
        }
      }
    }
    check(tags);
    return tags;
  }

  private static void check(Map<String, String> tags) {
    if (tags.size() > 10) {
      throw new S3Exception("BadRequest", "Object tags cannot be greater than 10", 400);
    }
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (t.getKey().length() > 128) {
        throw new S3Exception("InvalidTag", "The TagKey you have provided is too long, max 128", 400).with("TagKey", t.getKey());
      }
      if (t.getValue().length() > 256) {
        throw new S3Exception("InvalidTag", "The TagValue you have provided is too long, max 256", 400)
            .with("TagKey", t.getKey())
            .with("TagValue", t.getValue());
      }
    }
  }

  static String document(Map<String, String> tags) {
    Xml xml = Xml.document("Tagging").open("TagSet");
    tags.forEach((k, v) -> xml.open("Tag").element("Key", k).element("Value", v).close("Tag"));
    return xml.close("TagSet").end("Tagging");
  }

  JsonNode put(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    Map<String, String> tags = fromXml(BucketOperations.readBody(ctx));
    S3Object object = ObjectOperations.find(bucket, key, ctx.request().queryParam("versionId"));
    bucket.replace(object, object.withTags(tags));
    S3Reply reply = S3Reply.ok();
    ObjectOperations.versionHeader(reply, object);
    return reply.node();
  }

  JsonNode get(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    S3Object object = ObjectOperations.find(bucket, in.path("Key").asText(), ctx.request().queryParam("versionId"));
    S3Reply reply = S3Reply.xml(document(object.tags()));
    ObjectOperations.versionHeader(reply, object);
    return reply.node();
  }

  JsonNode delete(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    S3Object object = ObjectOperations.find(bucket, in.path("Key").asText(), ctx.request().queryParam("versionId"));
    bucket.replace(object, object.withTags(Map.of()));
    S3Reply reply = S3Reply.noContent();
    ObjectOperations.versionHeader(reply, object);
    return reply.node();
  }

}
