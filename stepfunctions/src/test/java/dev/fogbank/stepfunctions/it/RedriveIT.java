package dev.fogbank.stepfunctions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sqs.SqsClient;

/** RedriveExecution through the AWS SDK for Java v2: a failed execution resumes from the failed state. */
class RedriveIT {

  private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final SfnClient sfn = fogbank.client(SfnClient.builder());
  private final SqsClient sqs = fogbank.client(SqsClient.builder());

  private DescribeExecutionResponse awaitEnd(String arn) {
    for (int i = 0; i < 4000; i++) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
      if (d.status() != ExecutionStatus.RUNNING) {
        return d;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("execution did not end");
  }

  @Test
  void failedExecutionResumesFromTheFailedState() {
    // The queue the task sends to does not exist yet: the first run fails in state Send
    String probe = sqs.createQueue(b -> b.queueName("probe-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
    String queueName = "later-" + UUID.randomUUID().toString().substring(0, 8);
    String queueUrl = probe.substring(0, probe.lastIndexOf('/') + 1) + queueName;
    String def = """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Result":{"n":1},"ResultPath":"$.prepared","Next":"Send"},
          "Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
            "Parameters":{"QueueUrl":"URL","MessageBody.$":"States.JsonToString($.prepared)"},
            "ResultPath":null,"Next":"Done"},
          "Done":{"Type":"Pass","Result":"$$.Execution.RedriveCount","End":true}}}
        """.replace("URL", queueUrl);
    String machine = sfn.createStateMachine(b -> b.name("redrive-" + UUID.randomUUID().toString().substring(0, 8))
        .definition(def).roleArn(ROLE)).stateMachineArn();
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"k\":\"v\"}")).executionArn();
    DescribeExecutionResponse failed = awaitEnd(arn);
    assertEquals(ExecutionStatus.FAILED, failed.status());
    assertEquals(0, failed.redriveCount());
    assertEquals(ExecutionRedriveStatus.REDRIVABLE, failed.redriveStatus());
    int eventsBefore = sfn.getExecutionHistory(b -> b.executionArn(arn)).events().size();

    sqs.createQueue(b -> b.queueName(queueName));
    var redrive = sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse done = awaitEnd(arn);
    assertEquals(ExecutionStatus.SUCCEEDED, done.status());
    assertEquals(1, done.redriveCount());
    assertEquals(redrive.redriveDate(), done.redriveDate());
    assertNull(done.error());
    // SUCCEEDED executions are not redrivable (reason as AWS words it)
    assertEquals(ExecutionRedriveStatus.NOT_REDRIVABLE, done.redriveStatus());
    assertEquals("Execution is SUCCEEDED and cannot be redriven", done.redriveStatusReason());
    assertEquals("{\"n\":1}", sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages().get(0).body());

    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    List<HistoryEventType> after = events.subList(eventsBefore, events.size()).stream().map(HistoryEvent::type).toList();
    // The redriven part: ExecutionRedriven, then the failed state entered again with its earlier input
    assertEquals(List.of(HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUCCEEDED,
        HistoryEventType.TASK_STATE_EXITED, HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
        HistoryEventType.EXECUTION_SUCCEEDED), after);
    HistoryEvent redriven = events.get(eventsBefore);
    assertEquals(1, redriven.executionRedrivenEventDetails().redriveCount());
    assertEquals(eventsBefore, redriven.previousEventId());
    HistoryEvent reentered = events.get(eventsBefore + 1);
    assertEquals(redriven.id(), reentered.previousEventId());
    assertEquals("Send", reentered.stateEnteredEventDetails().name());
    assertEquals("{\"k\":\"v\",\"prepared\":{\"n\":1}}", reentered.stateEnteredEventDetails().input());
    // Prepare ran once: the redrive did not start over
    assertEquals(1, events.stream().filter(e -> e.type() == HistoryEventType.PASS_STATE_ENTERED
        && e.stateEnteredEventDetails().name().equals("Prepare")).count());

    var again = assertThrows(ExecutionNotRedrivableException.class, () -> sfn.redriveExecution(b -> b.executionArn(arn)));
    assertTrue(again.getMessage().contains("SUCCEEDED"));
  }

  @Test
  void abortedExecutionResumesAndRunningOneIsNotRedrivable() {
    String def = """
        {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":3600,"End":true}}}
        """;
    String machine = sfn.createStateMachine(b -> b.name("aborted-" + UUID.randomUUID().toString().substring(0, 8))
        .definition(def).roleArn(ROLE)).stateMachineArn();
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    DescribeExecutionResponse running = sfn.describeExecution(b -> b.executionArn(arn));
    assertEquals(ExecutionRedriveStatus.NOT_REDRIVABLE, running.redriveStatus());
    assertThrows(ExecutionNotRedrivableException.class, () -> sfn.redriveExecution(b -> b.executionArn(arn)));
    for (int i = 0; i < 4000 && sfn.getExecutionHistory(b -> b.executionArn(arn)).events().size() < 2; i++) {
      Thread.onSpinWait();
    }
    sfn.stopExecution(b -> b.executionArn(arn).error("Stop"));
    assertEquals(ExecutionStatus.ABORTED, awaitEnd(arn).status());
    sfn.redriveExecution(b -> b.executionArn(arn));
    assertEquals(ExecutionStatus.RUNNING, sfn.describeExecution(b -> b.executionArn(arn)).status());
    for (int i = 0; i < 4000 && sfn.getExecutionHistory(b -> b.executionArn(arn)).events().size() < 6; i++) {
      Thread.onSpinWait();
    }
    fogbank.advance(java.time.Duration.ofHours(1));
    DescribeExecutionResponse d = awaitEnd(arn);
    assertEquals(ExecutionStatus.SUCCEEDED, d.status());
    assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.WAIT_STATE_ENTERED,
        HistoryEventType.EXECUTION_ABORTED, HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.WAIT_STATE_ENTERED,
        HistoryEventType.WAIT_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED),
        sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream().map(HistoryEvent::type).toList());
  }
}
