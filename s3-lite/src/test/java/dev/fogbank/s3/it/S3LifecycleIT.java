package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;

/** Lifecycle expiration on the virtual clock, and GetObjectAttributes. */
class S3LifecycleIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final S3Client s3 = S3Clients.pathStyle(fogbank);

  @Test
  void objectsExpireAfterTheirDaysOnTheVirtualClock() {
    String bucket = S3Clients.bucketName("lifecycle");
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(LifecycleRule.builder()
        .id("tmp").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/")).expiration(e -> e.days(1)).build())));
    s3.putObject(b -> b.bucket(bucket).key("tmp/scratch"), RequestBody.fromString("x"));
    s3.putObject(b -> b.bucket(bucket).key("keep/this"), RequestBody.fromString("y"));
    assertEquals("tmp", s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().get(0).id());
    fogbank.advance(Duration.ofHours(12));
    assertEquals("x", s3.getObjectAsBytes(b -> b.bucket(bucket).key("tmp/scratch")).asUtf8String());
    // Expiration is due at the first midnight UTC after creation + 1 day; three days is past it.
    fogbank.advance(Duration.ofDays(3));
    assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(bucket).key("tmp/scratch")));
    assertEquals("y", s3.getObjectAsBytes(b -> b.bucket(bucket).key("keep/this")).asUtf8String());
  }

  @Test
  void getObjectAttributesReportsWhatWasAskedFor() {
    String bucket = S3Clients.bucketName("attributes");
    s3.createBucket(b -> b.bucket(bucket));
    String etag = s3.putObject(b -> b.bucket(bucket).key("k").checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromString("attrs")).eTag();
    var attrs = s3.getObjectAttributes(b -> b.bucket(bucket).key("k")
        .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE, ObjectAttributes.CHECKSUM, ObjectAttributes.STORAGE_CLASS));
    assertEquals(etag.replace("\"", ""), attrs.eTag());
    assertEquals(5L, attrs.objectSize());
    assertEquals("STANDARD", attrs.storageClassAsString());
    assertEquals(s3.headObject(b -> b.bucket(bucket).key("k").checksumMode("ENABLED")).checksumSHA256(), attrs.checksum().checksumSHA256());
  }
}
