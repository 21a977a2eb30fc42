package dev.fogbank.s3;

import dev.fogbank.core.bus.EventBus;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.time.Clock;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.DataDirectory;
import dev.fogbank.s3.store.MultipartUpload;
import dev.fogbank.s3.store.S3Object;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * S3's state: buckets in one global namespace (bucket names are unique across accounts and
 * regions), object bytes in the data directory, and the clock every timestamp comes from.
 */
public final class S3Engine {

  /** Bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);

  final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  final DataDirectory data;
  final Clock clock;
  final Notifications notifications;

  S3Engine(DataDirectory data, Clock clock, Notifications notifications) {
    this.data = data;
    this.clock = clock;
    this.notifications = notifications;
  }

  long now() {
    return clock.millis();
  }

  Bucket bucket(String name) {
    Bucket bucket = name == null ? null : buckets.get(name);
    if (bucket == null) {
      throw S3Errors.noSuchBucket(name);
    }
    return bucket;
  }

  static void checkBucketName(String name) {
    if (name == null
        || !BUCKET_NAME.matcher(name).matches()
        || name.contains("..")
        || name.contains(".-")
        || name.contains("-.")
        || IP_ADDRESS.matcher(name).matches()
        || name.startsWith("xn--")
        || name.endsWith("-s3alias")) {
      throw S3Errors.invalidBucketName(name);
    }
  }

  /** Keys are at most 1024 bytes of UTF-8. */
  static void checkKey(String key) {
    if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
      throw S3Errors.keyTooLong();
    }
  }

  static String httpDate(long millis) {
    return HTTP_DATE.format(Instant.ofEpochMilli(millis));
  }

  static String iso(long millis) {
    return ISO.format(Instant.ofEpochMilli(millis));
  }

  /** A version id as S3 makes them: 32 URL-safe characters. */
  static String newVersionId() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
    StringBuilder sb = new StringBuilder(32);
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < 32; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static String region(RequestContext ctx) {
    return ctx.region();
  }

  /** Deletes the files of versions no longer kept. */
  void discard(List<S3Object> versions) {
    for (S3Object v : versions) {
      DataDirectory.delete(v.file());
    }
  }

  void discardUpload(MultipartUpload upload) {
    upload.parts().values().forEach(p -> DataDirectory.delete(p.file()));
  }

  void reset() {
    buckets.clear();
    data.clear();
  }

  /**
   * DeleteObject semantics: by version id, removes that version for good; otherwise, with
   * versioning enabled, stacks a delete marker; suspended, a {@code null}-version marker replacing
   * the null version; never enabled, removes the object.
   */
  ObjectOperations.Deletion deleteObject(RequestContext ctx, Bucket bucket, String key, String versionId) {
    return deleteObject(ctx, bucket, key, versionId, "ObjectRemoved");
  }

  /** @param eventPrefix {@code ObjectRemoved}, or {@code LifecycleExpiration} for lifecycle rules */
  ObjectOperations.Deletion deleteObject(RequestContext ctx, Bucket bucket, String key, String versionId, String eventPrefix) {
    if (versionId != null) {
      S3Object removed = bucket.removeVersion(key, versionId);
      if (removed == null) {
        return new ObjectOperations.Deletion(false, versionId);
      }
      DataDirectory.delete(removed.file());
      notifications.objectRemoved(ctx, bucket, removed, eventPrefix + ":Delete");
      return new ObjectOperations.Deletion(removed.deleteMarker(), versionId);
    }
    if (bucket.versioning() == null) {
      S3Object removed = bucket.removeVersion(key, S3Object.NULL_VERSION);
      if (removed != null) {
        DataDirectory.delete(removed.file());
        notifications.objectRemoved(ctx, bucket, removed, eventPrefix + ":Delete");
      }
      return new ObjectOperations.Deletion(false, null);
    }
    String markerId = bucket.versioningEnabled() ? newVersionId() : S3Object.NULL_VERSION;
    S3Object marker = S3Object.deleteMarker(key, markerId, now());
    List<S3Object> replaced;
    synchronized (bucket) {
      replaced = bucket.put(marker);
    }
    discard(replaced);
    notifications.objectRemoved(ctx, bucket, marker, eventPrefix + ":DeleteMarkerCreated");
    return new ObjectOperations.Deletion(true, markerId);
  }
}
