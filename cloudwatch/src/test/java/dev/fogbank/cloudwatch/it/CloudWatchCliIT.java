package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AWS CLI v2 (query protocol for CloudWatch, JSON 1.1 for Logs) against the embedded server. */
class CloudWatchCliIT {

  private static final String AWS_CLI = "/usr/bin/aws";

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  @Test
  void putMetricDataThenGetMetricStatistics() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(AWS_CLI)), "no AWS CLI at " + AWS_CLI);
    Instant t = Instant.ofEpochSecond(fogbank.fogbank().now().getEpochSecond() / 60 * 60 - 120);
    aws("cloudwatch", "put-metric-data", "--namespace", "Cli", "--metric-name", "Hits", "--value", "4",
        "--unit", "Count", "--timestamp", t.toString(), "--dimensions", "Api=a");
    String sum = aws("cloudwatch", "get-metric-statistics", "--namespace", "Cli", "--metric-name", "Hits",
        "--dimensions", "Name=Api,Value=a", "--start-time", t.toString(), "--end-time", t.plusSeconds(60).toString(),
        "--period", "60", "--statistics", "Sum", "--query", "Datapoints[0].Sum", "--output", "text").trim();
    assertEquals("4.0", sum);
  }

  @Test
  void writesAndReadsLogEvents() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(AWS_CLI)), "no AWS CLI at " + AWS_CLI);
    long t = fogbank.fogbank().now().toEpochMilli();
    aws("logs", "create-log-group", "--log-group-name", "/cli/app");
    aws("logs", "create-log-stream", "--log-group-name", "/cli/app", "--log-stream-name", "s");
    aws("logs", "put-log-events", "--log-group-name", "/cli/app", "--log-stream-name", "s",
        "--log-events", "timestamp=" + t + ",message=hello", "timestamp=" + (t + 1) + ",message=world");
    String messages = aws("logs", "get-log-events", "--log-group-name", "/cli/app", "--log-stream-name", "s",
        "--start-from-head", "--query", "events[].message", "--output", "text").trim();
    assertEquals("hello\tworld", messages);
    String error = awsFailing("logs", "create-log-group", "--log-group-name", "/cli/app");
    assertTrue(error.contains("ResourceAlreadyExistsException"), error);
  }

  private static String aws(String... args) throws Exception {
    Result r = run(args);
    assertEquals(0, r.code, "aws " + String.join(" ", args) + ": " + r.err);
    return r.out;
  }

  private static String awsFailing(String... args) throws Exception {
    Result r = run(args);
    assertTrue(r.code != 0, "expected aws " + String.join(" ", args) + " to fail");
    return r.err;
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(AWS_CLI, "--endpoint-url", fogbank.endpoint().toString(), "--region", "us-east-1"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("AWS_ACCESS_KEY_ID", "test");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
    pb.environment().put("AWS_PAGER", "");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), out, err);
  }
}
