package dev.fogbank.cloudwatch.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.core.error.AwsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Logs Insights query subset over a few events. */
class InsightsQueryTest {

  private static final List<InsightsQuery.Row> ROWS = List.of(
      row(1_000, "GET /a 200", "web"),
      row(2_000, "{\"path\":\"/b\",\"status\":500,\"ms\":7.5}", "api"),
      row(3_000, "{\"path\":\"/c\",\"status\":200,\"ms\":2.5}", "api"));

  private static InsightsQuery.Row row(long ts, String message, String stream) {
    return new InsightsQuery.Row(new LogEvent(ts, message, ts + 1, ts), stream, "000000000000:/g", FilterPattern.parseJson(message));
  }

  private static List<Map<String, String>> run(String query) {
    return InsightsQuery.parse(query).run(ROWS);
  }

  @Test
  void defaultFieldsNewestFirstWithInsightsTimeFormat() {
    List<Map<String, String>> rows = run("limit 2");
    assertEquals(2, rows.size());
    assertEquals("1970-01-01 00:00:03.000", rows.get(0).get("@timestamp"));
    assertEquals("{\"path\":\"/b\",\"status\":500,\"ms\":7.5}", rows.get(1).get("@message"));
  }

  @Test
  void filtersOnJsonFieldsAndSystemFields() {
    assertEquals(List.of(Map.of("path", "/b")), run("filter status >= 500 | fields path"));
    assertEquals(List.of(Map.of("@logStream", "web")), run("filter @message like /GET \\/a/ | fields @logStream"));
    assertEquals(2, run("filter @logStream = \"api\" or @message like \"GET\" | filter ms < 5 or @logStream = \"web\"").size());
    assertEquals(List.of(Map.of("path", "/c"), Map.of("path", "/b")), run("filter @logStream = 'api' | sort ms asc | fields path"));
  }

  @Test
  void statsAggregateWithAndWithoutGroups() {
    assertEquals(List.of(Map.of("count(*)", "3")), run("stats count(*)"));
    assertEquals(List.of(Map.of("@logStream", "web", "n", "1", "total", "0"), Map.of("@logStream", "api", "n", "2", "total", "10")),
        run("stats count(*) as n, sum(ms) as total by @logStream"));
    assertEquals(List.of(Map.of("max(ms)", "7.5")), run("filter @logStream = \"api\" | stats max(ms)"));
  }

  @Test
  void unknownCommandsAreMalformedQueries() {
    AwsException e = assertThrows(AwsException.class, () -> InsightsQuery.parse("parse @message \"* *\" as a, b"));
    assertEquals("MalformedQueryException", e.code());
    assertThrows(AwsException.class, () -> InsightsQuery.parse("stats median(ms)"));
    assertThrows(AwsException.class, () -> InsightsQuery.parse("limit ten"));
  }
}
