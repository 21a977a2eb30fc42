package dev.fogbank.s3.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.S3Exception;
import dev.fogbank.s3.store.DataDirectory;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The body of a PUT as the object store keeps it: the file holds exactly the payload and the
 * MD5 (ETag) and checksums are those of the payload, for bodies of one piece and of many pieces,
 * arriving in reads of any size.
 */
class BodyReceiverTest {

  @TempDir Path root;

  /** A stream that hands out at most {@code step} bytes per read, as a connection does. */
  private static InputStream trickle(byte[] bytes, int step) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private static String md5Hex(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
  }

  private static String crc32(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b);
    long v = crc.getValue();
    return Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
  }

  private ReceivedBody receive(HttpHeaders headers, InputStream body) {
    return BodyReceiver.receive(new AwsRequest("PUT", "/bucket/key", headers, body), new DataDirectory(root));
  }

  @Test
  void aBodyOfManyPiecesIsStoredAndDigestedWhole() throws Exception {
    // Not a multiple of the piece size, and read in steps that straddle pieces.
    byte[] payload = random(5 * BodyReceiver.BUFFER + 12345);
    HttpHeaders headers = new DefaultHttpHeaders().set("Content-Length", payload.length);
    ReceivedBody body = receive(headers, trickle(payload, 7000));
    assertEquals(payload.length, body.size());
    assertEquals(md5Hex(payload), body.md5());
    assertArrayEquals(payload, Files.readAllBytes(body.file()));
  }

  @Test
  void consecutiveUploadsDoNotShareBytes() throws Exception {
    // The native write buffer is kept between uploads: a second, shorter body must not carry the
    // tail of the first.
    byte[] first = random(3 * BodyReceiver.BUFFER);
    byte[] second = random(BodyReceiver.BUFFER + 1);
    ReceivedBody a = receive(new DefaultHttpHeaders().set("Content-Length", first.length), trickle(first, 65536));
    ReceivedBody b = receive(new DefaultHttpHeaders().set("Content-Length", second.length), trickle(second, 65536));
    assertArrayEquals(first, Files.readAllBytes(a.file()));
    assertArrayEquals(second, Files.readAllBytes(b.file()));
    assertEquals(md5Hex(second), b.md5());
  }

  @Test
  void anAwsChunkedBodyWithATrailerIsDecodedAndChecked() throws Exception {
    byte[] payload = random(2 * BodyReceiver.BUFFER + 99);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    // SigV4 streaming format: <hex size>;chunk-signature=<sig>\r\n<data>\r\n ... 0-size chunk, trailers.
    for (int at = 0; at < payload.length; at += 128 * 1024) {
      int n = Math.min(128 * 1024, payload.length - at);
      wire.write((Integer.toHexString(n) + ";chunk-signature=00\r\n").getBytes(StandardCharsets.US_ASCII));
      wire.write(payload, at, n);
      wire.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    wire.write(("0;chunk-signature=00\r\nx-amz-checksum-crc32:" + crc32(payload) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    HttpHeaders headers =
        new DefaultHttpHeaders()
            .set("Content-Encoding", "aws-chunked")
            .set("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
            .set("x-amz-trailer", "x-amz-checksum-crc32")
            .set("x-amz-decoded-content-length", payload.length)
            .set("Content-MD5", Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(payload)));
    ReceivedBody body = receive(headers, trickle(wire.toByteArray(), 30000));
    assertEquals(payload.length, body.size());
    assertEquals(md5Hex(payload), body.md5());
    assertEquals(crc32(payload), body.checksums().get(ChecksumAlgorithm.CRC32));
    assertArrayEquals(payload, Files.readAllBytes(body.file()));
  }

  @Test
  void aSmallBodyIsStoredInOnePiece() throws Exception {
    byte[] payload = "hello, object".getBytes(StandardCharsets.UTF_8);
    ReceivedBody body = receive(new DefaultHttpHeaders().set("Content-Length", payload.length), trickle(payload, 5));
    assertEquals(md5Hex(payload), body.md5());
    assertArrayEquals(payload, Files.readAllBytes(body.file()));
  }

  @Test
  void aBodyShorterThanDeclaredLeavesNoFile() throws IOException {
    byte[] payload = random(BodyReceiver.BUFFER * 2);
    HttpHeaders headers = new DefaultHttpHeaders().set("Content-Length", payload.length + 10);
    assertThrows(S3Exception.class, () -> receive(headers, trickle(payload, 65536)));
    try (var files = Files.list(root.resolve("incoming"))) {
      assertFalse(files.findAny().isPresent());
    }
  }
}
