package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.testkit.FogbankExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.MalformedQueryException;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;

/** CloudWatch Logs Insights queries through the AWS SDK for Java v2. */
class InsightsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final CloudWatchLogsClient logs = fogbank.client(CloudWatchLogsClient.builder());

  private GetQueryResultsResponse query(String group, long t, String q) {
    String id = logs.startQuery(b -> b.logGroupName(group).startTime(t / 1000 - 60).endTime(t / 1000 + 60).queryString(q))
        .queryId();
    return logs.getQueryResults(b -> b.queryId(id));
  }

  private static List<Map<String, String>> rows(GetQueryResultsResponse r) {
    return r.results().stream().map(row -> {
      Map<String, String> m = new LinkedHashMap<>();
      for (ResultField f : row) {
        m.put(f.field(), f.value());
      }
      return m;
    }).toList();
  }

  @Test
  void fieldsFilterSortLimitAndStats() {
    String group = "/insights/" + UUID.randomUUID().toString().substring(0, 8);
    logs.createLogGroup(b -> b.logGroupName(group));
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
    long t = fogbank.fogbank().now().toEpochMilli();
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
        InputLogEvent.builder().timestamp(t).message("{\"level\":\"ERROR\",\"ms\":30}").build(),
        InputLogEvent.builder().timestamp(t + 1).message("{\"level\":\"INFO\",\"ms\":10}").build(),
        InputLogEvent.builder().timestamp(t + 2).message("{\"level\":\"ERROR\",\"ms\":50}").build()));

    GetQueryResultsResponse errors = query(group, t, "fields @timestamp, level, ms | filter level = \"ERROR\" | sort ms desc | limit 1");
    assertEquals(QueryStatus.COMPLETE, errors.status());
    assertEquals(1, rows(errors).size());
    assertEquals("50", rows(errors).get(0).get("ms"));
    assertEquals(3.0, errors.statistics().recordsScanned());
    assertEquals(2.0, errors.statistics().recordsMatched());

    GetQueryResultsResponse like = query(group, t, "filter @message like /INFO/ | fields @message");
    assertEquals(List.of(Map.of("@message", "{\"level\":\"INFO\",\"ms\":10}")), rows(like));

    GetQueryResultsResponse stats = query(group, t, "stats count(*) as n, avg(ms) as avgMs by level");
    assertEquals(List.of(Map.of("level", "ERROR", "n", "2", "avgMs", "40"), Map.of("level", "INFO", "n", "1", "avgMs", "10")),
        rows(stats));

    assertThrows(MalformedQueryException.class, () -> query(group, t, "frobnicate everything"));
  }
}
