package dev.fogbank.s3.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A multipart upload in progress: what CreateMultipartUpload said about the object, and its parts. */
public final class MultipartUpload {

  /** A part as uploaded: its file, size, ETag (quoted MD5) and checksums. */
  public record Part(int number, Path file, long size, String etag, long lastModified, Map<String, String> checksums) {}

  private final String uploadId;
  private final String key;
  private final long initiated;
  private final S3Object template;
  private final String checksumAlgorithm;
  private final ConcurrentSkipListMap<Integer, Part> parts = new ConcurrentSkipListMap<>();

  /** @param template the object's metadata to be (content headers, user metadata, storage class, tags) */
  public MultipartUpload(String uploadId, String key, long initiated, S3Object template, String checksumAlgorithm) {
    this.uploadId = uploadId;
    this.key = key;
    this.initiated = initiated;
    this.template = template;
    this.checksumAlgorithm = checksumAlgorithm;
  }

  public String uploadId() {
    return uploadId;
  }

  public String key() {
    return key;
  }

  public long initiated() {
    return initiated;
  }

  public S3Object template() {
    return template;
  }

  public String checksumAlgorithm() {
    return checksumAlgorithm;
  }

  public ConcurrentSkipListMap<Integer, Part> parts() {
    return parts;
  }
}
