package dev.fogbank.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.protocol.AwsRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

/** Bucket and key from host or path, operation names, and which unsigned requests S3 claims. */
class AddressingTest {

  private static AwsRequest request(String method, String uri, String host, String... headers) {
    DefaultHttpHeaders h = new DefaultHttpHeaders();
    h.set("Host", host);
    for (int i = 0; i < headers.length; i += 2) {
      h.set(headers[i], headers[i + 1]);
    }
    return new AwsRequest(method, uri, h, new byte[0]);
  }

  @Test
  void pathStyleAndVirtualHostedStyle() {
    assertEquals(new Address("b", "k/x y+z"), Address.of(request("GET", "/b/k/x%20y+z", "localhost:4566")));
    assertEquals(new Address("b", null), Address.of(request("GET", "/b", "localhost")));
    assertEquals(new Address("my.bucket", "k"), Address.of(request("GET", "/k", "my.bucket.s3.localhost.localstack.cloud:4566")));
    assertEquals(new Address("b", "k"), Address.of(request("GET", "/k", "b.localhost:4566")));
    assertEquals(new Address(null, null), Address.of(request("GET", "/", "s3.localhost.localstack.cloud")));
  }

  @Test
  void operationNamesFollowMethodSubresourceAndHeaders() {
    assertEquals("ListBuckets", name("GET", "/", "localhost"));
    assertEquals("ListObjectsV2", name("GET", "/b?list-type=2", "localhost"));
    assertEquals("GetBucketVersioning", name("GET", "/b?versioning", "localhost"));
    assertEquals("CreateMultipartUpload", name("POST", "/b/k?uploads", "localhost"));
    assertEquals("UploadPart", name("PUT", "/b/k?partNumber=1&uploadId=u", "localhost"));
    assertEquals("GetBucketLifecycleConfiguration", name("GET", "/b?lifecycle", "localhost"));
    assertEquals("ListBucketMetricsConfigurations", name("GET", "/b?metrics", "localhost"));
    AwsRequest copy = request("PUT", "/b/k", "localhost", "x-amz-copy-source", "/a/b");
    assertEquals("CopyObject", S3Operations.name(copy, Address.of(copy)));
  }

  private static String name(String method, String uri, String host) {
    AwsRequest r = request(method, uri, host);
    return S3Operations.name(r, Address.of(r));
  }

  @Test
  void unsignedRequestsAreClaimedOnlyWhenTheyLookLikeS3() {
    S3Module module = new S3Module();
    assertTrue(module.claims(request("GET", "/my-bucket/key", "localhost")));
    assertTrue(module.claims(request("GET", "/", "b.s3.localhost.localstack.cloud")));
    assertFalse(module.claims(request("GET", "/", "localhost")));
    assertFalse(module.claims(request("GET", "/2015-03-31/functions", "localhost")));
    assertFalse(module.claims(request("GET", "/restapis", "localhost")));
    assertFalse(module.claims(request("POST", "/000000000000/queue", "localhost")));
    assertFalse(module.claims(request("POST", "/some-path", "localhost", "Content-Type", "application/x-www-form-urlencoded")));
    assertTrue(module.claims(request("GET", "/b/k?X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request", "localhost")));
  }
}
