package dev.fogbank.s3.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A bucket: its objects (every version, newest first, per key, in key order as S3 lists them),
 * its multipart uploads and its stored configurations. Changes to its objects lock the bucket.
 */
public final class Bucket {

  private final String name;
  private final String region;
  private final String account;
  private final long created;
  private volatile String versioning;
  private final NavigableMap<String, List<S3Object>> objects = new ConcurrentSkipListMap<>();
  private final Map<String, MultipartUpload> uploads = new ConcurrentHashMap<>();
  private final Map<String, byte[]> configs = new ConcurrentHashMap<>();

  public Bucket(String name, String region, String account, long created) {
    this.name = name;
    this.region = region;
    this.account = account;
    this.created = created;
  }

  public String name() {
    return name;
  }

  public String region() {
    return region;
  }

  public String account() {
    return account;
  }

  public long created() {
    return created;
  }

  /** {@code null} (never enabled), {@code Enabled} or {@code Suspended}. */
  public String versioning() {
    return versioning;
  }

  public void versioning(String status) {
    this.versioning = status;
  }

  public boolean versioningEnabled() {
    return "Enabled".equals(versioning);
  }

  /** Stored configuration bodies by sub-resource ({@code cors}, {@code policy}, …). */
  public Map<String, byte[]> configs() {
    return configs;
  }

  public Map<String, MultipartUpload> uploads() {
    return uploads;
  }

  /** Versions per key, newest first. Read freely; change only under {@code synchronized (bucket)}. */
  public NavigableMap<String, List<S3Object>> objects() {
    return objects;
  }

  /** The current version of a key (possibly a delete marker), or null. */
  public S3Object current(String key) {
    List<S3Object> versions = objects.get(key);
    return versions == null || versions.isEmpty() ? null : versions.get(0);
  }

  public S3Object version(String key, String versionId) {
    List<S3Object> versions = objects.get(key);
    if (versions == null) {
      return null;
    }
    for (S3Object v : versions) {
      if (v.versionId().equals(versionId)) {
        return v;
      }
    }
    return null;
  }

  /**
   * Makes {@code object} the current version. With versioning enabled it stacks on the older
   * ones; otherwise it replaces the {@code null} version. Returns the versions no longer kept.
   */
  public synchronized List<S3Object> put(S3Object object) {
    List<S3Object> replaced = new ArrayList<>();
    List<S3Object> versions = new ArrayList<>(objects.getOrDefault(object.key(), List.of()));
    if (!versioningEnabled()) {
      versions.removeIf(v -> {
        boolean nullVersion = v.versionId().equals(S3Object.NULL_VERSION);
        if (nullVersion) {
          replaced.add(v);
        }
        return nullVersion;
      });
    }
    versions.add(0, object);
    objects.put(object.key(), List.copyOf(versions));
    return replaced;
  }

  /** Replaces a version in place (new tags); false if it is gone. */
  public synchronized boolean replace(S3Object old, S3Object updated) {
    List<S3Object> versions = objects.get(old.key());
    if (versions == null) {
      return false;
    }
    List<S3Object> copy = new ArrayList<>(versions);
    int i = copy.indexOf(old);
    if (i < 0) {
      return false;
    }
    copy.set(i, updated);
    objects.put(old.key(), List.copyOf(copy));
    return true;
  }

  /** Removes one version permanently; returns it, or null. */
  public synchronized S3Object removeVersion(String key, String versionId) {
    List<S3Object> versions = objects.get(key);
    if (versions == null) {
      return null;
    }
    List<S3Object> copy = new ArrayList<>(versions);
    S3Object removed = null;
    for (S3Object v : copy) {
      if (v.versionId().equals(versionId)) {
        removed = v;
      }
    }
    if (removed == null) {
      return null;
    }
    copy.remove(removed);
    if (copy.isEmpty()) {
      objects.remove(key);
    } else {
      objects.put(key, List.copyOf(copy));
    }
    return removed;
  }

  public boolean isEmpty() {
    return objects.isEmpty();
  }
}
