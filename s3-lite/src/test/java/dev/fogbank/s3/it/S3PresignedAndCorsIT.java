package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.AwsClients;
import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Presigned URLs with signature checking on, and CORS preflights from the bucket's rules. */
class S3PresignedAndCorsIT {

  @RegisterExtension
  static final FogbankExtension fogbank =
      FogbankExtension.configured(b -> b.virtualTime(true).settings(Map.of("s3.verify-presigned-urls", "true")));

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final S3Client s3 = S3Clients.pathStyle(fogbank);

  private S3Presigner presigner(String secret) {
    return S3Presigner.builder()
        .endpointOverride(fogbank.endpoint())
        .region(Region.US_EAST_1)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsClients.ACCESS_KEY, secret)))
        .build();
  }

  @Test
  void presignedGetAndPutWorkUntilTheyExpire() throws Exception {
    String bucket = S3Clients.bucketName("presigned");
    s3.createBucket(b -> b.bucket(bucket));
    try (S3Presigner presigner = presigner("test")) {
      URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .putObjectRequest(r -> r.bucket(bucket).key("up.txt"))).url().toURI();
      HttpResponse<String> putResponse = HTTP.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("via url")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, putResponse.statusCode(), putResponse.body());
      URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(r -> r.bucket(bucket).key("up.txt"))).url().toURI();
      assertEquals("via url", HTTP.send(HttpRequest.newBuilder(get).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
      fogbank.advance(Duration.ofMinutes(6));
      HttpResponse<String> expired = HTTP.send(HttpRequest.newBuilder(get).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, expired.statusCode());
      assertTrue(expired.body().contains("<Code>AccessDenied</Code><Message>Request has expired</Message>"), expired.body());
    }
  }

  @Test
  void aUrlSignedWithAnotherSecretIsSignatureDoesNotMatch() throws Exception {
    String bucket = S3Clients.bucketName("badsig");
    s3.createBucket(b -> b.bucket(bucket));
    s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
    try (S3Presigner presigner = presigner("wrong-secret")) {
      // Long enough to outlast the virtual time other tests of this class advance.
      URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofDays(1))
          .getObjectRequest(r -> r.bucket(bucket).key("k"))).url().toURI();
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(get).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, response.statusCode());
      assertTrue(response.body().contains("<Code>SignatureDoesNotMatch</Code>"), response.body());
    }
  }

  @Test
  void preflightIsAnsweredFromTheBucketsCorsRules() throws Exception {
    String bucket = S3Clients.bucketName("cors");
    s3.createBucket(b -> b.bucket(bucket));
    URI uri = URI.create(fogbank.endpoint() + "/" + bucket + "/file.txt");
    HttpRequest preflight = HttpRequest.newBuilder(uri)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "PUT")
        .build();
    HttpResponse<String> disabled = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());
    assertEquals(403, disabled.statusCode());
    assertTrue(disabled.body().contains("<Code>CORSResponse</Code><Message>CORS is not enabled for this bucket.</Message>"));
    s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(r -> r.allowedOrigins("https://*.example.com")
        .allowedMethods("GET", "PUT").allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(600))));
    HttpResponse<String> allowed = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, allowed.statusCode());
    assertEquals("https://app.example.com", allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertEquals("GET, PUT", allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
    assertEquals("600", allowed.headers().firstValue("Access-Control-Max-Age").orElseThrow());
    HttpRequest otherOrigin = HttpRequest.newBuilder(uri).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://evil.test").header("Access-Control-Request-Method", "PUT").build();
    assertEquals(403, HTTP.send(otherOrigin, HttpResponse.BodyHandlers.ofString()).statusCode());
  }
}
