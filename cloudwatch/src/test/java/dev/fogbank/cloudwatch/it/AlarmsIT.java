package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Metric alarms through the AWS SDK for Java v2: stored, evaluated on the virtual clock, notifying SNS. */
class AlarmsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CloudWatchClient cw = fogbank.client(CloudWatchClient.builder());
  private final SnsClient sns = fogbank.client(SnsClient.builder());
  private final SqsClient sqs = fogbank.client(SqsClient.builder());

  private MetricAlarm describe(String name) {
    return cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0);
  }

  @Test
  void alarmGoesToAlarmWhenTheThresholdIsCrossedAndNotifiesItsTopic() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String topic = sns.createTopic(b -> b.name("alarms-" + id)).topicArn();
    String queueUrl = sqs.createQueue(b -> b.queueName("alarms-" + id)).queueUrl();
    String queueArn = "arn:aws:sqs:us-east-1:000000000000:alarms-" + id;
    sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn).attributes(java.util.Map.of("RawMessageDelivery", "true")));

    String name = "errors-" + id;
    cw.putMetricAlarm(b -> b.alarmName(name).namespace("App/" + id).metricName("Errors").statistic(Statistic.SUM)
        .period(60).evaluationPeriods(1).threshold(5.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .alarmActions(topic).tags(Tag.builder().key("team").value("a").build()));
    MetricAlarm created = describe(name);
    assertEquals(StateValue.INSUFFICIENT_DATA, created.stateValue());
    assertEquals("Unchecked: Initial alarm creation", created.stateReason());
    assertEquals("arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + name, created.alarmArn());
    assertEquals(5.0, created.threshold());

    cw.putMetricData(b -> b.namespace("App/" + id).metricData(MetricDatum.builder().metricName("Errors").value(7.0).build()));
    fogbank.advance(Duration.ofSeconds(60));
    MetricAlarm alarmed = describe(name);
    assertEquals(StateValue.ALARM, alarmed.stateValue());
    assertTrue(alarmed.stateReason().startsWith("Threshold Crossed"), alarmed.stateReason());

    Message m = receive(queueUrl);
    JsonNode notification = JSON.readTree(m.body());
    assertEquals(name, notification.path("AlarmName").asText());
    assertEquals("ALARM", notification.path("NewStateValue").asText());
    assertEquals("INSUFFICIENT_DATA", notification.path("OldStateValue").asText());

    // No data in the next period: with TreatMissingData "missing" the alarm has insufficient data.
    fogbank.advance(Duration.ofSeconds(60));
    assertEquals(StateValue.INSUFFICIENT_DATA, describe(name).stateValue());

    // History, newest first: created, to ALARM, the SNS action, to INSUFFICIENT_DATA.
    var history = cw.describeAlarmHistory(b -> b.alarmName(name)).alarmHistoryItems();
    assertEquals(List.of(HistoryItemType.STATE_UPDATE, HistoryItemType.ACTION, HistoryItemType.STATE_UPDATE,
        HistoryItemType.CONFIGURATION_UPDATE), history.stream().map(h -> h.historyItemType()).toList());
    assertEquals("Alarm updated from INSUFFICIENT_DATA to ALARM", history.get(2).historySummary());
    assertEquals("ALARM", JSON.readTree(history.get(2).historyData()).path("newState").path("stateValue").asText());

    assertEquals(List.of(Tag.builder().key("team").value("a").build()),
        cw.listTagsForResource(b -> b.resourceARN(created.alarmArn())).tags());
  }

  @Test
  void setAlarmStateDescribeByStateAndDelete() {
    String name = "manual-" + UUID.randomUUID().toString().substring(0, 8);
    cw.putMetricAlarm(b -> b.alarmName(name).namespace("App").metricName("M").statistic(Statistic.AVERAGE)
        .period(300).evaluationPeriods(2).threshold(1.0).comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD));
    assertEquals(List.of(name), cw.describeAlarmsForMetric(b -> b.namespace("App").metricName("M")
        .statistic(Statistic.AVERAGE)).metricAlarms().stream().map(MetricAlarm::alarmName).filter(name::equals).toList());
    cw.setAlarmState(b -> b.alarmName(name).stateValue(StateValue.OK).stateReason("checked by hand"));
    MetricAlarm ok = describe(name);
    assertEquals(StateValue.OK, ok.stateValue());
    assertEquals("checked by hand", ok.stateReason());
    assertTrue(cw.describeAlarms(b -> b.stateValue(StateValue.OK)).metricAlarms().stream()
        .anyMatch(a -> a.alarmName().equals(name)));

    CloudWatchException missing = assertThrows(CloudWatchException.class,
        () -> cw.setAlarmState(b -> b.alarmName(name + "-x").stateValue(StateValue.OK).stateReason("r")));
    assertEquals(404, missing.statusCode());
    assertEquals("ResourceNotFound", missing.awsErrorDetails().errorCode());

    cw.deleteAlarms(b -> b.alarmNames(name));
    assertEquals(0, cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().size());
    assertThrows(CloudWatchException.class, () -> cw.deleteAlarms(b -> b.alarmNames(name)));
  }

  @Test
  void metricMathAlarmsEvaluateTheQueryThatReturnsData() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String ns = "Math/" + id;
    String name = "ratio-" + id;
    MetricDataQuery errors = MetricDataQuery.builder().id("errors").returnData(false).metricStat(s -> s
        .metric(Metric.builder().namespace(ns).metricName("Errors").build()).period(60).stat("Sum")).build();
    MetricDataQuery calls = MetricDataQuery.builder().id("calls").returnData(false).metricStat(s -> s
        .metric(Metric.builder().namespace(ns).metricName("Calls").build()).period(60).stat("Sum")).build();
    MetricDataQuery rate = MetricDataQuery.builder().id("rate").expression("100 * errors / calls").returnData(true).build();
    cw.putMetricAlarm(b -> b.alarmName(name).metrics(errors, calls, rate).evaluationPeriods(1).threshold(10.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    cw.putMetricData(b -> b.namespace(ns).metricData(
        MetricDatum.builder().metricName("Errors").value(3.0).build(),
        MetricDatum.builder().metricName("Calls").value(20.0).build()));
    fogbank.advance(Duration.ofSeconds(60));
    assertEquals(StateValue.ALARM, describe(name).stateValue());

    CloudWatchException twoResults = assertThrows(CloudWatchException.class, () -> cw.putMetricAlarm(b -> b
        .alarmName(name + "-bad").metrics(errors.toBuilder().returnData(true).build(), rate).evaluationPeriods(1)
        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
    assertEquals("Exactly one element of the metrics list should return data.", twoResults.awsErrorDetails().errorMessage());
  }

  @Test
  void compositeAlarmsFollowTheAlarmsTheirRuleNames() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String a = "a-" + id;
    String b2 = "b-" + id;
    for (String n : List.of(a, b2)) {
      cw.putMetricAlarm(b -> b.alarmName(n).namespace("C").metricName(n).statistic(Statistic.SUM).period(60)
          .evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
    }
    String both = "both-" + id;
    cw.putCompositeAlarm(b -> b.alarmName(both).alarmRule("ALARM(\"" + a + "\") AND ALARM(" + b2 + ")"));
    var composite = cw.describeAlarms(b -> b.alarmNames(both).alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0);
    assertEquals(StateValue.OK, composite.stateValue());
    // Without AlarmTypes only metric alarms are described.
    assertEquals(0, cw.describeAlarms(b -> b.alarmNames(both)).metricAlarms().size());

    cw.setAlarmState(b -> b.alarmName(a).stateValue(StateValue.ALARM).stateReason("test"));
    assertEquals(StateValue.OK, cw.describeAlarms(b -> b.alarmNames(both).alarmTypes(AlarmType.COMPOSITE_ALARM))
        .compositeAlarms().get(0).stateValue());
    cw.setAlarmState(b -> b.alarmName(b2).stateValue(StateValue.ALARM).stateReason("test"));
    var alarmed = cw.describeAlarms(b -> b.alarmNames(both).alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0);
    assertEquals(StateValue.ALARM, alarmed.stateValue());
    assertEquals("Alarm rule evaluated to TRUE", alarmed.stateReason());

    CloudWatchException unknown = assertThrows(CloudWatchException.class, () -> cw.putCompositeAlarm(b -> b
        .alarmName("x-" + id).alarmRule("ALARM(nope-" + id + ")")));
    assertEquals("ValidationError", unknown.awsErrorDetails().errorCode());
  }

  private Message receive(String queueUrl) {
    for (int i = 0; i < 200; i++) {
      List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages();
      if (!messages.isEmpty()) {
        return messages.get(0);
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no alarm notification arrived");
  }
}
