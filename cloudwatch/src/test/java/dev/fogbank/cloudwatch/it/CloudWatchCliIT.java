package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fogbank.testkit.AwsCli;
import dev.fogbank.testkit.FogbankExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AWS CLI v2 (query protocol for CloudWatch, JSON 1.1 for Logs) against the embedded server. */
class CloudWatchCliIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  @Test
  void putMetricDataThenGetMetricStatistics() throws Exception {
    assumeTrue(AwsCli.available(), "no AWS CLI at " + AwsCli.PATH);
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
    assumeTrue(AwsCli.available(), "no AWS CLI at " + AwsCli.PATH);
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
    return AwsCli.ok(fogbank.endpoint(), args);
  }

  private static String awsFailing(String... args) throws Exception {
    return AwsCli.failing(fogbank.endpoint(), args);
  }
}
