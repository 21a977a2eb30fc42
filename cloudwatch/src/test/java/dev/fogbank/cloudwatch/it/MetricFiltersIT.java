package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.testkit.FogbankExtension;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;

/** Log metric filters: events that match publish CloudWatch metric data. */
class MetricFiltersIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final CloudWatchLogsClient logs = fogbank.client(CloudWatchLogsClient.builder());
  private final CloudWatchClient cw = fogbank.client(CloudWatchClient.builder());

  @Test
  void matchingEventsPublishTheirValuesAsMetricData() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String group = "/app/" + id;
    String ns = "Filters/" + id;
    logs.createLogGroup(b -> b.logGroupName(group));
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
    logs.putMetricFilter(b -> b.logGroupName(group).filterName("errors").filterPattern("ERROR")
        .metricTransformations(MetricTransformation.builder().metricName("Errors").metricNamespace(ns).metricValue("1").build()));
    logs.putMetricFilter(b -> b.logGroupName(group).filterName("latency").filterPattern("{ $.latency > 0 }")
        .metricTransformations(MetricTransformation.builder().metricName("Latency").metricNamespace(ns)
            .metricValue("$.latency").dimensions(Map.of("Api", "$.api")).build()));
    assertEquals(2, logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).metricFilterCount());
    MetricFilter described = logs.describeMetricFilters(b -> b.logGroupName(group).filterNamePrefix("lat")).metricFilters().get(0);
    assertEquals("{ $.latency > 0 }", described.filterPattern());

    Instant minute = Instant.ofEpochSecond(fogbank.fogbank().now().getEpochSecond() / 60 * 60);
    long t = minute.toEpochMilli();
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
        InputLogEvent.builder().timestamp(t).message("ERROR one").build(),
        InputLogEvent.builder().timestamp(t + 1).message("{\"api\":\"orders\",\"latency\":120}").build(),
        InputLogEvent.builder().timestamp(t + 2).message("ERROR two").build(),
        InputLogEvent.builder().timestamp(t + 3).message("{\"api\":\"orders\",\"latency\":80}").build()));

    var errors = cw.getMetricStatistics(b -> b.namespace(ns).metricName("Errors").startTime(minute)
        .endTime(minute.plusSeconds(60)).period(60).statistics(Statistic.SUM));
    assertEquals(2.0, errors.datapoints().get(0).sum());
    var latency = cw.getMetricStatistics(b -> b.namespace(ns).metricName("Latency")
        .dimensions(Dimension.builder().name("Api").value("orders").build()).startTime(minute)
        .endTime(minute.plusSeconds(60)).period(60).statistics(Statistic.AVERAGE, Statistic.MAXIMUM));
    assertEquals(100.0, latency.datapoints().get(0).average());
    assertEquals(120.0, latency.datapoints().get(0).maximum());

    var tested = logs.testMetricFilter(b -> b.filterPattern("?ERROR ?FATAL").logEventMessages("ok", "FATAL disk", "ERROR x"));
    assertEquals(java.util.List.of(2L, 3L), tested.matches().stream().map(m -> m.eventNumber()).toList());

    logs.deleteMetricFilter(b -> b.logGroupName(group).filterName("errors"));
    assertEquals(1, logs.describeMetricFilters(b -> b.logGroupName(group)).metricFilters().size());
    assertThrows(InvalidParameterException.class, () -> logs.putMetricFilter(b -> b.logGroupName(group).filterName("bad")
        .filterPattern("{ $.x = ").metricTransformations(MetricTransformation.builder().metricName("X")
            .metricNamespace(ns).metricValue("1").build())));
  }
}
