package dev.fogbank.s3.upload;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.S3Errors;
import dev.fogbank.s3.S3Exception;
import dev.fogbank.s3.store.DataDirectory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Receives an object body from the connection into an incoming file, decoding {@code aws-chunked}
 * and computing the MD5 and any flexible checksums on the way, then checks what the client
 * declared: {@code Content-MD5} (BadDigest), {@code x-amz-checksum-*} headers or trailers, and the
 * decoded length. Any failure deletes the file: an interrupted upload leaves nothing.
 */
public final class BodyReceiver {

  /** S3's largest single PUT: 5 GB. */
  public static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

  /** The piece a body is read, written and digested in. */
  static final int BUFFER = 64 * 1024;

  /**
   * Native write buffers kept between uploads: a write from a heap array goes through a native
   * buffer made (and zeroed) for that one write, once per piece of the body.
   */
  private static final ConcurrentLinkedQueue<ByteBuffer> DIRECT = new ConcurrentLinkedQueue<>();

  private static final int DIRECT_KEPT = 16;

  private BodyReceiver() {}

  public static ReceivedBody receive(AwsRequest request, DataDirectory data) {
    String contentMd5 = request.header("Content-MD5");
    byte[] expectedMd5 = null;
    if (contentMd5 != null) {
      try {
        expectedMd5 = Base64.getDecoder().decode(contentMd5.trim());
      } catch (IllegalArgumentException e) {
        throw S3Errors.invalidDigest();
      }
      if (expectedMd5.length != 16) {
        throw S3Errors.invalidDigest();
      }
    }
    String length = request.header("Content-Length");
    if (length != null && !isChunked(request) && Long.parseLong(length) > MAX_SINGLE_PUT) {
      throw S3Errors.entityTooLarge();
    }
    Map<ChecksumAlgorithm, ChecksumAlgorithm.Running> running = new EnumMap<>(ChecksumAlgorithm.class);
    for (ChecksumAlgorithm a : requested(request)) {
      running.put(a, a.start());
    }
    MessageDigest md5 = md5();
    Path file = data.newIncoming();
    long size;
    AwsChunkedInputStream chunked = null;
    boolean ok = false;
    try (InputStream raw = request.bodyStream();
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      InputStream in = raw;
      if (isChunked(request)) {
        chunked = new AwsChunkedInputStream(new BufferedInputStream(raw, 64 * 1024));
        in = chunked;
      }
      size = copy(in, out, md5, running.values(), expectedLength(request));
      ok = true;
    } catch (IOException e) {
      throw S3Errors.incompleteBody();
    } finally {
      if (!ok) {
        DataDirectory.delete(file);
      }
    }
    try {
      byte[] digest = md5.digest();
      verifyLength(request, size);
      if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, digest)) {
        throw S3Errors.badDigest();
      }
      Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
      for (Map.Entry<ChecksumAlgorithm, ChecksumAlgorithm.Running> e : running.entrySet()) {
        String computed = e.getValue().base64();
        String declared = request.header(e.getKey().header());
        if (declared == null && chunked != null) {
          declared = chunked.trailers().get(e.getKey().header());
        }
        if (declared != null && !declared.equals(computed)) {
          throw S3Errors.checksumMismatch(e.getKey().name());
        }
        values.put(e.getKey(), computed);
      }
      return new ReceivedBody(file, size, HexFormat.of().formatHex(digest), values);
    } catch (S3Exception e) {
      DataDirectory.delete(file);
      throw e;
    }
  }

  /**
   * Writes the body to {@code out} and digests it in the same pass, a piece at a time while the
   * piece is in cache. A body larger than one piece is written through a kept native buffer; a
   * small one, whose declared length sizes its buffer, goes out in a single write.
   */
  private static long copy(
      InputStream in, FileChannel out, MessageDigest md5, Collection<ChecksumAlgorithm.Running> checksums, long expected)
      throws IOException {
    boolean small = expected >= 0 && expected <= BUFFER;
    byte[] buf = new byte[small ? (int) Math.max(1, expected) : BUFFER];
    ByteBuffer direct = small ? null : directBuffer();
    long size = 0;
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        writeFully(out, direct == null ? ByteBuffer.wrap(buf, 0, n) : direct.clear().put(buf, 0, n).flip());
        md5.update(buf, 0, n);
        for (ChecksumAlgorithm.Running r : checksums) {
          r.update(buf, 0, n);
        }
        size += n;
        if (size > MAX_SINGLE_PUT) {
          throw S3Errors.entityTooLarge();
        }
      }
    } finally {
      if (direct != null) {
        release(direct);
      }
    }
    return size;
  }

  private static ByteBuffer directBuffer() {
    ByteBuffer b = DIRECT.poll();
    return b != null ? b : ByteBuffer.allocateDirect(BUFFER);
  }

  private static void release(ByteBuffer b) {
    if (DIRECT.size() < DIRECT_KEPT) {
      DIRECT.add(b);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      out.write(buf);
    }
  }

  /** The payload length the request declares, or -1 when it does not say. */
  private static long expectedLength(AwsRequest request) {
    String header = isChunked(request) ? request.header("x-amz-decoded-content-length") : request.header("Content-Length");
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void verifyLength(AwsRequest request, long size) {
    String decoded = request.header("x-amz-decoded-content-length");
    if (decoded != null && Long.parseLong(decoded.trim()) != size) {
      throw S3Errors.incompleteBody();
    }
    String length = request.header("Content-Length");
    if (length != null && !isChunked(request) && Long.parseLong(length.trim()) != size) {
      throw S3Errors.incompleteBody();
    }
  }

  /** aws-chunked: the content encoding says so, or the SigV4 payload hash is a STREAMING- one. */
  static boolean isChunked(AwsRequest request) {
    String encoding = request.header("Content-Encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked")) {
      return true;
    }
    String sha = request.header("x-amz-content-sha256");
    return sha != null && sha.startsWith("STREAMING-");
  }

  /** Algorithms named by a checksum header, the trailer declaration or the SDK's algorithm header. */
  static java.util.Set<ChecksumAlgorithm> requested(AwsRequest request) {
    java.util.Set<ChecksumAlgorithm> out = java.util.EnumSet.noneOf(ChecksumAlgorithm.class);
    for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
      if (request.header(a.header()) != null) {
        out.add(a);
      }
    }
    String trailer = request.header("x-amz-trailer");
    if (trailer != null) {
      for (String t : trailer.split(",")) {
        String name = t.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("x-amz-checksum-")) {
          ChecksumAlgorithm a = ChecksumAlgorithm.of(name.substring("x-amz-checksum-".length()));
          if (a != null) {
            out.add(a);
          }
        }
      }
    }
    for (String h : new String[] {"x-amz-sdk-checksum-algorithm", "x-amz-checksum-algorithm"}) {
      ChecksumAlgorithm a = ChecksumAlgorithm.of(request.header(h));
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
