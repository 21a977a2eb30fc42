package dev.fogbank.s3.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.s3.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** aws-chunked bodies as the SigV4 streaming spec lays them out (S3 API, "sigv4-streaming"). */
class AwsChunkedInputStreamTest {

  private static AwsChunkedInputStream of(String wire) {
    return new AwsChunkedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signedChunksYieldThePayload() throws IOException {
    String wire = "5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n world\r\n0;chunk-signature=cccc\r\n\r\n";
    try (AwsChunkedInputStream in = of(wire)) {
      assertEquals("hello world", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(Map.of(), in.trailers());
    }
  }

  @Test
  void unsignedChunksWithATrailerExposeTheTrailer() throws IOException {
    String wire = "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
    try (AwsChunkedInputStream in = of(wire)) {
      assertEquals("hello world", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertEquals("DUoRhQ==", in.trailers().get("x-amz-checksum-crc32"));
    }
  }

  @Test
  void aBodyCutInsideAChunkFails() {
    assertThrows(IOException.class, () -> of("a\r\nhello").readAllBytes());
  }

  @Test
  void aMalformedChunkHeaderIsIncompleteBody() {
    S3Exception e = assertThrows(S3Exception.class, () -> of("zz\r\nhello\r\n").readAllBytes());
    assertEquals("IncompleteBody", e.code());
  }
}
