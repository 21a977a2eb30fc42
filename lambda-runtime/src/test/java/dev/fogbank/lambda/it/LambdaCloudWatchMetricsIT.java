package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Lambda's metrics reach CloudWatch as Lambda sends them: namespace AWS/Lambda, per FunctionName. */
class LambdaCloudWatchMetricsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());
  private final CloudWatchClient cloudWatch = fogbank.client(CloudWatchClient.builder());

  private static final String HANDLER =
      """
      def handler(event, context):
          if event.get("fail"):
              raise ValueError("no")
          return {"ok": True}
      """;

  @Test
  void invocationsErrorsAndDurationsAreCloudWatchMetricsOfTheFunction() {
    String name = Functions.uniqueName("metrics");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", HANDLER), b -> {});
    Instant start = Instant.now().minus(Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    }
    lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String("{\"fail\": true}")));
    Dimension function = Dimension.builder().name("FunctionName").value(name).build();

    Set<String> listed =
        cloudWatch.listMetrics(r -> r.namespace("AWS/Lambda").dimensions(d -> d.name("FunctionName").value(name))).metrics().stream()
            .map(Metric::metricName)
            .collect(Collectors.toSet());
    assertTrue(listed.containsAll(Set.of("Invocations", "Errors", "Duration")), listed.toString());

    assertEquals(4.0, sum(function, "Invocations", start));
    assertEquals(1.0, sum(function, "Errors", start));
    Datapoint duration =
        cloudWatch.getMetricStatistics(r -> r.namespace("AWS/Lambda").metricName("Duration").dimensions(function)
                .startTime(start).endTime(Instant.now().plus(Duration.ofMinutes(1))).period(3600)
                .statistics(Statistic.SAMPLE_COUNT, Statistic.MAXIMUM))
            .datapoints().get(0);
    assertEquals(4.0, duration.sampleCount());
    assertNotNull(duration.maximum());
    assertEquals("Milliseconds", duration.unitAsString());
  }

  private double sum(Dimension function, String metric, Instant start) {
    return cloudWatch.getMetricStatistics(r -> r.namespace("AWS/Lambda").metricName(metric).dimensions(function)
            .startTime(start).endTime(Instant.now().plus(Duration.ofMinutes(1))).period(3600).statistics(Statistic.SUM))
        .datapoints().stream()
        .mapToDouble(Datapoint::sum)
        .sum();
  }
}
