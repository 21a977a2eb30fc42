package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.testkit.FogbankExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Large objects streamed both ways, interrupted uploads, and SSE-C key checks. */
class S3StreamingIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final S3Client s3 = S3Clients.pathStyle(fogbank);
  private String bucket;

  @BeforeEach
  void bucket() {
    bucket = S3Clients.bucketName("streaming");
    s3.createBucket(b -> b.bucket(bucket));
  }

  /** {@code size} bytes of a fixed pattern, generated as read. */
  private static InputStream pattern(long size) {
    return new InputStream() {
      long position;

      @Override
      public int read() {
        return position < size ? (int) (position++ * 13 & 0xff) : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position >= size) {
          return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) ((position + i) * 13 & 0xff);
        }
        position += n;
        return n;
      }
    };
  }

  private static long crc(InputStream in) throws Exception {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[64 * 1024];
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        crc.update(buf, 0, n);
      }
    }
    return crc.getValue();
  }

  @Test
  void a300MbObjectStreamsUpAndDown() throws Exception {
    long size = 300L * 1024 * 1024;
    s3.putObject(b -> b.bucket(bucket).key("large"), RequestBody.fromContentProvider(() -> pattern(size), size, "application/octet-stream"));
    assertEquals(size, s3.headObject(b -> b.bucket(bucket).key("large")).contentLength());
    assertEquals(crc(pattern(size)), crc(s3.getObject(b -> b.bucket(bucket).key("large"))));
  }

  @Test
  void anInterruptedUploadLeavesNoObject() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", fogbank.endpoint().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /" + bucket + "/cut HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1048576\r\n"
          + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[100_000]);
      out.flush();
    }
    // The server notices the closed connection; the object never appears.
    for (int i = 0; i < 50; i++) {
      assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(bucket).key("cut")));
    }
  }

  @Test
  void sseCustomerObjectsNeedTheirKeyToBeRead() throws Exception {
    byte[] key = new byte[32];
    key[0] = 1;
    String keyB64 = Base64.getEncoder().encodeToString(key);
    String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
    s3.putObject(b -> b.bucket(bucket).key("secret").sseCustomerAlgorithm("AES256").sseCustomerKey(keyB64).sseCustomerKeyMD5(md5),
        RequestBody.fromString("classified"));
    assertEquals("classified", s3.getObjectAsBytes(b -> b.bucket(bucket).key("secret")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(keyB64).sseCustomerKeyMD5(md5)).asUtf8String());
    S3Exception withoutKey = assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket(bucket).key("secret")));
    assertEquals(400, withoutKey.statusCode());
    assertEquals("InvalidRequest", withoutKey.awsErrorDetails().errorCode());
    byte[] other = new byte[32];
    String otherB64 = Base64.getEncoder().encodeToString(other);
    String otherMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(other));
    S3Exception wrongKey = assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket(bucket).key("secret")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(otherB64).sseCustomerKeyMD5(otherMd5)));
    assertEquals(403, wrongKey.statusCode());
  }
}
