package dev.fogbank.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The image as Testcontainers' {@code LocalStackContainer} substitute: its wait for the "Ready."
 * line, its SERVICES variable, its endpoint and credentials; and LocalStack's {@code
 * /_aws/sqs/messages}, which shows a queue's messages without receiving them.
 */
@Tag("docker")
class LocalStackSubstituteIT {

  @Test
  void servesAsLocalStackContainer() throws Exception {
    DockerEngine.assumeImages("fogbank/fogbank:latest");
    DockerImageName image = DockerImageName.parse("fogbank/fogbank:latest").asCompatibleSubstituteFor("localstack/localstack");
    try (LocalStackContainer localstack = new LocalStackContainer(image).withServices(LocalStackContainer.Service.SQS)) {
      localstack.start();
      try (SqsClient sqs =
          SqsClient.builder()
              .endpointOverride(localstack.getEndpoint())
              .region(Region.of(localstack.getRegion()))
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey())))
              .build()) {
        String url = sqs.createQueue(b -> b.queueName("substitute")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("peek at me"));

        String peek = get(localstack, "/_aws/sqs/messages?QueueUrl=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
        assertTrue(peek.contains("peek at me"), peek);
        // Peeking received nothing: the message is still there for a consumer.
        assertEquals("peek at me", sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).body());
      }
      String health = get(localstack, "/_localstack/health");
      assertTrue(health.contains("\"sqs\""), health);
      assertTrue(!health.contains("\"lambda\""), "SERVICES=sqs runs only SQS: " + health);
    }
  }

  private static String get(LocalStackContainer c, String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(c.getEndpoint().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return r.body();
    }
  }
}
