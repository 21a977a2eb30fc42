package dev.fogbank.lambda.function;

import dev.fogbank.lambda.LambdaErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A deployment package (or a layer's content): the zip as uploaded, its {@code CodeSha256}
 * (base64 of the SHA-256 of the zip, as Lambda reports it) and size, and the directory it is
 * unpacked into the first time an execution environment needs it. For a {@code PackageType:
 * Image} function it is the container image's URI instead, and its {@code CodeSha256} is the
 * image digest as hex (the one the URI names after {@code @sha256:}, else a digest of the URI).
 */
public final class CodePackage {

  /** Lambda's limit for a zip uploaded directly (50 MB). */
  public static final long MAX_ZIPPED = 50L * 1024 * 1024;

  private final byte[] zip;
  private final String sha256;
  private final Path root;
  private final String imageUri;
  private volatile Path extracted;

  private CodePackage(byte[] zip, Path root) {
    this.zip = zip;
    this.sha256 = sha256(zip);
    this.root = root;
    this.imageUri = null;
  }

  private CodePackage(String imageUri) {
    this.zip = new byte[0];
    this.root = null;
    this.imageUri = imageUri;
    int at = imageUri.indexOf("@sha256:");
    this.sha256 =
        at >= 0
            ? imageUri.substring(at + "@sha256:".length())
            : java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(sha256(imageUri.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  /** A container image function's code: the image it runs. */
  public static CodePackage image(String imageUri) {
    return new CodePackage(imageUri);
  }

  /** The container image, or null for a zip package. */
  public String imageUri() {
    return imageUri;
  }

  /** Whether this is a container image rather than a zip. */
  public boolean image() {
    return imageUri != null;
  }

  /** The image by digest, as Lambda reports it in {@code ResolvedImageUri}. */
  public String resolvedImageUri() {
    String repository = imageUri;
    int at = repository.indexOf('@');
    if (at >= 0) {
      repository = repository.substring(0, at);
    }
    int slash = repository.lastIndexOf('/');
    int colon = repository.lastIndexOf(':');
    if (colon > slash) {
      repository = repository.substring(0, colon);
    }
    return repository + "@sha256:" + sha256;
  }

  /**
   * Checks that the bytes are a zip Lambda could unpack; {@code root} is where it will be
   * unpacked.
   */
  public static CodePackage of(byte[] zip, Path root) {
    if (zip.length > MAX_ZIPPED) {
      throw LambdaErrors.requestTooLargeCode();
    }
    int entries = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries++;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw unzipError();
    }
    if (entries == 0) {
      throw unzipError();
    }
    return new CodePackage(zip, root);
  }

  private static RuntimeException unzipError() {
    // Lambda's wording for an upload that is not a zip.
    return LambdaErrors.invalidParameter(
        "Could not unzip uploaded file. Please check your file, then try to upload again.");
  }

  public String sha256() {
    return sha256;
  }

  public long size() {
    return zip.length;
  }

  public byte[] zip() {
    return zip;
  }

  /** The unpacked files, unpacked on first use; null for an image, whose files are in the image. */
  public Path directory() {
    if (imageUri != null) {
      return null;
    }
    Path dir = extracted;
    if (dir == null) {
      synchronized (this) {
        dir = extracted;
        if (dir == null) {
          dir = unzip(zip, root);
          extracted = dir;
        }
      }
    }
    return dir;
  }

  /** Unpacks a zip into a new directory under {@code parent}, keeping entries inside it. */
  public static Path unzip(byte[] zip, Path parent) {
    try {
      Files.createDirectories(parent);
      Path dir = Files.createTempDirectory(parent, "code");
      unzipInto(zip, dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unpacks a zip into {@code dir}; later entries overwrite earlier files, as layers do. */
  public static void unzipInto(byte[] zip, Path dir) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = dir.resolve(e.getName()).normalize();
        if (!target.startsWith(dir)) {
          continue;
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          target.toFile().setExecutable(true);
        }
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
