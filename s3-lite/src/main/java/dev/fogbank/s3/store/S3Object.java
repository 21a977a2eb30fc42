package dev.fogbank.s3.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One version of an object (or a delete marker): where its bytes are on disk and what S3 keeps
 * about it. Immutable; a change of tags makes a new record for the same file.
 *
 * @param versionId {@code null} (the literal string) for objects written while versioning was off
 * @param contentHeaders the standard headers S3 stores and returns (Content-Type, Cache-Control…)
 * @param checksums full-object checksums by algorithm name (CRC32, CRC32C, SHA1, SHA256, CRC64NVME), base64
 * @param partSizes the part sizes of a multipart object, for GET/HEAD with partNumber
 */
public record S3Object(
    String key,
    String versionId,
    boolean deleteMarker,
    Path file,
    long size,
    String etag,
    long lastModified,
    Map<String, String> contentHeaders,
    Map<String, String> userMetadata,
    String storageClass,
    Map<String, String> checksums,
    Map<String, String> tags,
    List<Long> partSizes,
    Map<String, String> encryption) {

  public static final String NULL_VERSION = "null";

  public static S3Object deleteMarker(String key, String versionId, long now) {
    return new S3Object(key, versionId, true, null, 0, null, now, Map.of(), Map.of(), null, Map.of(), Map.of(), List.of(), Map.of());
  }

  public S3Object withTags(Map<String, String> newTags) {
    return new S3Object(key, versionId, deleteMarker, file, size, etag, lastModified, contentHeaders, userMetadata,
        storageClass, checksums, Map.copyOf(newTags), partSizes, encryption);
  }

  public int partsCount() {
    return partSizes.size();
  }
}
