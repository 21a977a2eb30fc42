package dev.fogbank.stepfunctions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Step Functions through the AWS SDK for Java v2 against the running server. */
class SfnClientIT {

  private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  /**
   * StartSyncExecution is modelled with the host prefix {@code sync-}; against a local endpoint the
   * SDK must be told not to prepend it.
   */
  private final SfnClient sfn = fogbank.client(SfnClient.builder().overrideConfiguration(o -> o.putAdvancedOption(
      SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)));
  private final SqsClient sqs = fogbank.client(SqsClient.builder());

  private static String unique(String p) {
    return p + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String q(String s) {
    return s.replace('\'', '"');
  }

  private String create(String definition, StateMachineType type) {
    return sfn.createStateMachine(b -> b.name(unique("sm")).definition(q(definition)).roleArn(ROLE).type(type))
        .stateMachineArn();
  }

  /** Executions run on their own threads; poll (not sleep on a timer) until one has ended. */
  private DescribeExecutionResponse awaitEnd(String arn) {
    return await(() -> {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
      return d.status() == ExecutionStatus.RUNNING ? null : d;
    });
  }

  private static <T> T await(Supplier<T> probe) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition not reached");
  }

  private List<HistoryEventType> history(String arn) {
    return sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream().map(HistoryEvent::type).toList();
  }

  @Test
  void createDescribeListUpdateDelete() {
    String def = "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}}";
    String arn = create(def, StateMachineType.STANDARD);
    var d = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
    assertEquals(q(def), d.definition());
    assertEquals("ACTIVE", d.statusAsString());
    assertEquals(StateMachineType.STANDARD, d.type());
    assertEquals(ROLE, d.roleArn());
    assertTrue(sfn.listStateMachines(b -> {}).stateMachines().stream().anyMatch(m -> m.stateMachineArn().equals(arn)));
    String def2 = "{'StartAt':'B','States':{'B':{'Type':'Succeed'}}}";
    var updated = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(q(def2)).publish(true));
    assertEquals(arn + ":1", updated.stateMachineVersionArn());
    assertEquals(q(def2), sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition());
    assertEquals(q(def2), sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1")).definition());
    sfn.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("team").value("core")));
    assertEquals("core", sfn.listTagsForResource(b -> b.resourceArn(arn)).tags().get(0).value());
    sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
    var e = assertThrows(StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)));
    assertEquals("State Machine Does Not Exist: '" + arn + "'", e.awsErrorDetails().errorMessage());
  }

  @Test
  void badInputGetsAwsErrors() {
    var invalid = assertThrows(InvalidDefinitionException.class, () -> create(
        "{'StartAt':'pass1','States':{'pass1':{'Type':'Pass','Next':'pass3'},'pass2':{'Type':'Pass','End':true}}}",
        StateMachineType.STANDARD));
    assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at "
        + "/States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2'",
        invalid.awsErrorDetails().errorMessage());
    assertEquals(400, invalid.statusCode());
    assertThrows(InvalidNameException.class, () -> sfn.createStateMachine(b -> b.name("bad name")
        .definition(q("{'StartAt':'A','States':{'A':{'Type':'Succeed'}}}")).roleArn(ROLE)));
    assertThrows(InvalidArnException.class, () -> sfn.describeStateMachine(b -> b.stateMachineArn("nope")));
    assertThrows(ExecutionDoesNotExistException.class, () -> sfn.describeExecution(b -> b.executionArn(
        "arn:aws:states:us-east-1:000000000000:execution:none:none")));
    assertThrows(InvalidTokenException.class, () -> sfn.sendTaskSuccess(b -> b.taskToken("garbage").output("{}")));
    ValidateStateMachineDefinitionResponse v = sfn.validateStateMachineDefinition(b -> b.definition(q(
        "{'StartAt':'A','States':{'A':{'Type':'Pass'}}}")));
    assertEquals("FAIL", v.resultAsString());
    assertEquals("SCHEMA_VALIDATION_FAILED", v.diagnostics().get(0).code());
  }

  @Test
  void standardExecutionHistoryFollowsAwsEventSequence() {
    String arn = create("""
        {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'v.$':'$.x'},'Next':'C'},
          'C':{'Type':'Choice','Choices':[{'Variable':'$.v','NumericEquals':1,'Next':'W'}],'Default':'F'},
          'W':{'Type':'Wait','Seconds':600,'Next':'S'},
          'F':{'Type':'Fail','Error':'E'},'S':{'Type':'Succeed'}}}
        """, StateMachineType.STANDARD);
    var started = sfn.startExecution(b -> b.stateMachineArn(arn).name("run-1").input("{\"x\":1}"));
    // Same name and input while running: the same execution (idempotent StartExecution)
    assertEquals(started.executionArn(), sfn.startExecution(b -> b.stateMachineArn(arn).name("run-1").input("{\"x\":1}")).executionArn());
    assertThrows(ExecutionAlreadyExistsException.class,
        () -> sfn.startExecution(b -> b.stateMachineArn(arn).name("run-1").input("{\"x\":2}")));
    await(() -> history(started.executionArn()).contains(HistoryEventType.WAIT_STATE_ENTERED) ? true : null);
    assertEquals(ExecutionStatus.RUNNING, sfn.describeExecution(b -> b.executionArn(started.executionArn())).status());
    fogbank.advance(Duration.ofMinutes(10));
    DescribeExecutionResponse d = awaitEnd(started.executionArn());
    assertEquals(ExecutionStatus.SUCCEEDED, d.status());
    assertEquals("{\"v\":1}", d.output());
    assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
        HistoryEventType.PASS_STATE_EXITED, HistoryEventType.CHOICE_STATE_ENTERED, HistoryEventType.CHOICE_STATE_EXITED,
        HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.WAIT_STATE_EXITED, HistoryEventType.SUCCEED_STATE_ENTERED,
        HistoryEventType.SUCCEED_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED), history(started.executionArn()));
    var reversed = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()).reverseOrder(true).maxResults(2));
    assertEquals(10L, reversed.events().get(0).id());
    assertEquals(9L, reversed.events().get(0).previousEventId());
    assertNotNull(reversed.nextToken());
    assertEquals(1, sfn.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.SUCCEEDED)).executions().size());
    assertEquals(0, sfn.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING)).executions().size());
  }

  @Test
  void expressSyncExecutionWithMapParallelAndIntrinsics() {
    String def = """
        {'StartAt':'M','States':{
          'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':{'StartAt':'Up','States':{
            'Up':{'Type':'Pass','Parameters':{'s.$':'States.Format(`{}!`, $)'},'OutputPath':'$.s','End':true}}},
            'ResultPath':'$.shouted','Next':'P'},
          'P':{'Type':'Parallel','Branches':[
            {'StartAt':'L','States':{'L':{'Type':'Pass','Parameters':{'n.$':'States.ArrayLength($.items)'},'End':true}}},
            {'StartAt':'H','States':{'H':{'Type':'Pass','Parameters':{'h.$':'States.Hash($.items[0], `MD5`)'},'End':true}}}],
            'ResultPath':'$.stats','End':true}}}
        """;
    String arn = sfn.createStateMachine(b -> b.name(unique("sm")).definition(q(def).replace('`', '\''))
        .roleArn(ROLE).type(StateMachineType.EXPRESS)).stateMachineArn();
    StartSyncExecutionResponse r = sfn.startSyncExecution(b -> b.stateMachineArn(arn).input("{\"items\":[\"a\",\"b\"]}"));
    assertEquals(SyncExecutionStatus.SUCCEEDED, r.status());
    // MD5("a") = 0cc175b9c0f1b6a831c399e269772661
    assertEquals("{\"items\":[\"a\",\"b\"],\"shouted\":[\"a!\",\"b!\"],\"stats\":[{\"n\":2},{\"h\":\"0cc175b9c0f1b6a831c399e269772661\"}]}",
        r.output());
    assertTrue(r.executionArn().contains(":express:"));
    assertThrows(ExecutionDoesNotExistException.class, () -> sfn.describeExecution(b -> b.executionArn(r.executionArn())));
    StartSyncExecutionResponse failed = sfn.startSyncExecution(b -> b.stateMachineArn(arn).input("{}"));
    assertEquals(SyncExecutionStatus.FAILED, failed.status());
    assertEquals("States.Runtime", failed.error());
  }

  @Test
  void waitForTaskTokenRoundTripThroughSqs() {
    String queueUrl = sqs.createQueue(b -> b.queueName(unique("tokens"))).queueUrl();
    String arn = create("""
        {'StartAt':'Ask','States':{'Ask':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          'Parameters':{'QueueUrl':'URL','MessageBody':{'token.$':'$$.Task.Token','order.$':'$.order'}},
          'HeartbeatSeconds':600,'End':true}}}
        """.replace("URL", queueUrl), StateMachineType.STANDARD);
    String exec = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"order\":42}")).executionArn();
    Message m = await(() -> {
      List<Message> msgs = sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages();
      return msgs.isEmpty() ? null : msgs.get(0);
    });
    String body = m.body();
    assertTrue(body.contains("\"order\":42"), body);
    String token = body.substring(body.indexOf("\"token\":\"") + 9, body.indexOf('"', body.indexOf("\"token\":\"") + 9));
    sfn.sendTaskHeartbeat(b -> b.taskToken(token));
    sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));
    DescribeExecutionResponse d = awaitEnd(exec);
    assertEquals(ExecutionStatus.SUCCEEDED, d.status());
    assertEquals("{\"approved\":true}", d.output());
    assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUBMITTED,
        HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED),
        history(exec));
    // the task has ended: its token is no longer valid (AWS answers TaskTimedOut)
    assertThrows(TaskTimedOutException.class, () -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
  }

  @Test
  void sqsIntegrationErrorIsCatchable() {
    String arn = create("""
        {'StartAt':'Send','States':{'Send':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:sqs:sendMessage',
          'Parameters':{'QueueUrl':'http://localhost/000000000000/missing','MessageBody':'x'},
          'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Caught'}],'End':true},'Caught':{'Type':'Pass','End':true}}}
        """, StateMachineType.STANDARD);
    String exec = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
    DescribeExecutionResponse d = awaitEnd(exec);
    assertEquals(ExecutionStatus.SUCCEEDED, d.status());
    // AWS SDK integrations name errors ServiceName.ErrorName with the Exception suffix
    assertEquals("Sqs.QueueDoesNotExistException", d.output().replaceAll(".*\"Error\":\"([^\"]+)\".*", "$1"));
  }

  @Test
  void childExecutionWithSync() {
    String child = create("{'StartAt':'C','States':{'C':{'Type':'Pass','Parameters':{'doubled.$':'States.MathAdd($.n, $.n)'},'End':true}}}",
        StateMachineType.STANDARD);
    String parent = create("""
        {'StartAt':'Run','States':{'Run':{'Type':'Task','Resource':'arn:aws:states:::states:startExecution.sync:2',
          'Parameters':{'StateMachineArn':'CHILD','Input':{'n.$':'$.n'}},'OutputPath':'$.Output','End':true}}}
        """.replace("CHILD", child), StateMachineType.STANDARD);
    String exec = sfn.startExecution(b -> b.stateMachineArn(parent).input("{\"n\":21}")).executionArn();
    DescribeExecutionResponse d = awaitEnd(exec);
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    assertEquals("{\"doubled\":42}", d.output());
  }

  @Test
  void stopExecutionAborts() {
    String arn = create("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'End':true}}}", StateMachineType.STANDARD);
    String exec = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
    sfn.stopExecution(b -> b.executionArn(exec).error("Manual").cause("test"));
    DescribeExecutionResponse d = awaitEnd(exec);
    assertEquals(ExecutionStatus.ABORTED, d.status());
    assertEquals("Manual", d.error());
    assertEquals(HistoryEventType.EXECUTION_ABORTED, history(exec).get(history(exec).size() - 1));
  }
}
