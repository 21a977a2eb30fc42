package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.DataDirectory;
import dev.fogbank.s3.store.MultipartUpload;
import dev.fogbank.s3.store.S3Object;
import dev.fogbank.s3.upload.BodyReceiver;
import dev.fogbank.s3.upload.ChecksumAlgorithm;
import dev.fogbank.s3.upload.ReceivedBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.w3c.dom.Element;

/**
 * Multipart uploads: parts of 5 MiB at least (all but the last), numbered 1–10000, assembled on
 * completion in the order listed; the ETag is the MD5 of the parts' MD5s with {@code -N}.
 */
final class MultipartOperations {

  static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  private final S3Engine engine;

  MultipartOperations(S3Engine engine) {
    this.engine = engine;
  }

  JsonNode create(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    S3Engine.checkKey(key);
    AwsRequest r = ctx.request();
    SseCustomer.checkHeaders(r);
    String storageClass = r.header("x-amz-storage-class");
    S3Object template =
        new S3Object(key, S3Object.NULL_VERSION, false, null, 0, null, 0, ObjectHeaders.content(r), ObjectHeaders.userMetadata(r),
            storageClass == null ? "STANDARD" : storageClass, Map.of(), Map.copyOf(Tagging.fromHeader(r.header("x-amz-tagging"))),
            List.of(), ObjectHeaders.encryption(r));
    String algorithm = r.header("x-amz-checksum-algorithm");
    String uploadId = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    bucket.uploads().put(uploadId, new MultipartUpload(uploadId, key, engine.now(), template, algorithm));
    Xml xml = Xml.document("InitiateMultipartUploadResult").element("Bucket", bucket.name()).element("Key", key).element("UploadId", uploadId);
    S3Reply reply = S3Reply.xml(xml.end("InitiateMultipartUploadResult"));
    template.encryption().forEach(reply::header);
    if (algorithm != null) {
      reply.header("x-amz-checksum-algorithm", algorithm);
    }
    return reply.node();
  }

  private MultipartUpload upload(Bucket bucket, String key, String uploadId) {
    MultipartUpload upload = uploadId == null ? null : bucket.uploads().get(uploadId);
    if (upload == null || !upload.key().equals(key)) {
      throw S3Errors.noSuchUpload(uploadId);
    }
    return upload;
  }

  private static int partNumber(AwsRequest r) {
    String value = r.queryParam("partNumber");
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= 10000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", value);
  }

  JsonNode uploadPart(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    AwsRequest r = ctx.request();
    MultipartUpload upload = upload(bucket, key, r.queryParam("uploadId"));
    int number = partNumber(r);
    ReceivedBody body = BodyReceiver.receive(r, engine.data);
    Map<String, String> checksums = new LinkedHashMap<>();
    body.checksums().forEach((alg, v) -> checksums.put(alg.name(), v));
    MultipartUpload.Part part =
        new MultipartUpload.Part(number, engine.data.commit(body.file()), body.size(), "\"" + body.md5() + "\"", engine.now(), Map.copyOf(checksums));
    MultipartUpload.Part old = upload.parts().put(number, part);
    if (old != null) {
      DataDirectory.delete(old.file());
    }
    if (!bucket.uploads().containsKey(upload.uploadId())) {
      // Aborted while this part was arriving.
      DataDirectory.delete(part.file());
      throw S3Errors.noSuchUpload(upload.uploadId());
    }
    S3Reply reply = S3Reply.ok().header("ETag", part.etag());
    body.checksums().forEach((alg, v) -> reply.header(alg.header(), v));
    return reply.node();
  }

  JsonNode uploadPartCopy(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    AwsRequest r = ctx.request();
    MultipartUpload upload = upload(bucket, key, r.queryParam("uploadId"));
    int number = partNumber(r);
    S3Object src = new CopyOperations(engine).source(r).object();
    long first = 0;
    long length = src.size();
    String rangeHeader = r.header("x-amz-copy-source-range");
    if (rangeHeader != null) {
      Range range = Range.parse(rangeHeader, src.size());
      if (range == null || !rangeHeader.matches("bytes=\\d+-\\d+") || Long.parseLong(rangeHeader.substring(rangeHeader.indexOf('-') + 1)) >= src.size()) {
        throw S3Errors.invalidArgument("Range specified is not valid for source object of size: " + src.size(), "x-amz-copy-source-range", rangeHeader);
      }
      first = range.first();
      length = range.length();
    }
    Path target = engine.data.newIncoming();
    MessageDigest md5 = md5();
    copyRange(src.file(), first, length, target, md5);
    MultipartUpload.Part part =
        new MultipartUpload.Part(number, engine.data.commit(target), length, "\"" + HexFormat.of().formatHex(md5.digest()) + "\"", engine.now(), Map.of());
    MultipartUpload.Part old = upload.parts().put(number, part);
    if (old != null) {
      DataDirectory.delete(old.file());
    }
    Xml xml = Xml.document("CopyPartResult").element("LastModified", S3Engine.iso(part.lastModified())).element("ETag", part.etag());
    return S3Reply.xml(xml.end("CopyPartResult")).node();
  }

  private static void copyRange(Path source, long first, long length, Path target, MessageDigest md5) {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 * 1024);
      long pos = first;
      long end = first + length;
      while (pos < end) {
        buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
        int n = in.read(buf, pos);
        if (n < 0) {
          break;
        }
        buf.flip();
        md5.update(buf.duplicate());
        while (buf.hasRemaining()) {
          out.write(buf);
        }
        pos += n;
      }
    } catch (IOException e) {
      DataDirectory.delete(target);
      throw new UncheckedIOException(e);
    }
  }

  JsonNode complete(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    AwsRequest r = ctx.request();
    MultipartUpload upload = upload(bucket, key, r.queryParam("uploadId"));
    Element root = Xml.parse(BucketOperations.readBody(ctx));
    List<Element> listed = Xml.children(root, "Part");
    if (listed.isEmpty()) {
      throw new S3Exception("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);
    }
    List<MultipartUpload.Part> parts = new ArrayList<>();
    int previous = 0;
    for (Element p : listed) {
      int number;
      try {
        number = Integer.parseInt(Xml.text(p, "PartNumber"));
      } catch (RuntimeException e) {
        throw S3Errors.malformedXml();
      }
      if (number <= previous) {
        throw S3Errors.invalidPartOrder();
      }
      previous = number;
      MultipartUpload.Part part = upload.parts().get(number);
      String etag = Xml.text(p, "ETag");
      if (part == null || etag == null || !Conditions.etagMatches(etag, part.etag())) {
        throw S3Errors.invalidPart().with("UploadId", upload.uploadId()).with("PartNumber", String.valueOf(number));
      }
      parts.add(part);
    }
    for (int i = 0; i < parts.size() - 1; i++) {
      if (parts.get(i).size() < MIN_PART_SIZE) {
        throw S3Errors.entityTooSmall()
            .with("ProposedSize", String.valueOf(parts.get(i).size()))
            .with("MinSizeAllowed", String.valueOf(MIN_PART_SIZE))
            .with("PartNumber", String.valueOf(parts.get(i).number()))
            .with("ETag", parts.get(i).etag().replace("\"", ""));
      }
    }
    if (bucket.uploads().remove(upload.uploadId()) == null) {
      throw S3Errors.noSuchUpload(upload.uploadId());
    }
    Path assembled = engine.data.newIncoming();
    MessageDigest etags = md5();
    long size = 0;
    List<Long> sizes = new ArrayList<>();
    try (FileChannel out = FileChannel.open(assembled, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (MultipartUpload.Part part : parts) {
        try (FileChannel in2 = FileChannel.open(part.file(), StandardOpenOption.READ)) {
          for (long pos = 0; pos < part.size(); ) {
            pos += in2.transferTo(pos, part.size() - pos, out);
          }
        }
        etags.update(HexFormat.of().parseHex(part.etag().replace("\"", "")));
        size += part.size();
        sizes.add(part.size());
      }
    } catch (IOException e) {
      DataDirectory.delete(assembled);
      throw new UncheckedIOException(e);
    }
    engine.discardUpload(upload);
    String etag = "\"" + HexFormat.of().formatHex(etags.digest()) + "-" + parts.size() + "\"";
    Map<String, String> checksums = composite(upload, parts);
    S3Object t = upload.template();
    S3Object object =
        new S3Object(key, bucket.versioningEnabled() ? S3Engine.newVersionId() : S3Object.NULL_VERSION, false, engine.data.commit(assembled),
            size, etag, engine.now(), t.contentHeaders(), t.userMetadata(), t.storageClass(), checksums, t.tags(), List.copyOf(sizes),
            t.encryption());
    List<S3Object> replaced;
    synchronized (bucket) {
      replaced = bucket.put(object);
    }
    engine.discard(replaced);
    engine.notifications.objectCreated(ctx, bucket, object, "ObjectCreated:CompleteMultipartUpload");
    Xml xml = Xml.document("CompleteMultipartUploadResult")
        .element("Location", ctx.endpoint() + "/" + bucket.name() + "/" + key)
        .element("Bucket", bucket.name()).element("Key", key).element("ETag", etag);
    checksums.forEach((alg, v) -> xml.element("Checksum" + alg, v));
    S3Reply reply = S3Reply.xml(xml.end("CompleteMultipartUploadResult"));
    ObjectOperations.versionHeader(reply, object);
    return reply.node();
  }

  /** The composite checksum S3 reports for a multipart object: the checksum of the part checksums, {@code -N}. */
  private static Map<String, String> composite(MultipartUpload upload, List<MultipartUpload.Part> parts) {
    ChecksumAlgorithm alg = ChecksumAlgorithm.of(upload.checksumAlgorithm());
    if (alg == null || parts.stream().anyMatch(p -> !p.checksums().containsKey(alg.name()))) {
      return Map.of();
    }
    ChecksumAlgorithm.Running running = alg.start();
    for (MultipartUpload.Part p : parts) {
      byte[] raw = java.util.Base64.getDecoder().decode(p.checksums().get(alg.name()));
      running.update(raw, 0, raw.length);
    }
    return Map.of(alg.name(), running.base64() + "-" + parts.size());
  }

  JsonNode abort(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    MultipartUpload upload = upload(bucket, key, ctx.request().queryParam("uploadId"));
    bucket.uploads().remove(upload.uploadId());
    engine.discardUpload(upload);
    return S3Reply.noContent().node();
  }

  JsonNode listParts(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String key = in.path("Key").asText();
    AwsRequest r = ctx.request();
    MultipartUpload upload = upload(bucket, key, r.queryParam("uploadId"));
    int max = BucketOperations.parseMax(r.queryParam("max-parts"), 1000, "max-parts");
    int marker = r.queryParam("part-number-marker") == null ? 0 : Integer.parseInt(r.queryParam("part-number-marker"));
    Xml xml = Xml.document("ListPartsResult").element("Bucket", bucket.name()).element("Key", key).element("UploadId", upload.uploadId())
        .element("PartNumberMarker", marker);
    List<MultipartUpload.Part> page = new ArrayList<>(upload.parts().tailMap(marker, false).values());
    boolean truncated = page.size() > max;
    if (truncated) {
      page = page.subList(0, max);
    }
    if (!page.isEmpty()) {
      xml.element("NextPartNumberMarker", page.get(page.size() - 1).number());
    }
    xml.element("MaxParts", max).element("IsTruncated", truncated);
    for (MultipartUpload.Part p : page) {
      xml.open("Part").element("PartNumber", p.number()).element("LastModified", S3Engine.iso(p.lastModified()))
          .element("ETag", p.etag()).element("Size", p.size());
      p.checksums().forEach((alg, v) -> xml.element("Checksum" + alg, v));
      xml.close("Part");
    }
    String owner = BucketOperations.owner(bucket.account());
    xml.open("Initiator").element("ID", owner).element("DisplayName", "webfile").close("Initiator");
    xml.open("Owner").element("ID", owner).element("DisplayName", "webfile").close("Owner");
    xml.element("StorageClass", upload.template().storageClass());
    if (upload.checksumAlgorithm() != null) {
      xml.element("ChecksumAlgorithm", upload.checksumAlgorithm());
    }
    return S3Reply.xml(xml.end("ListPartsResult")).node();
  }

  JsonNode listUploads(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    AwsRequest r = ctx.request();
    String prefix = r.queryParam("prefix");
    int max = BucketOperations.parseMax(r.queryParam("max-uploads"), 1000, "max-uploads");
    List<MultipartUpload> all = new ArrayList<>();
    for (MultipartUpload u : bucket.uploads().values()) {
      if (prefix == null || u.key().startsWith(prefix)) {
        all.add(u);
      }
    }
    all.sort((a, b) -> a.key().equals(b.key()) ? Long.compare(a.initiated(), b.initiated()) : a.key().compareTo(b.key()));
    boolean truncated = all.size() > max;
    List<MultipartUpload> page = truncated ? all.subList(0, max) : all;
    Xml xml = Xml.document("ListMultipartUploadsResult").element("Bucket", bucket.name()).element("KeyMarker", "")
        .element("UploadIdMarker", "");
    if (!page.isEmpty()) {
      xml.element("NextKeyMarker", page.get(page.size() - 1).key()).element("NextUploadIdMarker", page.get(page.size() - 1).uploadId());
    }
    xml.element("Prefix", prefix == null ? "" : prefix).element("MaxUploads", max).element("IsTruncated", truncated);
    String owner = BucketOperations.owner(bucket.account());
    for (MultipartUpload u : page) {
      xml.open("Upload").element("Key", u.key()).element("UploadId", u.uploadId())
          .open("Initiator").element("ID", owner).element("DisplayName", "webfile").close("Initiator")
          .open("Owner").element("ID", owner).element("DisplayName", "webfile").close("Owner")
          .element("StorageClass", u.template().storageClass()).element("Initiated", S3Engine.iso(u.initiated())).close("Upload");
    }
    return S3Reply.xml(xml.end("ListMultipartUploadsResult")).node();
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
