package dev.fogbank.s3.upload;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * S3's flexible checksums: each sent in {@code x-amz-checksum-<name>} (header or trailer) as the
 * base64 of the big-endian value or digest.
 */
public enum ChecksumAlgorithm {
  CRC32,
  CRC32C,
  SHA1,
  SHA256,
  CRC64NVME;

  /** The header (and trailer) name: {@code x-amz-checksum-crc32}. */
  public String header() {
    return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
  }

  public static ChecksumAlgorithm of(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.toUpperCase(Locale.ROOT).replace("-", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A running computation. */
  public Running start() {
    return switch (this) {
      case CRC32 -> new Crc(new CRC32(), 4);
      case CRC32C -> new Crc(new CRC32C(), 4);
      case CRC64NVME -> new Crc(new Crc64Nvme(), 8);
      case SHA1 -> new Digest("SHA-1");
      case SHA256 -> new Digest("SHA-256");
    };
  }

  /** A checksum being computed over a stream. */
  public interface Running {
    void update(byte[] b, int off, int len);

    /** The base64 value. */
    String base64();
  }

  private record Crc(Checksum checksum, int width) implements Running {
    @Override
    public void update(byte[] b, int off, int len) {
      checksum.update(b, off, len);
    }

    @Override
    public String base64() {
      ByteBuffer buf = ByteBuffer.allocate(8).putLong(checksum.getValue());
      byte[] out = new byte[width];
      System.arraycopy(buf.array(), 8 - width, out, 0, width);
      return Base64.getEncoder().encodeToString(out);
    }
  }

  private static final class Digest implements Running {
    private final MessageDigest digest;

    Digest(String name) {
      try {
        digest = MessageDigest.getInstance(name);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void update(byte[] b, int off, int len) {
      digest.update(b, off, len);
    }

    @Override
    public String base64() {
      return Base64.getEncoder().encodeToString(digest.digest());
    }
  }
}
