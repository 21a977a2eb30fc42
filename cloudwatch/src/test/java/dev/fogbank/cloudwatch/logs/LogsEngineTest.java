package dev.fogbank.cloudwatch.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CloudWatch Logs engine without HTTP, on a virtual clock. */
class LogsEngineTest {

  private static final long DAY = 86_400_000L;

  private final VirtualClock clock = VirtualClock.frozenAt(Instant.parse("2026-03-01T12:00:00Z"));
  /** Moves the virtual clock. */
  private final Scheduler scheduler = new Scheduler(clock);
  private final Map<String, OperationHandler> ops = LogsModule.handlers(new LogsEngine(clock, null));
  private final RequestContext ctx =
      new RequestContext("r", "111122223333", "eu-west-1", "localhost", Protocol.AWS_JSON_1_1, null, clock);

  private JsonNode call(String op, ObjectNode input) {
    return ops.get(op).handle(ctx, input);
  }

  private ObjectNode stream() {
    return Json.object().put("logGroupName", "g").put("logStreamName", "s");
  }

  private JsonNode put(long... timestamps) {
    ObjectNode input = stream();
    var events = input.putArray("logEvents");
    for (long ts : timestamps) {
      events.addObject().put("timestamp", ts).put("message", "at " + ts);
    }
    return call("PutLogEvents", input);
  }

  @BeforeEach
  void group() {
    call("CreateLogGroup", Json.object().put("logGroupName", "g"));
    call("CreateLogStream", stream());
  }

  @Test
  void arnsNameTheAccountAndRegion() {
    JsonNode g = call("DescribeLogGroups", Json.object()).path("logGroups").get(0);
    assertEquals("arn:aws:logs:eu-west-1:111122223333:log-group:g:*", g.path("arn").asText());
    JsonNode s = call("DescribeLogStreams", Json.object().put("logGroupName", "g")).path("logStreams").get(0);
    assertEquals("arn:aws:logs:eu-west-1:111122223333:log-group:g:log-stream:s", s.path("arn").asText());
  }

  @Test
  void rejectedEventsAreReportedByIndexAndNotStored() {
    long now = clock.millis();
    // RejectedLogEventsInfo: tooOldLogEventEndIndex is exclusive, tooNewLogEventStartIndex inclusive.
    JsonNode old = put(now - 14 * DAY - 7_200_000L, now - 14 * DAY - 3_600_000L, now - 14 * DAY + 3_600_000L);
    assertEquals(2, old.path("rejectedLogEventsInfo").path("tooOldLogEventEndIndex").asInt());
    assertFalse(old.path("rejectedLogEventsInfo").has("tooNewLogEventStartIndex"));
    JsonNode future = put(now, now + 3 * 3_600_000L);
    assertEquals(1, future.path("rejectedLogEventsInfo").path("tooNewLogEventStartIndex").asInt());
    assertFalse(future.path("rejectedLogEventsInfo").has("expiredLogEventEndIndex"));
    JsonNode got = call("GetLogEvents", stream().put("startFromHead", true));
    assertEquals(2, got.path("events").size());
  }

  @Test
  void eventsOlderThanTheRetentionAreExpiredAndLaterDisappear() {
    call("PutRetentionPolicy", Json.object().put("logGroupName", "g").put("retentionInDays", 3));
    long now = clock.millis();
    JsonNode expired = put(now - 5 * DAY);
    assertEquals(1, expired.path("rejectedLogEventsInfo").path("expiredLogEventEndIndex").asInt());
    assertFalse(put(now - DAY, now).has("rejectedLogEventsInfo"));
    assertEquals(2, call("GetLogEvents", stream()).path("events").size());
    scheduler.advance(Duration.ofDays(2).plusMinutes(1));
    assertEquals(1, call("GetLogEvents", stream()).path("events").size());
    scheduler.advance(Duration.ofDays(1));
    assertEquals(0, call("GetLogEvents", stream()).path("events").size());
  }

  @Test
  void eventsArriveInTimestampOrderAcrossBatches() {
    long now = clock.millis();
    put(now - 10, now);
    put(now - 5);
    JsonNode got = call("GetLogEvents", stream().put("startFromHead", true));
    assertEquals("at " + (now - 10), got.path("events").get(0).path("message").asText());
    assertEquals("at " + (now - 5), got.path("events").get(1).path("message").asText());
    assertEquals("at " + now, got.path("events").get(2).path("message").asText());
    JsonNode s = call("DescribeLogStreams", Json.object().put("logGroupName", "g")).path("logStreams").get(0);
    assertEquals(now - 10, s.path("firstEventTimestamp").asLong());
    assertEquals(now, s.path("lastEventTimestamp").asLong());
    assertEquals(now, s.path("lastIngestionTime").asLong());
    // storedBytes counts each event as its UTF-8 message plus 26 bytes (PutLogEvents quotas).
    long expected = 0;
    for (long ts : new long[] {now - 10, now - 5, now}) {
      expected += ("at " + ts).length() + 26;
    }
    assertEquals(expected, call("DescribeLogGroups", Json.object()).path("logGroups").get(0).path("storedBytes").asLong());
  }

  @Test
  void groupIdentifierMayBeAnArnButNotBesideAName() {
    String arn = "arn:aws:logs:eu-west-1:111122223333:log-group:g";
    put(clock.millis());
    assertEquals(1, call("GetLogEvents", Json.object().put("logGroupIdentifier", arn).put("logStreamName", "s"))
        .path("events").size());
    AwsException both = assertThrows(AwsException.class, () -> call("GetLogEvents",
        stream().put("logGroupIdentifier", arn)));
    assertEquals("InvalidParameterException", both.code());
  }

  @Test
  void deletingTheGroupDeletesItsStreams() {
    call("DeleteLogGroup", Json.object().put("logGroupName", "g"));
    call("CreateLogGroup", Json.object().put("logGroupName", "g"));
    AwsException e = assertThrows(AwsException.class, () -> put(clock.millis()));
    assertEquals("The specified log stream does not exist.", e.getMessage());
  }
}
