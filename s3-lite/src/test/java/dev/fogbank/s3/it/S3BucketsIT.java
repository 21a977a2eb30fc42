package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Buckets through the SDK v2: create rules, head, list, delete, location, versioning, configs. */
class S3BucketsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final S3Client s3 = S3Clients.pathStyle(fogbank);

  @Test
  void createHeadListAndDeleteABucket() {
    String name = S3Clients.bucketName("buckets");
    s3.createBucket(b -> b.bucket(name));
    assertEquals("us-east-1", s3.headBucket(b -> b.bucket(name)).bucketRegion());
    assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(name)));
    // GetBucketLocation answers an empty constraint for us-east-1 (S3 API reference).
    assertEquals(BucketLocationConstraint.UNKNOWN_TO_SDK_VERSION, s3.getBucketLocation(b -> b.bucket(name)).locationConstraint());
    s3.deleteBucket(b -> b.bucket(name));
    NoSuchBucketException e = assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket(name)));
    assertEquals(404, e.statusCode());
  }

  @Test
  void deletingANonEmptyBucketFailsWithBucketNotEmpty() {
    String name = S3Clients.bucketName("notempty");
    s3.createBucket(b -> b.bucket(name));
    s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString("x"));
    S3Exception e = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket(name)));
    assertEquals("BucketNotEmpty", e.awsErrorDetails().errorCode());
    assertEquals(409, e.statusCode());
  }

  @Test
  void aLocationConstraintInUsEast1IsInvalid() {
    S3Exception e = assertThrows(S3Exception.class, () -> s3.createBucket(b -> b.bucket(S3Clients.bucketName("loc"))
        .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))));
    assertEquals("InvalidLocationConstraint", e.awsErrorDetails().errorCode());
  }

  @Test
  void invalidBucketNamesAreRejected() throws Exception {
    // The SDK refuses such names itself, so the request goes out raw, signed for s3.
    RawS3.Response response = RawS3.send(fogbank, "PUT", "/Bad_Name", "localhost", null);
    assertEquals(400, response.status());
    assertTrue(response.body().contains("<Code>InvalidBucketName</Code>"), response.body());
    assertTrue(response.headers().containsKey("x-amz-request-id"));
    assertTrue(response.headers().containsKey("x-amz-id-2"));
  }

  @Test
  void listBucketsPaginatesWithPrefix() {
    String prefix = S3Clients.bucketName("page");
    for (int i = 0; i < 3; i++) {
      int n = i;
      s3.createBucket(b -> b.bucket(prefix + "-" + n));
    }
    var first = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2));
    assertEquals(List.of(prefix + "-0", prefix + "-1"), first.buckets().stream().map(b -> b.name()).toList());
    var second = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2).continuationToken(first.continuationToken()));
    assertEquals(List.of(prefix + "-2"), second.buckets().stream().map(b -> b.name()).toList());
  }

  @Test
  void versioningAndStoredConfigurationsRoundTrip() {
    String name = S3Clients.bucketName("configs");
    s3.createBucket(b -> b.bucket(name));
    s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket(name)).status());
    S3Exception missing = assertThrows(S3Exception.class, () -> s3.getBucketCors(b -> b.bucket(name)));
    assertEquals("NoSuchCORSConfiguration", missing.awsErrorDetails().errorCode());
    s3.putBucketCors(b -> b.bucket(name).corsConfiguration(c -> c.corsRules(r -> r.allowedMethods("GET").allowedOrigins("*"))));
    assertEquals(List.of("GET"), s3.getBucketCors(b -> b.bucket(name)).corsRules().get(0).allowedMethods());
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    s3.putBucketPolicy(b -> b.bucket(name).policy(policy));
    assertEquals(policy, s3.getBucketPolicy(b -> b.bucket(name)).policy());
    s3.putBucketTagging(b -> b.bucket(name).tagging(t -> t.tagSet(tag -> tag.key("team").value("storage"))));
    assertEquals("storage", s3.getBucketTagging(b -> b.bucket(name)).tagSet().get(0).value());
    s3.deleteBucketTagging(b -> b.bucket(name));
    assertEquals("NoSuchTagSet",
        assertThrows(S3Exception.class, () -> s3.getBucketTagging(b -> b.bucket(name))).awsErrorDetails().errorCode());
  }
}
