package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Multipart uploads: part rules, ETags with -N, listing, abort, and the SDK's own multipart client. */
class S3MultipartIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final int MB = 1024 * 1024;
  private final S3Client s3 = S3Clients.pathStyle(fogbank);
  private String bucket;

  @BeforeEach
  void bucket() {
    bucket = S3Clients.bucketName("multipart");
    s3.createBucket(b -> b.bucket(bucket));
  }

  private static byte[] bytes(int size, int seed) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) seed);
    return b;
  }

  @Test
  void partsAssembleInOrderWithTheMultipartETag() throws Exception {
    String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("big")).uploadId();
    byte[] p1 = bytes(5 * MB, 1);
    byte[] p2 = bytes(1024, 2);
    String e1 = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(id).partNumber(1), RequestBody.fromBytes(p1)).eTag();
    String e2 = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(id).partNumber(2), RequestBody.fromBytes(p2)).eTag();
    assertEquals(2, s3.listParts(b -> b.bucket(bucket).key("big").uploadId(id)).parts().size());
    assertEquals(1, s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());
    var done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(id).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
    // Multipart ETag: MD5 of the concatenated binary part MD5s, then "-" and the part count.
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(MessageDigest.getInstance("MD5").digest(p1));
    md5.update(MessageDigest.getInstance("MD5").digest(p2));
    assertEquals("\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"", done.eTag());
    var head = s3.headObject(b -> b.bucket(bucket).key("big"));
    assertEquals(5L * MB + 1024, head.contentLength());
    assertEquals(2, head.partsCount());
    byte[] second = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big").partNumber(2)).asByteArray();
    assertEquals(1024, second.length);
    assertEquals(0, s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());
  }

  @Test
  void smallPartsBeforeTheLastAreEntityTooSmall() {
    String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("small")).uploadId();
    String e1 = s3.uploadPart(b -> b.bucket(bucket).key("small").uploadId(id).partNumber(1), RequestBody.fromString("a")).eTag();
    String e2 = s3.uploadPart(b -> b.bucket(bucket).key("small").uploadId(id).partNumber(2), RequestBody.fromString("b")).eTag();
    S3Exception e = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("small").uploadId(id)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build()))));
    assertEquals("EntityTooSmall", e.awsErrorDetails().errorCode());
  }

  @Test
  void wrongETagsAndOrderAreInvalidPartAndInvalidPartOrder() {
    String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
    String e1 = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1), RequestBody.fromString("a")).eTag();
    String e2 = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(2), RequestBody.fromString("b")).eTag();
    S3Exception badPart = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"00\"").build()))));
    assertEquals("InvalidPart", badPart.awsErrorDetails().errorCode());
    S3Exception order = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag(e2).build(), CompletedPart.builder().partNumber(1).eTag(e1).build()))));
    assertEquals("InvalidPartOrder", order.awsErrorDetails().errorCode());
    s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id));
    S3Exception gone = assertThrows(S3Exception.class, () -> s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id)));
    assertEquals("NoSuchUpload", gone.awsErrorDetails().errorCode());
  }

  @Test
  void uploadPartCopyCopiesARange() {
    s3.putObject(b -> b.bucket(bucket).key("source"), RequestBody.fromString("0123456789"));
    String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("copy")).uploadId();
    String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket).destinationKey("copy")
        .uploadId(id).partNumber(1).copySourceRange("bytes=2-5")).copyPartResult().eTag();
    s3.completeMultipartUpload(b -> b.bucket(bucket).key("copy").uploadId(id)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertEquals("2345", s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy")).asUtf8String());
  }

  @Test
  void theSdkMultipartClientUploadsAndDownloadsA100MbFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("upload.bin");
    byte[] block = new byte[MB];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i * 7);
    }
    try (var out = Files.newOutputStream(file)) {
      for (int i = 0; i < 100; i++) {
        block[0] = (byte) i;
        out.write(block);
      }
    }
    try (S3AsyncClient async = fogbank.client(S3AsyncClient.builder().forcePathStyle(true).multipartEnabled(true)
        .multipartConfiguration(c -> c.minimumPartSizeInBytes(8L * MB).thresholdInBytes(16L * MB)))) {
      var put = async.putObject(b -> b.bucket(bucket).key("large.bin"), AsyncRequestBody.fromFile(file)).join();
      assertTrue(put.eTag().endsWith("-13\""), put.eTag());
    }
    Path back = dir.resolve("download.bin");
    s3.getObject(b -> b.bucket(bucket).key("large.bin"), ResponseTransformer.toFile(back));
    assertEquals(Files.size(file), Files.size(back));
    assertEquals(-1L, Files.mismatch(file, back));
  }
}
