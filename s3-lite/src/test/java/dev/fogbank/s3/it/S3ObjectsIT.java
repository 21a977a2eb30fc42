package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Objects through the SDK v2 (which uploads aws-chunked with a CRC32 trailer by default). */
class S3ObjectsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final S3Client s3 = S3Clients.pathStyle(fogbank);
  private String bucket;

  @BeforeEach
  void bucket() {
    bucket = S3Clients.bucketName("objects");
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Test
  void putThenGetReturnsTheBytesMetadataAndMd5ETag() {
    var put = s3.putObject(b -> b.bucket(bucket).key("dir/hello.txt").contentType("text/plain").metadata(Map.of("color", "blue")),
        RequestBody.fromString("hello world"));
    // ETag of a single-part upload is the MD5 of the content (S3 docs, "Checking object integrity").
    assertEquals("\"5eb63bbbe01eeed093cb22bb8f5acdc3\"", put.eTag());
    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/hello.txt"));
    assertEquals("hello world", got.asUtf8String());
    assertEquals("text/plain", got.response().contentType());
    assertEquals("blue", got.response().metadata().get("color"));
    assertEquals(11L, got.response().contentLength());
  }

  @Test
  void flexibleChecksumsAreStoredAndReturned() {
    for (ChecksumAlgorithm alg : new ChecksumAlgorithm[] {ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256}) {
      String key = "sum-" + alg;
      var put = s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(alg), RequestBody.fromString("checksum me"));
      var head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
      String stored = switch (alg) {
        case CRC32 -> head.checksumCRC32();
        case CRC32_C -> head.checksumCRC32C();
        case SHA1 -> head.checksumSHA1();
        default -> head.checksumSHA256();
      };
      String sent = switch (alg) {
        case CRC32 -> put.checksumCRC32();
        case CRC32_C -> put.checksumCRC32C();
        case SHA1 -> put.checksumSHA1();
        default -> put.checksumSHA256();
      };
      assertEquals(sent, stored);
      assertEquals("checksum me", s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)).asUtf8String());
    }
  }

  @Test
  void aWrongContentMd5IsBadDigestAndStoresNothing() {
    S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket).key("bad").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="),
        RequestBody.fromString("not empty")));
    assertEquals("BadDigest", e.awsErrorDetails().errorCode());
    assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(bucket).key("bad")));
  }

  @Test
  void rangesServePartialContent() {
    s3.putObject(b -> b.bucket(bucket).key("r"), RequestBody.fromString("0123456789"));
    var range = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=2-4"));
    assertEquals("234", range.asUtf8String());
    assertEquals("bytes 2-4/10", range.response().contentRange());
    assertEquals("789", s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=-3")).asUtf8String());
    assertEquals("6789", s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=6-")).asUtf8String());
    S3Exception e = assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket(bucket).key("r").range("bytes=20-30")));
    assertEquals("InvalidRange", e.awsErrorDetails().errorCode());
    assertEquals(416, e.statusCode());
  }

  @Test
  void conditionalReadsAndWrites() {
    String etag = s3.putObject(b -> b.bucket(bucket).key("c"), RequestBody.fromString("v1")).eTag();
    S3Exception failed = assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket(bucket).key("c").ifMatch("\"nope\"")));
    assertEquals(412, failed.statusCode());
    S3Exception notModified = assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket(bucket).key("c").ifNoneMatch(etag)));
    assertEquals(304, notModified.statusCode());
    S3Exception exists = assertThrows(S3Exception.class,
        () -> s3.putObject(b -> b.bucket(bucket).key("c").ifNoneMatch("*"), RequestBody.fromString("v2")));
    assertEquals("PreconditionFailed", exists.awsErrorDetails().errorCode());
    assertEquals("v1", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifModifiedSince(Instant.EPOCH)).asUtf8String());
  }

  @Test
  void responseOverridesReplaceStoredHeaders() {
    s3.putObject(b -> b.bucket(bucket).key("o").contentType("text/plain"), RequestBody.fromString("x"));
    var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("o").responseContentType("application/json").responseCacheControl("no-cache"));
    assertEquals("application/json", got.response().contentType());
    assertEquals("no-cache", got.response().cacheControl());
  }

  @Test
  void missingKeysAnswerNoSuchKey() {
    NoSuchKeyException e = assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket(bucket).key("missing")));
    assertEquals(404, e.statusCode());
    assertEquals("The specified key does not exist.", e.awsErrorDetails().errorMessage());
    assertTrue(e.requestId() != null && !e.requestId().isEmpty());
  }

  @Test
  void copyKeepsOrReplacesMetadataAndCopyOntoItselfNeedsAChange() {
    s3.putObject(b -> b.bucket(bucket).key("src").contentType("text/plain").metadata(Map.of("a", "1")), RequestBody.fromString("data"));
    s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst"));
    var copied = s3.headObject(b -> b.bucket(bucket).key("dst"));
    assertEquals("1", copied.metadata().get("a"));
    S3Exception illegal = assertThrows(S3Exception.class,
        () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("src")));
    assertEquals("InvalidRequest", illegal.awsErrorDetails().errorCode());
    s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("src")
        .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("b", "2")).contentType("application/x"));
    var replaced = s3.headObject(b -> b.bucket(bucket).key("src"));
    assertEquals(Map.of("b", "2"), replaced.metadata());
    assertEquals("application/x", replaced.contentType());
  }

  @Test
  void deleteObjectsReportsEachKey() {
    s3.putObject(b -> b.bucket(bucket).key("d1"), RequestBody.fromString("1"));
    s3.putObject(b -> b.bucket(bucket).key("d2"), RequestBody.fromString("2"));
    var result = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
        ObjectIdentifier.builder().key("d1").build(), ObjectIdentifier.builder().key("d2").build())));
    assertEquals(2, result.deleted().size());
    var quiet = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true).objects(ObjectIdentifier.builder().key("d3").build())));
    assertEquals(0, quiet.deleted().size());
    assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
  }

  @Test
  void objectTagsRoundTrip() {
    s3.putObject(b -> b.bucket(bucket).key("t").tagging("a=1&b=2"), RequestBody.fromString("x"));
    assertEquals(2, s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet().size());
    s3.putObjectTagging(b -> b.bucket(bucket).key("t").tagging(t -> t.tagSet(tag -> tag.key("k").value("v"))));
    assertEquals("v", s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet().get(0).value());
  }

  @Test
  void keysWithSpecialCharactersRoundTrip() {
    String key = "a b+c/ü%?&=.txt";
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes("k".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    assertEquals(key, s3.listObjectsV2(b -> b.bucket(bucket)).contents().get(0).key());
  }

  @Test
  void keysLongerThan1024BytesAreKeyTooLongError() {
    S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket).key("k".repeat(1025)), RequestBody.fromString("x")));
    assertEquals("KeyTooLongError", e.awsErrorDetails().errorCode());
    assertEquals(400, e.statusCode());
  }

  @Test
  void conditionalCopyChecksTheSource() {
    s3.putObject(b -> b.bucket(bucket).key("cs"), RequestBody.fromString("source"));
    S3Exception e = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cs")
        .destinationBucket(bucket).destinationKey("cd").copySourceIfMatch("\"different\"")));
    assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
    assertEquals(412, e.statusCode());
  }
}
