package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Virtual-hosted addressing ({@code bucket.s3.localhost.localstack.cloud}, {@code
 * bucket.localhost}) by Host header, and S3's error body for a missing key.
 */
class S3AddressingIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final S3Client s3 = S3Clients.pathStyle(fogbank);

  @Test
  void virtualHostedRequestsAddressTheBucketByHost() throws Exception {
    String bucket = S3Clients.bucketName("vhost");
    s3.createBucket(b -> b.bucket(bucket));
    s3.putObject(b -> b.bucket(bucket).key("dir/file.txt"), RequestBody.fromString("by host"));
    RawS3.Response got = RawS3.send(fogbank, "GET", "/dir/file.txt", bucket + ".s3.localhost.localstack.cloud:4566", null);
    assertEquals(200, got.status());
    assertEquals("by host", got.body());
    RawS3.Response unsigned = RawS3.send(fogbank, "GET", "/dir/file.txt", bucket + ".localhost:4566", null, false);
    assertEquals("by host", unsigned.body());
    RawS3.Response list = RawS3.send(fogbank, "GET", "/?list-type=2", bucket + ".s3.localhost.localstack.cloud", null, false);
    assertTrue(list.body().contains("<Key>dir/file.txt</Key>"), list.body());
  }

  @Test
  void missingKeyErrorHasS3Shape() throws Exception {
    String bucket = S3Clients.bucketName("errors");
    s3.createBucket(b -> b.bucket(bucket));
    RawS3.Response missing = RawS3.send(fogbank, "GET", "/" + bucket + "/nothing", "localhost", null);
    assertEquals(404, missing.status());
    // S3's error document: Code, Message, Key, RequestId, HostId (S3 API reference, "Error responses").
    assertTrue(missing.body().matches("(?s)<\\?xml.*<Error><Code>NoSuchKey</Code><Message>The specified key does not exist\\.</Message>"
        + "<Key>nothing</Key><RequestId>[^<]+</RequestId><HostId>[^<]+</HostId></Error>"), missing.body());
    assertEquals("application/xml", missing.headers().get("content-type"));
  }

  @Test
  void otherServicesPathsAreNotClaimed() throws Exception {
    RawS3.Response health = RawS3.send(fogbank, "GET", "/", "localhost", null, false);
    assertEquals(200, health.status());
  }
}
