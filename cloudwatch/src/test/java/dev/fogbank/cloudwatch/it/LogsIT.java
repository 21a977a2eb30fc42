package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** CloudWatch Logs through the AWS SDK for Java v2 (awsJson1.1). */
class LogsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final CloudWatchLogsClient logs = fogbank.client(CloudWatchLogsClient.builder());

  private String group() {
    String name = "/aws/lambda/fn-" + UUID.randomUUID().toString().substring(0, 8);
    logs.createLogGroup(b -> b.logGroupName(name));
    return name;
  }

  private long now() {
    return fogbank.fogbank().now().toEpochMilli();
  }

  private static InputLogEvent event(long ts, String message) {
    return InputLogEvent.builder().timestamp(ts).message(message).build();
  }

  @Test
  void createDescribeAndDeleteLogGroups() {
    String name = group();
    logs.createLogGroup(b -> b.logGroupName(name + "/other").tags(Map.of("team", "a")));
    List<LogGroup> groups = logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups();
    assertEquals(2, groups.size());
    LogGroup g = groups.get(0);
    assertEquals(name, g.logGroupName());
    assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:" + name + ":*", g.arn());
    assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:" + name, g.logGroupArn());
    assertNull(g.retentionInDays());
    assertEquals(Map.of("team", "a"), logs.listTagsLogGroup(b -> b.logGroupName(name + "/other")).tags());

    // Error messages as CloudWatch Logs sends them.
    var exists = assertThrows(ResourceAlreadyExistsException.class, () -> logs.createLogGroup(b -> b.logGroupName(name)));
    assertEquals("The specified log group already exists", exists.awsErrorDetails().errorMessage());
    logs.deleteLogGroup(b -> b.logGroupName(name));
    var missing = assertThrows(ResourceNotFoundException.class, () -> logs.deleteLogGroup(b -> b.logGroupName(name)));
    assertEquals("The specified log group does not exist.", missing.awsErrorDetails().errorMessage());
    assertThrows(InvalidParameterException.class, () -> logs.createLogGroup(b -> b.logGroupName("bad:name")));
  }

  @Test
  void describeLogGroupsPages() {
    String prefix = "/page/" + UUID.randomUUID().toString().substring(0, 8) + "/";
    for (int i = 0; i < 5; i++) {
      int n = i;
      logs.createLogGroup(b -> b.logGroupName(prefix + n));
    }
    List<String> seen = new ArrayList<>();
    logs.describeLogGroupsPaginator(b -> b.logGroupNamePrefix(prefix).limit(2))
        .logGroups()
        .forEach(g -> seen.add(g.logGroupName()));
    assertEquals(List.of(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4), seen);
  }

  @Test
  void putAndGetLogEventsWithForwardAndBackwardTokens() {
    String group = group();
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
    long t = now();
    List<InputLogEvent> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(event(t + i, "line " + i));
    }
    PutLogEventsResponse put = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(batch));
    assertNull(put.rejectedLogEventsInfo());

    // Default (startFromHead false): the latest events.
    GetLogEventsResponse tail = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").limit(2));
    assertEquals(List.of("line 3", "line 4"), messages(tail.events()));
    GetLogEventsResponse before = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").limit(2)
        .nextToken(tail.nextBackwardToken()));
    assertEquals(List.of("line 1", "line 2"), messages(before.events()));

    GetLogEventsResponse head = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").limit(3).startFromHead(true));
    assertEquals(List.of("line 0", "line 1", "line 2"), messages(head.events()));
    assertTrue(head.nextForwardToken().startsWith("f/"));
    assertTrue(head.nextBackwardToken().startsWith("b/"));
    GetLogEventsResponse rest = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")
        .nextToken(head.nextForwardToken()));
    assertEquals(List.of("line 3", "line 4"), messages(rest.events()));
    // At the end the same token comes back (GetLogEvents API reference).
    GetLogEventsResponse end = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")
        .nextToken(rest.nextForwardToken()));
    assertEquals(List.of(), end.events());
    assertEquals(rest.nextForwardToken(), end.nextForwardToken());

    // New events appear after the forward token.
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(t + 10, "line 5")));
    assertEquals(List.of("line 5"), messages(logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")
        .nextToken(end.nextForwardToken())).events()));
  }

  @Test
  void getLogEventsPaginatorStopsAtTheEnd() {
    String group = group();
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
    long t = now();
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s")
        .logEvents(event(t, "a"), event(t + 1, "b"), event(t + 2, "c")));
    List<String> all = new ArrayList<>();
    logs.getLogEventsPaginator(b -> b.logGroupName(group).logStreamName("s").startFromHead(true).limit(1))
        .events()
        .forEach(e -> all.add(e.message()));
    assertEquals(List.of("a", "b", "c"), all);
  }

  @Test
  void putLogEventsEnforcesOrderSpanAndAge() {
    String group = group();
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
    long t = now();
    var order = assertThrows(InvalidParameterException.class, () -> logs.putLogEvents(b -> b.logGroupName(group)
        .logStreamName("s").logEvents(event(t, "b"), event(t - 1, "a"))));
    assertEquals("Log events in a single PutLogEvents request must be in chronological order.",
        order.awsErrorDetails().errorMessage());
    assertThrows(InvalidParameterException.class, () -> logs.putLogEvents(b -> b.logGroupName(group)
        .logStreamName("s").logEvents(event(t - Duration.ofHours(25).toMillis(), "a"), event(t, "b"))));

    // Older than 14 days: rejected; more than 2 hours ahead: rejected; the rest is stored.
    long old = t - Duration.ofDays(15).toMillis();
    PutLogEventsResponse put = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
        event(t - Duration.ofHours(20).toMillis(), "kept 1"), event(t, "kept 2"), event(t + Duration.ofHours(3).toMillis(), "future")));
    assertEquals(2, put.rejectedLogEventsInfo().tooNewLogEventStartIndex());
    PutLogEventsResponse tooOld = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s")
        .logEvents(event(old, "old"), event(old + 1, "old too")));
    assertEquals(2, tooOld.rejectedLogEventsInfo().tooOldLogEventEndIndex());
    assertEquals(List.of("kept 1", "kept 2"), messages(logs.getLogEvents(b -> b.logGroupName(group)
        .logStreamName("s").startFromHead(true)).events()));

    var noStream = assertThrows(ResourceNotFoundException.class, () -> logs.putLogEvents(b -> b.logGroupName(group)
        .logStreamName("nope").logEvents(event(t, "x"))));
    assertEquals("The specified log stream does not exist.", noStream.awsErrorDetails().errorMessage());
  }

  @Test
  void retentionExpiresEventsOnTheVirtualClock() {
    String group = group();
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
    logs.putRetentionPolicy(b -> b.logGroupName(group).retentionInDays(1));
    long t = now();
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(t, "soon gone")));
    assertEquals(1, logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).retentionInDays());
    assertEquals(1, logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")).events().size());
    fogbank.advance(Duration.ofDays(2));
    assertEquals(0, logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")).events().size());
    var bad = assertThrows(InvalidParameterException.class,
        () -> logs.putRetentionPolicy(b -> b.logGroupName(group).retentionInDays(4)));
    assertTrue(bad.awsErrorDetails().errorMessage().contains("Member must satisfy enum value set"));
    logs.deleteRetentionPolicy(b -> b.logGroupName(group));
    assertNull(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).retentionInDays());
  }

  @Test
  void describeLogStreamsOrdersByNameOrLastEventTime() {
    String group = group();
    long t = now();
    for (String s : List.of("b", "a", "c")) {
      logs.createLogStream(b -> b.logGroupName(group).logStreamName(s));
    }
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("c").logEvents(event(t - 100, "x")));
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("a").logEvents(event(t - 50, "x")));
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("b").logEvents(event(t - 10, "x")));
    DescribeLogStreamsResponse byName = logs.describeLogStreams(b -> b.logGroupName(group));
    assertEquals(List.of("a", "b", "c"), byName.logStreams().stream().map(s -> s.logStreamName()).toList());
    DescribeLogStreamsResponse byTime = logs.describeLogStreams(b -> b.logGroupName(group)
        .orderBy(OrderBy.LAST_EVENT_TIME).descending(true));
    assertEquals(List.of("b", "a", "c"), byTime.logStreams().stream().map(s -> s.logStreamName()).toList());
    assertEquals(t - 10, byTime.logStreams().get(0).lastEventTimestamp());
    assertThrows(InvalidParameterException.class, () -> logs.describeLogStreams(b -> b.logGroupName(group)
        .orderBy(OrderBy.LAST_EVENT_TIME).logStreamNamePrefix("a")));
    var exists = assertThrows(ResourceAlreadyExistsException.class,
        () -> logs.createLogStream(b -> b.logGroupName(group).logStreamName("a")));
    assertEquals("The specified log stream already exists", exists.awsErrorDetails().errorMessage());
  }

  @Test
  void filterLogEventsMatchesTermsPhrasesAlternativesAndJson() {
    String group = group();
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("one"));
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("two"));
    long t = now();
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("one").logEvents(
        event(t, "ERROR Connection refused"), event(t + 2, "{\"level\":\"warn\",\"latency\":250}")));
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName("two").logEvents(
        event(t + 1, "WARN disk low"), event(t + 3, "{\"level\":\"info\",\"latency\":20}")));

    assertEquals(List.of("ERROR Connection refused", "WARN disk low"), filter(group, "?ERROR ?WARN"));
    assertEquals(List.of("ERROR Connection refused"), filter(group, "\"Connection refused\""));
    assertEquals(List.of("ERROR Connection refused"), filter(group, "ERROR refused"));
    assertEquals(List.of("{\"level\":\"warn\",\"latency\":250}"), filter(group, "{ $.latency > 100 }"));
    assertEquals(List.of("{\"level\":\"info\",\"latency\":20}"), filter(group, "{ $.level = \"info\" }"));
    assertEquals(4, filter(group, "").size());

    List<FilteredLogEvent> page = logs.filterLogEvents(b -> b.logGroupName(group).limit(3)).events();
    assertEquals(List.of("one", "two", "one"), page.stream().map(FilteredLogEvent::logStreamName).toList());
    List<String> all = new ArrayList<>();
    logs.filterLogEventsPaginator(b -> b.logGroupName(group).limit(1)).events().forEach(e -> all.add(e.message()));
    assertEquals(4, all.size());
    assertThrows(InvalidParameterException.class, () -> filter(group, "{ $.level = "));
  }

  @Test
  void describeLogStreamsPagesAndFilterLogEventsNamesStreams() {
    String group = group();
    long t = now();
    for (String s : List.of("s1", "s2", "s3", "x1")) {
      logs.createLogStream(b -> b.logGroupName(group).logStreamName(s));
      logs.putLogEvents(b -> b.logGroupName(group).logStreamName(s).logEvents(event(t, "from " + s)));
    }
    List<String> names = new ArrayList<>();
    logs.describeLogStreamsPaginator(b -> b.logGroupName(group).limit(1)).logStreams()
        .forEach(s -> names.add(s.logStreamName()));
    assertEquals(List.of("s1", "s2", "s3", "x1"), names);
    assertEquals(List.of("s1", "s2", "s3"), logs.describeLogStreams(b -> b.logGroupName(group).logStreamNamePrefix("s"))
        .logStreams().stream().map(s -> s.logStreamName()).toList());
    assertEquals(List.of("from s2", "from x1"), logs.filterLogEvents(b -> b.logGroupName(group).logStreamNames("s2", "x1"))
        .events().stream().map(FilteredLogEvent::message).toList());
    assertEquals(3, logs.filterLogEvents(b -> b.logGroupName(group).logStreamNamePrefix("s")).events().size());
  }

  @Test
  void subscriptionFiltersNeedADestinationThatExists() {
    // No Lambda service runs in this test's emulator: the destination cannot be reached.
    String group = group();
    var e = assertThrows(InvalidParameterException.class, () -> logs.putSubscriptionFilter(b -> b.logGroupName(group)
        .filterName("f").filterPattern("").destinationArn("arn:aws:lambda:us-east-1:000000000000:function:none")));
    assertTrue(e.awsErrorDetails().errorMessage().startsWith("Could not"), e.getMessage());
    assertEquals(0, logs.describeSubscriptionFilters(b -> b.logGroupName(group)).subscriptionFilters().size());
  }

  @Test
  void tagsByArnAndByLogGroupName() {
    String group = group();
    String arn = logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).logGroupArn();
    logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "1", "b", "2")));
    logs.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
    assertEquals(Map.of("b", "2"), logs.listTagsForResource(b -> b.resourceArn(arn)).tags());
    logs.tagLogGroup(b -> b.logGroupName(group).tags(Map.of("c", "3")));
    logs.untagLogGroup(b -> b.logGroupName(group).tags("b"));
    assertEquals(Map.of("c", "3"), logs.listTagsLogGroup(b -> b.logGroupName(group)).tags());
  }

  private List<String> filter(String group, String pattern) {
    return logs.filterLogEvents(b -> b.logGroupName(group).filterPattern(pattern)).events().stream()
        .map(FilteredLogEvent::message).toList();
  }

  private static List<String> messages(List<OutputLogEvent> events) {
    return events.stream().map(OutputLogEvent::message).toList();
  }
}
