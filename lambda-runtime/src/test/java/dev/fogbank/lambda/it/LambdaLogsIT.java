package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** A function's output reaches CloudWatch Logs, as Lambda sends it with its execution role. */
class LambdaLogsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());
  private final CloudWatchLogsClient logs = fogbank.client(CloudWatchLogsClient.builder());

  private static final String HANDLER =
      """
      def handler(event, context):
          print("first line " + event["tag"])
          print("second line")
          return {"ok": True}
      """;

  /** Lambda names a stream {@code YYYY/MM/DD/[version]} and 32 hex digits. */
  private static final Pattern STREAM = Pattern.compile("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}");

  private String create() {
    String name = Functions.uniqueName("logs");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", HANDLER), b -> {});
    return name;
  }

  private InvokeResponse invoke(String name, String tag) {
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{\"tag\":\"" + tag + "\"}")));
    assertNull(r.functionError(), Functions.text(r));
    return r;
  }

  @Test
  void outputAndStartEndReportLinesLandInTheFunctionsLogGroup() {
    String name = create();
    String requestId = invoke(name, "one").responseMetadata().requestId();
    String group = "/aws/lambda/" + name;

    List<LogStream> streams = logs.describeLogStreams(r -> r.logGroupName(group)).logStreams();
    assertEquals(1, streams.size());
    String stream = streams.get(0).logStreamName();
    assertTrue(STREAM.matcher(stream).matches(), stream);

    List<String> messages =
        logs.getLogEvents(r -> r.logGroupName(group).logStreamName(stream).startFromHead(true)).events().stream()
            .map(OutputLogEvent::message)
            .toList();
    assertEquals(5, messages.size(), messages.toString());
    assertEquals("START RequestId: " + requestId + " Version: $LATEST\n", messages.get(0));
    assertEquals("first line one\n", messages.get(1));
    assertEquals("second line\n", messages.get(2));
    assertEquals("END RequestId: " + requestId + "\n", messages.get(3));
    // REPORT fields as Lambda writes them; a cold start adds Init Duration.
    assertTrue(
        Pattern.compile(
                "REPORT RequestId: " + requestId
                    + "\tDuration: \\d+\\.\\d{2} ms\tBilled Duration: \\d+ ms\tMemory Size: 128 MB\tMax Memory Used: \\d+ MB"
                    + "\tInit Duration: \\d+\\.\\d{2} ms\t\n")
            .matcher(messages.get(4))
            .matches(),
        messages.get(4));
  }

  @Test
  void aWarmEnvironmentKeepsWritingToItsStreamAndFilterLogEventsFindsTheLines() {
    String name = create();
    invoke(name, "one");
    invoke(name, "two");
    String group = "/aws/lambda/" + name;
    assertEquals(1, logs.describeLogStreams(r -> r.logGroupName(group)).logStreams().size());

    FilterLogEventsResponse found = logs.filterLogEvents(r -> r.logGroupName(group).filterPattern("REPORT"));
    assertEquals(2, found.events().size());
    // The second invocation is warm: no Init Duration.
    assertTrue(found.events().get(0).message().contains("Init Duration"));
    assertTrue(!found.events().get(1).message().contains("Init Duration"), found.events().get(1).message());

    List<String> lines =
        logs.filterLogEvents(r -> r.logGroupName(group).filterPattern("\"first line\"")).events().stream()
            .map(FilteredLogEvent::message)
            .toList();
    assertEquals(List.of("first line one\n", "first line two\n"), lines);
  }

  @Test
  void aDeletedLogGroupIsCreatedAgainByTheNextInvocation() {
    String name = create();
    invoke(name, "one");
    String group = "/aws/lambda/" + name;
    logs.deleteLogGroup(r -> r.logGroupName(group));
    invoke(name, "two");
    List<String> lines =
        logs.filterLogEvents(r -> r.logGroupName(group).filterPattern("\"first line\"")).events().stream()
            .map(FilteredLogEvent::message)
            .toList();
    assertEquals(List.of("first line two\n"), lines);
  }

  @Test
  void aLoggingConfigLogGroupReceivesTheOutputInstead() {
    String name = Functions.uniqueName("logs");
    String group = "/custom/" + name;
    Functions.create(
        lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", HANDLER), b -> b.loggingConfig(l -> l.logGroup(group)));
    invoke(name, "one");
    List<String> lines =
        logs.filterLogEvents(r -> r.logGroupName(group).filterPattern("\"first line\"")).events().stream()
            .map(FilteredLogEvent::message)
            .toList();
    assertEquals(List.of("first line one\n"), lines);
    assertTrue(logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + name)).logGroups().isEmpty());
  }
}
