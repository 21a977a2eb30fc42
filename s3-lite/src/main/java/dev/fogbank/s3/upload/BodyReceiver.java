package dev.fogbank.s3.upload;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.S3Errors;
import dev.fogbank.s3.S3Exception;
import dev.fogbank.s3.store.DataDirectory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Receives an object body from the connection into an incoming file, decoding {@code aws-chunked}
 * and computing the MD5 and any flexible checksums on the way, then checks what the client
 * declared: {@code Content-MD5} (BadDigest), {@code x-amz-checksum-*} headers or trailers, and the
 * decoded length. Any failure deletes the file: an interrupted upload leaves nothing.
 */
public final class BodyReceiver {

  /** S3's largest single PUT: 5 GB. */
  public static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

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
    long size = 0;
    AwsChunkedInputStream chunked = null;
    boolean ok = false;
    try (InputStream raw = request.bodyStream()) {
      InputStream in = raw;
      if (isChunked(request)) {
        chunked = new AwsChunkedInputStream(new BufferedInputStream(raw, 64 * 1024));
        in = chunked;
      }
      byte[] buf = new byte[64 * 1024];
      try (OutputStream out = Files.newOutputStream(file)) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          out.write(buf, 0, n);
          md5.update(buf, 0, n);
          for (ChecksumAlgorithm.Running r : running.values()) {
            r.update(buf, 0, n);
          }
          size += n;
          if (size > MAX_SINGLE_PUT) {
            throw S3Errors.entityTooLarge();
          }
        }
      }
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
