package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/** CloudWatch metrics through the AWS SDK for Java v2, which speaks Smithy RPC v2 CBOR. */
class MetricsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final CloudWatchClient cw = fogbank.client(CloudWatchClient.builder());

  private static String namespace() {
    return "App/" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The start of the current minute on the emulator's clock, so data falls in known periods. */
  private Instant minute() {
    Instant now = fogbank.fogbank().now();
    return Instant.ofEpochSecond(now.getEpochSecond() / 60 * 60);
  }

  private static Dimension dim(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  @Test
  void putMetricDataThenGetMetricStatistics() {
    String ns = namespace();
    Instant t = minute().minus(Duration.ofMinutes(5));
    cw.putMetricData(b -> b.namespace(ns).metricData(
        MetricDatum.builder().metricName("Latency").dimensions(dim("Api", "a")).timestamp(t).value(10.0)
            .unit(StandardUnit.MILLISECONDS).build(),
        MetricDatum.builder().metricName("Latency").dimensions(dim("Api", "a")).timestamp(t.plusSeconds(10))
            .values(20.0, 30.0).counts(1.0, 2.0).unit(StandardUnit.MILLISECONDS).build(),
        MetricDatum.builder().metricName("Latency").dimensions(dim("Api", "a")).timestamp(t.plusSeconds(60))
            .statisticValues(StatisticSet.builder().sampleCount(2.0).sum(100.0).minimum(40.0).maximum(60.0).build())
            .unit(StandardUnit.MILLISECONDS).build()));

    GetMetricStatisticsResponse stats = cw.getMetricStatistics(b -> b.namespace(ns).metricName("Latency")
        .dimensions(dim("Api", "a")).startTime(t).endTime(t.plus(Duration.ofMinutes(2))).period(60)
        .statistics(Statistic.SAMPLE_COUNT, Statistic.SUM, Statistic.AVERAGE, Statistic.MINIMUM, Statistic.MAXIMUM));
    assertEquals("Latency", stats.label());
    List<Datapoint> points = stats.datapoints().stream().sorted(Comparator.comparing(Datapoint::timestamp)).toList();
    assertEquals(2, points.size());
    Datapoint first = points.get(0);
    assertEquals(t, first.timestamp());
    // 10 once, 20 once, 30 twice.
    assertEquals(4.0, first.sampleCount());
    assertEquals(90.0, first.sum());
    assertEquals(22.5, first.average());
    assertEquals(10.0, first.minimum());
    assertEquals(30.0, first.maximum());
    assertEquals(StandardUnit.MILLISECONDS, first.unit());
    assertEquals(50.0, points.get(1).average());

    GetMetricStatisticsResponse p = cw.getMetricStatistics(b -> b.namespace(ns).metricName("Latency")
        .dimensions(dim("Api", "a")).startTime(t).endTime(t.plusSeconds(60)).period(60).extendedStatistics("p50", "p99"));
    assertEquals(20.0, p.datapoints().get(0).extendedStatistics().get("p50"));
    assertEquals(30.0, p.datapoints().get(0).extendedStatistics().get("p99"));

    // Another dimension set is another metric.
    assertEquals(0, cw.getMetricStatistics(b -> b.namespace(ns).metricName("Latency").dimensions(dim("Api", "b"))
        .startTime(t).endTime(t.plusSeconds(60)).period(60).statistics(Statistic.SUM)).datapoints().size());
  }

  @Test
  void getMetricDataAnswersMetricStatQueriesNewestFirst() {
    String ns = namespace();
    Instant t = minute().minus(Duration.ofMinutes(10));
    for (int i = 0; i < 3; i++) {
      Instant at = t.plus(Duration.ofMinutes(i));
      double v = i + 1;
      cw.putMetricData(b -> b.namespace(ns).metricData(MetricDatum.builder().metricName("Count").timestamp(at).value(v).build()));
    }
    MetricDataQuery q = MetricDataQuery.builder().id("m1").metricStat(s -> s
        .metric(Metric.builder().namespace(ns).metricName("Count").build()).period(60).stat("Sum")).build();
    GetMetricDataResponse data = cw.getMetricData(b -> b.metricDataQueries(q).startTime(t).endTime(t.plus(Duration.ofMinutes(5))));
    var result = data.metricDataResults().get(0);
    assertEquals("m1", result.id());
    assertEquals(List.of(3.0, 2.0, 1.0), result.values());
    assertEquals(List.of(t.plusSeconds(120), t.plusSeconds(60), t), result.timestamps());
    assertEquals("Complete", result.statusCodeAsString());
    GetMetricDataResponse ascending = cw.getMetricData(b -> b.metricDataQueries(q).startTime(t)
        .endTime(t.plus(Duration.ofMinutes(5))).scanBy(ScanBy.TIMESTAMP_ASCENDING));
    assertEquals(List.of(1.0, 2.0, 3.0), ascending.metricDataResults().get(0).values());

    // MaxDatapoints pages the data points; the SDK's paginator follows NextToken.
    GetMetricDataResponse first = cw.getMetricData(b -> b.metricDataQueries(q).startTime(t)
        .endTime(t.plus(Duration.ofMinutes(5))).maxDatapoints(2));
    assertEquals(List.of(3.0, 2.0), first.metricDataResults().get(0).values());
    assertEquals("PartialData", first.metricDataResults().get(0).statusCodeAsString());
    List<Double> all = new java.util.ArrayList<>();
    cw.getMetricDataPaginator(b -> b.metricDataQueries(q).startTime(t).endTime(t.plus(Duration.ofMinutes(5))).maxDatapoints(1))
        .forEach(page -> all.addAll(page.metricDataResults().get(0).values()));
    assertEquals(List.of(3.0, 2.0, 1.0), all);

    // Arithmetic metric math over other queries; the MetricStat itself is not returned.
    MetricDataQuery hidden = q.toBuilder().returnData(false).build();
    MetricDataQuery expr = MetricDataQuery.builder().id("e1").expression("(m1 * 2) + 1").label("doubled").build();
    var math = cw.getMetricData(b -> b.metricDataQueries(hidden, expr).startTime(t).endTime(t.plusSeconds(300)))
        .metricDataResults();
    assertEquals(1, math.size());
    assertEquals("doubled", math.get(0).label());
    assertEquals(List.of(7.0, 5.0, 3.0), math.get(0).values());

    MetricDataQuery function = MetricDataQuery.builder().id("e2").expression("SUM(METRICS())").build();
    CloudWatchException e = assertThrows(CloudWatchException.class,
        () -> cw.getMetricData(b -> b.metricDataQueries(q, function).startTime(t).endTime(t.plusSeconds(300))));
    assertEquals(400, e.statusCode());
    assertEquals("ValidationError", e.awsErrorDetails().errorCode());
    assertTrue(e.awsErrorDetails().errorMessage().contains("SUM(METRICS())"));
  }

  @Test
  void largePutMetricDataArrivesGzipCompressed() {
    // The SDK gzips PutMetricData bodies over 10 KB (the operation's requestCompression trait).
    String ns = namespace();
    Instant t = minute().minus(Duration.ofMinutes(1));
    List<MetricDatum> data = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      data.add(MetricDatum.builder().metricName("Big").dimensions(dim("Shard", "shard-number-" + i)).timestamp(t)
          .value((double) i).build());
    }
    cw.putMetricData(b -> b.namespace(ns).metricData(data));
    assertEquals(500, cw.listMetrics(b -> b.namespace(ns)).metrics().size());
  }

  @Test
  void listMetricsFiltersByNamespaceNameAndDimensions() {
    String ns = namespace();
    cw.putMetricData(b -> b.namespace(ns).metricData(
        MetricDatum.builder().metricName("Errors").dimensions(dim("Fn", "a")).value(1.0).build(),
        MetricDatum.builder().metricName("Errors").dimensions(dim("Fn", "b")).value(1.0).build(),
        MetricDatum.builder().metricName("Calls").dimensions(dim("Fn", "a")).value(1.0).build()));
    assertEquals(3, cw.listMetrics(b -> b.namespace(ns)).metrics().size());
    assertEquals(2, cw.listMetrics(b -> b.namespace(ns).metricName("Errors")).metrics().size());
    var filtered = cw.listMetrics(b -> b.namespace(ns).dimensions(DimensionFilter.builder().name("Fn").value("a").build()));
    assertEquals(List.of("Calls", "Errors"), filtered.metrics().stream().map(Metric::metricName).toList());
    assertEquals(List.of(dim("Fn", "a")), filtered.metrics().get(0).dimensions());
    // Metrics without data for two weeks are no longer listed (ListMetrics API reference).
    fogbank.advance(Duration.ofDays(15));
    assertEquals(0, cw.listMetrics(b -> b.namespace(ns)).metrics().size());
  }

  @Test
  void dashboardsAreStoredListedAndDeleted() {
    String name = "dash-" + UUID.randomUUID().toString().substring(0, 8);
    String body = "{\"widgets\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":6,\"height\":3,\"properties\":{\"markdown\":\"hi\"}}]}";
    assertEquals(List.of(), cw.putDashboard(b -> b.dashboardName(name).dashboardBody(body)).dashboardValidationMessages());
    var got = cw.getDashboard(b -> b.dashboardName(name));
    assertEquals(body, got.dashboardBody());
    assertEquals("arn:aws:cloudwatch::000000000000:dashboard/" + name, got.dashboardArn());
    assertEquals(List.of(name), cw.listDashboards(b -> b.dashboardNamePrefix(name)).dashboardEntries().stream()
        .map(e -> e.dashboardName()).toList());
    assertThrows(DashboardInvalidInputErrorException.class, () -> cw.putDashboard(b -> b.dashboardName(name).dashboardBody("[1]")));
    cw.deleteDashboards(b -> b.dashboardNames(name));
    var missing = assertThrows(DashboardNotFoundErrorException.class, () -> cw.getDashboard(b -> b.dashboardName(name)));
    assertEquals(404, missing.statusCode());
    assertEquals("ResourceNotFound", missing.awsErrorDetails().errorCode());
  }

  @Test
  void putMetricDataRejectsWhatCloudWatchRejects() {
    String ns = namespace();
    var both = assertThrows(InvalidParameterCombinationException.class, () -> cw.putMetricData(b -> b.namespace(ns)
        .metricData(MetricDatum.builder().metricName("M").value(1.0).values(1.0).build())));
    assertEquals("InvalidParameterCombination", both.awsErrorDetails().errorCode());
    CloudWatchException reserved = assertThrows(CloudWatchException.class, () -> cw.putMetricData(b -> b
        .namespace("AWS/Lambda").metricData(MetricDatum.builder().metricName("M").value(1.0).build())));
    assertEquals("InvalidParameterValue", reserved.awsErrorDetails().errorCode());
    assertTrue(reserved.getMessage().contains("AWS/"));
    // Messages as CloudWatch sends them.
    CloudWatchException twice = assertThrows(CloudWatchException.class, () -> cw.putMetricData(b -> b.namespace(ns)
        .metricData(MetricDatum.builder().metricName("M").value(1.0).dimensions(dim("A", "1"), dim("A", "2")).build())));
    assertEquals("No metric may specify the same dimension name twice.", twice.awsErrorDetails().errorMessage());
    Instant old = fogbank.fogbank().now().minus(Duration.ofDays(15));
    CloudWatchException tooOld = assertThrows(CloudWatchException.class, () -> cw.putMetricData(b -> b.namespace(ns)
        .metricData(MetricDatum.builder().metricName("M").value(1.0).timestamp(old).build())));
    assertEquals("The parameter MetricData.member.1.Timestamp must specify a time within the past two weeks.",
        tooOld.awsErrorDetails().errorMessage());
    Instant now = minute();
    var tooMany = assertThrows(InvalidParameterCombinationException.class, () -> cw.getMetricStatistics(b -> b
        .namespace(ns).metricName("M").startTime(now.minus(Duration.ofDays(2))).endTime(now).period(60)
        .statistics(Statistic.SUM)));
    assertThrows(InvalidParameterCombinationException.class, () -> cw.getMetricStatistics(b -> b.namespace(ns)
        .metricName("M").startTime(now.minusSeconds(60)).endTime(now).period(60)));
    assertThrows(InvalidParameterCombinationException.class, () -> cw.getMetricStatistics(b -> b.namespace(ns)
        .metricName("M").startTime(now.minusSeconds(60)).endTime(now).period(60).statistics(Statistic.SUM)
        .extendedStatistics("p90")));
    assertEquals("You have requested up to 2880 datapoints, which exceeds the limit of 1440. You may reduce the"
        + " datapoints requested by increasing Period, or decreasing the time range.", tooMany.awsErrorDetails().errorMessage());
  }
}
