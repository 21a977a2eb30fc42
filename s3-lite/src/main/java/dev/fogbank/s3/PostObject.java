package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.DataDirectory;
import dev.fogbank.s3.store.S3Object;
import dev.fogbank.s3.upload.FormParts;
import dev.fogbank.s3.upload.ReceivedBody;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * POST Object: browser-based uploads with an HTML form
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html). The form's fields name
 * the key ({@code ${filename}} replaced by the file's name), content headers and metadata; the
 * policy's expiration and content-length-range are enforced; the file streams to disk.
 */
final class PostObject {

  private final S3Engine engine;
  private final ObjectOperations objects;

  PostObject(S3Engine engine, ObjectOperations objects) {
    this.engine = engine;
    this.objects = objects;
  }

  JsonNode post(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    AwsRequest request = ctx.request();
    String boundary = FormParts.boundary(request.header("Content-Type"));
    if (boundary == null) {
      throw new S3Exception("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412)
          .with("Condition", "Bucket POST must be of the enclosure-type multipart/form-data");
    }
    Path file = engine.data.newIncoming();
    MessageDigest md5 = MultipartOperations.md5();
    FormParts form;
    boolean ok = false;
    try (InputStream body = new BufferedInputStream(request.bodyStream(), 64 * 1024);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md5)) {
      form = FormParts.read(body, boundary, out);
      ok = true;
    } catch (IOException e) {
      throw S3Errors.incompleteBody();
    } finally {
      if (!ok) {
        DataDirectory.delete(file);
      }
    }
    try {
      return store(ctx, bucket, form, file, HexFormat.of().formatHex(md5.digest()));
    } catch (RuntimeException e) {
      DataDirectory.delete(file);
      throw e;
    }
  }

  private JsonNode store(RequestContext ctx, Bucket bucket, FormParts form, Path file, String md5) {
    Map<String, String> fields = form.fields();
    String key = fields.get("key");
    if (key == null) {
      throw S3Errors.invalidArgument(
          "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.", "key", "");
    }
    if (key.contains("${filename}")) {
      key = key.replace("${filename}", form.filename() == null ? "" : form.filename());
    }
    S3Engine.checkKey(key);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    checkPolicy(fields.get("policy"), size);
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    fields.forEach((name, value) -> {
      if (name.startsWith("x-amz-meta-") || name.equals("content-type") || name.equals("cache-control")
          || name.equals("content-disposition") || name.equals("content-encoding") || name.equals("expires")
          || name.equals("x-amz-storage-class") || name.startsWith("x-amz-server-side-encryption")) {
        headers.set(name, value);
      }
    });
    if (!headers.contains("content-type") && form.fileContentType() != null) {
      headers.set("content-type", form.fileContentType());
    }
    AwsRequest asHeaders = new AwsRequest("POST", "/", headers, new byte[0]);
    S3Object object;
    List<S3Object> replaced;
    String finalKey = key;
    synchronized (bucket) {
      object = objects.newVersion(bucket, finalKey, asHeaders, new ReceivedBody(file, size, md5, Map.of()), Map.of());
      replaced = bucket.put(object);
    }
    engine.discard(replaced);
    engine.notifications.objectCreated(ctx, bucket, object, "ObjectCreated:Post");
    String location = ctx.endpoint() + "/" + bucket.name() + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    String redirect = fields.get("success_action_redirect");
    S3Reply reply;
    if (redirect != null && !redirect.isEmpty()) {
      reply = new S3Reply(303);
      reply.header("Location", redirect + (redirect.contains("?") ? "&" : "?") + "bucket=" + bucket.name() + "&key="
          + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&etag=" + URLEncoder.encode(object.etag(), StandardCharsets.UTF_8));
    } else if ("201".equals(fields.get("success_action_status"))) {
      reply = S3Reply.xml(Xml.DECLARATION + "<PostResponse><Location>" + Xml.escaped(location) + "</Location><Bucket>" + bucket.name()
          + "</Bucket><Key>" + Xml.escaped(key) + "</Key><ETag>" + object.etag() + "</ETag></PostResponse>");
      reply = withStatus(reply, 201);
      reply.header("Location", location);
    } else {
      reply = new S3Reply("200".equals(fields.get("success_action_status")) ? 200 : 204);
      reply.header("Location", location);
    }
    reply.header("ETag", object.etag());
    ObjectOperations.versionHeader(reply, object);
    return reply.node();
  }

  private static S3Reply withStatus(S3Reply reply, int status) {
    S3Reply out = new S3Reply(status);
    out.headers.putAll(reply.headers);
    out.body = reply.body;
    return out;
  }

  /** The policy's expiration and content-length-range, the conditions that do not need a signature to mean something. */
  private void checkPolicy(String policy, long size) {
    if (policy == null || policy.isEmpty()) {
      return;
    }
    JsonNode doc;
    try {
      doc = Json.parse(new String(Base64.getDecoder().decode(policy), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw S3Errors.invalidPolicyDocument("Invalid Policy: Invalid JSON.");
    }
    String expiration = doc.path("expiration").asText(null);
    if (expiration == null) {
      throw S3Errors.invalidPolicyDocument("Invalid Policy: Policy missing expiration.");
    }
    try {
      if (engine.now() > Instant.parse(expiration).toEpochMilli()) {
        throw S3Errors.accessDenied("Invalid according to Policy: Policy expired.");
      }
    } catch (DateTimeParseException e) {
      throw S3Errors.invalidPolicyDocument("Invalid Policy: Invalid 'expiration' value: '" + expiration + "'");
    }
    for (JsonNode c : doc.path("conditions")) {
      if (c.isArray() && c.size() == 3 && "content-length-range".equals(c.get(0).asText())) {
        long min = c.get(1).asLong();
        long max = c.get(2).asLong();
        if (size < min) {
          throw S3Errors.entityTooSmall().with("ProposedSize", String.valueOf(size)).with("MinSizeAllowed", String.valueOf(min));
        }
        if (size > max) {
          throw S3Errors.entityTooLarge().with("ProposedSize", String.valueOf(size)).with("MaxSizeAllowed", String.valueOf(max));
        }
      }
    }
  }
}
