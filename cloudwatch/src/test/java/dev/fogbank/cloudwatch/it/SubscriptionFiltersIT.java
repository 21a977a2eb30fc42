package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.cloudwatch.it.fn.Recorder;
import dev.fogbank.testkit.FogbankExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Subscription filters deliver matching events to a Lambda function in the awslogs format. */
class SubscriptionFiltersIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CloudWatchLogsClient logs = fogbank.client(CloudWatchLogsClient.builder());
  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  @Test
  void matchingEventsReachTheFunctionGzippedAndBase64Encoded() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String fn = "recorder-" + id;
    Path file = Recorder.file(fn);
    Files.deleteIfExists(file);
    String fnArn = lambda.createFunction(b -> b.functionName(fn).runtime(Runtime.JAVA21)
        .handler(Recorder.class.getName() + "::handleRequest").role("arn:aws:iam::000000000000:role/lambda")
        .code(c -> c.zipFile(marker()))).functionArn();
    fogbank.advance(Duration.ofSeconds(10));

    String group = "/app/" + id;
    logs.createLogGroup(b -> b.logGroupName(group));
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
    logs.putSubscriptionFilter(b -> b.logGroupName(group).filterName("errors").filterPattern("ERROR").destinationArn(fnArn));
    assertEquals("errors", logs.describeSubscriptionFilters(b -> b.logGroupName(group)).subscriptionFilters().get(0).filterName());

    long t = fogbank.fogbank().now().toEpochMilli();
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
        InputLogEvent.builder().timestamp(t).message("ERROR first").build(),
        InputLogEvent.builder().timestamp(t + 1).message("INFO fine").build()));

    JsonNode event = JSON.readTree(awaitLine(file));
    JsonNode data = JSON.readTree(gunzip(Base64.getDecoder().decode(event.path("awslogs").path("data").asText())));
    assertEquals("DATA_MESSAGE", data.path("messageType").asText());
    assertEquals("000000000000", data.path("owner").asText());
    assertEquals(group, data.path("logGroup").asText());
    assertEquals("s", data.path("logStream").asText());
    assertEquals("errors", data.path("subscriptionFilters").get(0).asText());
    assertEquals(1, data.path("logEvents").size());
    assertEquals("ERROR first", data.path("logEvents").get(0).path("message").asText());
    assertEquals(t, data.path("logEvents").get(0).path("timestamp").asLong());

    logs.putSubscriptionFilter(b -> b.logGroupName(group).filterName("second").filterPattern("").destinationArn(fnArn));
    assertThrows(LimitExceededException.class, () -> logs.putSubscriptionFilter(b -> b.logGroupName(group)
        .filterName("third").filterPattern("").destinationArn(fnArn)));
    assertThrows(InvalidParameterException.class, () -> logs.putSubscriptionFilter(b -> b.logGroupName(group)
        .filterName("errors").filterPattern("").destinationArn(fnArn + "-missing")));
    logs.deleteSubscriptionFilter(b -> b.logGroupName(group).filterName("second"));
    assertEquals(1, logs.describeSubscriptionFilters(b -> b.logGroupName(group)).subscriptionFilters().size());
  }

  private static String awaitLine(Path file) throws Exception {
    for (int i = 0; i < 2000; i++) {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return lines.get(0);
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the function received no event");
  }

  private static String gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static SdkBytes marker() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("README"));
      zip.write("handler from the class path".getBytes());
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SdkBytes.fromByteArray(out.toByteArray());
  }
}
