package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Versioning: version ids, delete markers, reads and deletes by version, ListObjectVersions. */
class S3VersioningIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final S3Client s3 = S3Clients.pathStyle(fogbank);

  @Test
  void versionsStackAndDeleteMarkersHideTheKey() {
    String bucket = S3Clients.bucketName("versions");
    s3.createBucket(b -> b.bucket(bucket));
    s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("before"));
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
    String v2 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two")).versionId();
    assertNotEquals(v1, v2);
    assertEquals("one", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(v1)).asUtf8String());
    assertEquals("before", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId("null")).asUtf8String());
    var deleted = s3.deleteObject(b -> b.bucket(bucket).key("k"));
    assertTrue(deleted.deleteMarker());
    assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket(bucket).key("k")));
    var versions = s3.listObjectVersions(b -> b.bucket(bucket));
    assertEquals(3, versions.versions().size());
    assertEquals(1, versions.deleteMarkers().size());
    assertTrue(versions.deleteMarkers().get(0).isLatest());
    s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(deleted.versionId()));
    assertEquals("two", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
    s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(v2));
    assertEquals("one", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
  }

  @Test
  void suspendedVersioningWritesNullVersions() {
    String bucket = S3Clients.bucketName("suspended");
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two"));
    s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("three"));
    var versions = s3.listObjectVersions(b -> b.bucket(bucket)).versions();
    assertEquals(2, versions.size());
    assertEquals("null", versions.get(0).versionId());
    assertEquals(v1, versions.get(1).versionId());
  }

  @Test
  void objectLockRetentionAndLegalHoldAreStoredPerVersion() {
    String bucket = S3Clients.bucketName("locked");
    s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled("Enabled")));
    s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
    software.amazon.awssdk.services.s3.model.S3Exception none = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
        () -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("k")));
    assertEquals("NoSuchObjectLockConfiguration", none.awsErrorDetails().errorCode());
    s3.putObjectLegalHold(b -> b.bucket(bucket).key("k").legalHold(h -> h.status("ON")));
    assertEquals("ON", s3.getObjectLegalHold(b -> b.bucket(bucket).key("k")).legalHold().statusAsString());
    java.time.Instant until = java.time.Instant.parse("2030-01-01T00:00:00Z");
    s3.putObjectRetention(b -> b.bucket(bucket).key("k").retention(r -> r.mode("GOVERNANCE").retainUntilDate(until)));
    assertEquals(until, s3.getObjectRetention(b -> b.bucket(bucket).key("k")).retention().retainUntilDate());
  }

  @Test
  void restoreIsOnlyValidForArchivedObjects() {
    String bucket = S3Clients.bucketName("restore");
    s3.createBucket(b -> b.bucket(bucket));
    s3.putObject(b -> b.bucket(bucket).key("hot"), RequestBody.fromString("x"));
    software.amazon.awssdk.services.s3.model.S3Exception e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
        () -> s3.restoreObject(b -> b.bucket(bucket).key("hot").restoreRequest(r -> r.days(1))));
    assertEquals("InvalidObjectState", e.awsErrorDetails().errorCode());
    s3.putObject(b -> b.bucket(bucket).key("cold").storageClass("GLACIER"), RequestBody.fromString("x"));
    assertEquals(202, s3.restoreObject(b -> b.bucket(bucket).key("cold").restoreRequest(r -> r.days(1))).sdkHttpResponse().statusCode());
  }
}
