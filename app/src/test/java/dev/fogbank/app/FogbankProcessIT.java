package dev.fogbank.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.AwsCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The runnable jar as users start it: a separate process serving SQS to the SDK v2 (JSON 1.0) and
 * to the AWS CLI (Debian's awscli speaks the query protocol to SQS).
 */
class FogbankProcessIT {

  private static final Pattern READY = Pattern.compile("ready on http://localhost:(\\d+) in (\\d+) ms");

  static Process process;
  static int port;

  @BeforeAll
  static void start() throws IOException {
    Path jar = Path.of("target", "fogbank.jar");
    assertTrue(Files.exists(jar), "package the app first");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(java, "-XX:+UseSerialGC", "-jar", jar.toString(), "start", "--port", "0", "--host", "127.0.0.1")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    Matcher m = READY.matcher(line == null ? "" : line);
    assertTrue(m.find(), "ready line: " + line);
    port = Integer.parseInt(m.group(1));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (process != null) {
      process.destroy(); // SIGTERM, as Ctrl-C's shutdown path
      assertTrue(process.waitFor(10, TimeUnit.SECONDS), "stops cleanly on SIGTERM");
    }
  }

  @Test
  void servesSqsToTheSdk() {
    try (SqsClient sqs =
        SqsClient.builder()
            .endpointOverride(URI.create("http://localhost:" + port))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      String url = sqs.createQueue(b -> b.queueName("process-it")).queueUrl();
      assertEquals("http://localhost:" + port + "/000000000000/process-it", url);
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
      List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url)).messages();
      assertEquals(1, messages.size());
      assertEquals("hello", messages.get(0).body());
    }
  }

  @Test
  void answersHealthAndRoot() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_fogbank/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertTrue(health.body().contains("\"sqs\":\"running\""), health.body());
    HttpResponse<String> root =
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, root.statusCode());
    assertTrue(root.headers().firstValue("x-amzn-RequestId").isPresent());
  }

  @Test
  void servesSqsToTheAwsCli() throws Exception {
    String url = aws("sqs", "create-queue", "--queue-name", "cli-queue", "--query", "QueueUrl", "--output", "text").trim();
    assertEquals("http://localhost:" + port + "/000000000000/cli-queue", url);
    aws("sqs", "send-message", "--queue-url", url, "--message-body", "from the cli");
    String body = aws("sqs", "receive-message", "--queue-url", url, "--query", "Messages[0].Body", "--output", "text").trim();
    assertEquals("from the cli", body);
    String error = awsFailing("sqs", "get-queue-url", "--queue-name", "no-such-queue");
    assertTrue(error.contains("AWS.SimpleQueueService.NonExistentQueue"), error);
  }

  private static String aws(String... args) throws Exception {
    return AwsCli.ok(URI.create("http://localhost:" + port), args);
  }

  private static String awsFailing(String... args) throws Exception {
    return AwsCli.failing(URI.create("http://localhost:" + port), args);
  }
}
