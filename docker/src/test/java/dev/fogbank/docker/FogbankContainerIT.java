package dev.fogbank.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The image through {@link FogbankContainer}: health, an SQS round trip, a ready init hook. */
@Tag("docker")
class FogbankContainerIT {

  private static Network network;
  private static FogbankContainer fogbank;
  private static SqsClient sqs;

  private static final String IMAGE = FogbankContainer.DEFAULT_IMAGE.asCanonicalNameString();

  @BeforeAll
  static void start() {
    if (!DockerEngine.available(IMAGE)) {
      return; // each test is skipped, with the reason, by needsDocker()
    }
    network = Network.newNetwork();
    fogbank =
        new FogbankContainer()
            .withNetwork(network)
            .withServices("sqs")
            .withVirtualTime()
            .withRegion("eu-west-1")
            .withSetting("sqs.queue-url-style", "domain")
            .withInitScript("init/create-orders-queue.sh");
    fogbank.start();
    sqs =
        SqsClient.builder()
            .endpointOverride(fogbank.getEndpoint())
            .region(Region.of(fogbank.getRegion()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(fogbank.getAccessKey(), fogbank.getSecretKey())))
            .build();
  }

  @BeforeEach
  void needsDocker() {
    DockerEngine.assumeImages(IMAGE);
  }

  @AfterAll
  static void stop() {
    if (sqs != null) {
      sqs.close();
    }
    if (fogbank != null) {
      fogbank.stop();
    }
    if (network != null) {
      network.close();
    }
  }

  @Test
  void otherContainersOnTheNetworkReachItByItsAlias() {
    // A client container (the same image, as a shell) calls Fogbank the way a function or a
    // service under test in another container would.
    try (GenericContainer<?> client =
        new GenericContainer<>(FogbankContainer.DEFAULT_IMAGE)
            .withNetwork(network)
            .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh"))
            .withCommand("-c", "wget -q -O - " + fogbank.getNetworkEndpoint() + "/_localstack/health")
            .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(30)))) {
      client.start();
      assertEquals("http://fogbank:4566", fogbank.getNetworkEndpoint().toString());
      assertTrue(client.getLogs().contains("\"sqs\""), client.getLogs());
    }
  }

  @Test
  void healthNamesTheSelectedServices() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(fogbank.getEndpoint().resolve("/_localstack/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("\"sqs\""), health.body());
      assertTrue(!health.body().contains("\"dynamodb\""), health.body());
    }
  }

  @Test
  void dockerSeesTheImagesHealthcheckPass() throws InterruptedException {
    // The image's HEALTHCHECK runs every 5 s; Docker reports "starting" until the first passes.
    String status = "";
    for (int i = 0; i < 150 && !status.equals("healthy"); i++) {
      status = DockerEngine.output("inspect", "--format", "{{.State.Health.Status}}", fogbank.getContainerId());
      if (status.equals("starting")) {
        Thread.sleep(100);
      }
    }
    assertEquals("healthy", status);
  }

  @Test
  void sqsRoundTripThroughTheContainer() {
    String url = sqs.createQueue(b -> b.queueName("round-trip")).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello from the host"));
    List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertEquals(1, received.size());
    assertEquals("hello from the host", received.get(0).body());
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.get(0).receiptHandle()));
    assertEquals(
        "0",
        sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  @Test
  void theInitHookCreatedItsQueueBeforeTheFirstCall() {
    // No retry or wait: the container counts as started only after its ready hooks have run.
    String url = sqs.getQueueUrl(b -> b.queueName("orders-from-init")).queueUrl();
    assertTrue(url.endsWith("/000000000000/orders-from-init"), url);
    // withSetting reached the service: LocalStack's domain-style queue URLs.
    assertTrue(url.startsWith("http://sqs.eu-west-1.localhost.localstack.cloud:"), url);
    assertTrue(fogbank.getLogs().contains("created orders-from-init"), "the hook's output is logged");
  }

  @Test
  void virtualTimeMovesThroughTheAdminApi() {
    // A message sent with DelaySeconds=600 (the SQS maximum) becomes visible once the clock passes it.
    String url = sqs.createQueue(b -> b.queueName("delayed")).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(600));
    assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(url)).messages().size());
    fogbank.advance(Duration.ofSeconds(601));
    assertEquals("later", sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).body());
  }
}
