package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.testkit.FogbankExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * What other services send through the in-process client — a function's log lines and its
 * AWS/Lambda metrics — and what a user then reads through the SDK.
 */
class InProcessIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private InProcessClient client() {
    return fogbank.fogbank().emulator().dispatcher();
  }

  @Test
  void functionLogsWrittenInProcessAreReadThroughTheSdk() {
    String group = "/aws/lambda/orders";
    String stream = "2026/11/25/[$LATEST]0123456789abcdef0123456789abcdef";
    client().call("logs", "CreateLogGroup", "000000000000", "us-east-1", Json.object().put("logGroupName", group));
    client().call("logs", "CreateLogStream", "000000000000", "us-east-1",
        Json.object().put("logGroupName", group).put("logStreamName", stream));
    long t = fogbank.fogbank().now().toEpochMilli();
    ObjectNode put = Json.object().put("logGroupName", group).put("logStreamName", stream);
    put.putArray("logEvents")
        .add(Json.object().put("timestamp", t).put("message", "START RequestId: r1 Version: $LATEST\n"))
        .add(Json.object().put("timestamp", t + 5).put("message", "END RequestId: r1\n"));
    client().call("logs", "PutLogEvents", "000000000000", "us-east-1", put);

    CloudWatchLogsClient logs = fogbank.client(CloudWatchLogsClient.builder());
    List<String> messages = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true))
        .events().stream().map(OutputLogEvent::message).toList();
    assertEquals(List.of("START RequestId: r1 Version: $LATEST\n", "END RequestId: r1\n"), messages);

    // No create-on-demand: a stream that was not created is an error, as in AWS.
    ObjectNode other = put.deepCopy().put("logStreamName", "missing");
    AwsException e = assertThrows(AwsException.class,
        () -> client().call("logs", "PutLogEvents", "000000000000", "us-east-1", other));
    assertEquals("ResourceNotFoundException", e.code());
  }

  @Test
  void lambdaMetricsPublishedInProcessAreReadThroughTheSdk() {
    Instant t = Instant.ofEpochSecond(fogbank.fogbank().now().getEpochSecond() / 60 * 60);
    ObjectNode put = Json.object().put("Namespace", "AWS/Lambda");
    ObjectNode datum = put.putArray("MetricData").addObject()
        .put("MetricName", "Duration").put("Timestamp", t.getEpochSecond()).put("Value", 12.5).put("Unit", "Milliseconds");
    datum.putArray("Dimensions").addObject().put("Name", "FunctionName").put("Value", "orders");
    client().call("monitoring", "PutMetricData", "000000000000", "us-east-1", put);

    CloudWatchClient cw = fogbank.client(CloudWatchClient.builder());
    var stats = cw.getMetricStatistics(b -> b.namespace("AWS/Lambda").metricName("Duration")
        .dimensions(Dimension.builder().name("FunctionName").value("orders").build())
        .startTime(t).endTime(t.plusSeconds(60)).period(60).statistics(Statistic.MAXIMUM));
    assertEquals(12.5, stats.datapoints().get(0).maximum());
  }
}
