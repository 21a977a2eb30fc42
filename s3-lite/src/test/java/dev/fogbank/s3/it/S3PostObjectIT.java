package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** Browser-style POST uploads: a multipart/form-data form with key, metadata, policy and file. */
class S3PostObjectIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final S3Client s3 = S3Clients.pathStyle(fogbank);

  private static HttpResponse<String> post(String bucket, Map<String, String> fields, String filename, String content) throws Exception {
    String boundary = "----formboundary7MA4YWxkTrZu0gW";
    StringBuilder body = new StringBuilder();
    fields.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(k)
        .append("\"\r\n\r\n").append(v).append("\r\n"));
    body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(filename)
        .append("\"\r\nContent-Type: text/plain\r\n\r\n").append(content).append("\r\n--").append(boundary).append("--\r\n");
    HttpRequest request = HttpRequest.newBuilder(URI.create(fogbank.endpoint() + "/" + bucket))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFormUploadStoresTheFileUnderTheKeyWithMetadata() throws Exception {
    String bucket = S3Clients.bucketName("post");
    s3.createBucket(b -> b.bucket(bucket));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", "uploads/${filename}");
    fields.put("x-amz-meta-origin", "browser");
    fields.put("success_action_status", "201");
    String content = "line one\r\n--not a boundary\r\nline three";
    HttpResponse<String> response = post(bucket, fields, "note.txt", content);
    assertEquals(201, response.statusCode(), response.body());
    assertTrue(response.body().contains("<Key>uploads/note.txt</Key>"), response.body());
    var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploads/note.txt"));
    assertEquals(content, got.asUtf8String());
    assertEquals("browser", got.response().metadata().get("origin"));
    assertEquals("text/plain", got.response().contentType());
  }

  @Test
  void anExpiredPolicyIsAccessDenied() throws Exception {
    String bucket = S3Clients.bucketName("postpolicy");
    s3.createBucket(b -> b.bucket(bucket));
    String policy = Base64.getEncoder().encodeToString(
        "{\"expiration\":\"2000-01-01T00:00:00Z\",\"conditions\":[]}".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = post(bucket, Map.of("key", "k", "policy", policy), "f.txt", "x");
    assertEquals(403, response.statusCode());
    assertTrue(response.body().contains("<Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message>"),
        response.body());
  }

  @Test
  void withoutAKeyFieldThePostIsInvalid() throws Exception {
    String bucket = S3Clients.bucketName("postkey");
    s3.createBucket(b -> b.bucket(bucket));
    HttpResponse<String> response = post(bucket, Map.of(), "f.txt", "x");
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("<Code>InvalidArgument</Code>"), response.body());
  }
}
