package dev.fogbank.stepfunctions;

import static dev.fogbank.stepfunctions.EngineHarness.json;
import static dev.fogbank.stepfunctions.EngineHarness.q;
import static dev.fogbank.stepfunctions.EngineHarness.types;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.ExecutionStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retry with backoff and Catch on a frozen clock: a task against a service that is not running
 * fails every time with States.TaskFailed, so the retry schedule is the only thing that moves.
 */
class RetryAndCatchTest {

  private static final String FAILING = "arn:aws:states:::sqs:sendMessage";
  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static long count(Execution e, String type) {
    return types(e).stream().filter(type::equals).count();
  }

  @Test
  void retriesWithExponentialBackoffOnTheVirtualClock() {
    Execution e = h.run(q("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'RES','Parameters':{'QueueUrl':'q','MessageBody':'m'},
          'Retry':[{'ErrorEquals':['States.TaskFailed'],'IntervalSeconds':60,'MaxAttempts':3,'BackoffRate':2}],'End':true}}}
        """).replace("RES", FAILING), "{}");
    assertEquals(1, count(e, "TaskFailed"));
    h.advance(Duration.ofSeconds(59));
    assertEquals(1, count(e, "TaskFailed"));
    h.advance(Duration.ofSeconds(1));
    assertEquals(2, count(e, "TaskFailed"));
    h.advance(Duration.ofSeconds(120));
    assertEquals(3, count(e, "TaskFailed"));
    h.advance(Duration.ofSeconds(239));
    assertEquals(ExecutionStatus.RUNNING, e.status());
    h.advance(Duration.ofSeconds(1));
    assertEquals(4, count(e, "TaskFailed"));
    assertEquals(ExecutionStatus.FAILED, e.status());
    assertEquals("States.TaskFailed", e.error());
  }

  @Test
  void maxDelayCapsTheBackoff() {
    Execution e = h.run(q("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'RES',
          'Retry':[{'ErrorEquals':['States.ALL'],'IntervalSeconds':10,'MaxAttempts':4,'BackoffRate':10,'MaxDelaySeconds':15}],'End':true}}}
        """).replace("RES", FAILING), "{}");
    h.advance(Duration.ofSeconds(10 + 15 + 15 + 15));
    assertEquals(ExecutionStatus.FAILED, e.status());
    assertEquals(5, count(e, "TaskFailed"));
  }

  @Test
  void catchRoutesTheErrorOutputToResultPath() {
    Execution e = h.run(q("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'RES',
          'Catch':[{'ErrorEquals':['Nope'],'Next':'X'},{'ErrorEquals':['States.TaskFailed'],'ResultPath':'$.error','Next':'Handled'}],'End':true},
          'X':{'Type':'Fail'},
          'Handled':{'Type':'Pass','End':true}}}
        """).replace("RES", FAILING), "{\"in\":1}");
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
    var out = json(e.output());
    assertEquals(1, out.get("in").asInt());
    assertEquals("States.TaskFailed", out.get("error").get("Error").asText());
    assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",
        "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"), types(e));
  }

  @Test
  void statesRuntimeIsNeverCaught() {
    Execution e = h.run(q("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'RES','Parameters':{'a.$':'$.missing'},
          'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H'}],'End':true},'H':{'Type':'Succeed'}}}
        """).replace("RES", FAILING), "{}");
    assertEquals(ExecutionStatus.FAILED, e.status());
    assertEquals("States.Runtime", e.error());
  }

  @Test
  void taskTimeoutFiresStatesTimeout() {
    h.engine.createActivity(EngineHarness.ACCOUNT, EngineHarness.REGION, "slow");
    Execution e = h.run(q("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:us-east-1:000000000000:activity:slow',
          'TimeoutSeconds':30,'Catch':[{'ErrorEquals':['States.Timeout'],'Next':'H'}],'End':true},'H':{'Type':'Succeed'}}}
        """), "{}");
    h.advance(Duration.ofSeconds(29));
    assertEquals(ExecutionStatus.RUNNING, e.status());
    h.advance(Duration.ofSeconds(1));
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
    assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityTimedOut",
        "TaskStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"), types(e));
  }

  @Test
  void jsonataWorkflowMatchesItsJsonPathTwin() {
    Execution jsonPath = h.run(q("""
        {'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'sum.$':'States.MathAdd($.a, $.b)','who.$':'$.name'},'End':true}}}
        """), "{\"a\":1,\"b\":2,\"name\":\"x\"}");
    Execution jsonata = h.run(q("""
        {'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','Output':{'sum':'{% $states.input.a + $states.input.b %}','who':'{% $states.input.name %}'},'End':true}}}
        """), "{\"a\":1,\"b\":2,\"name\":\"x\"}");
    assertEquals(json(jsonPath.output()), json(jsonata.output()));
  }

  @Test
  void jsonataAssignChoiceAndCatch() {
    Execution e = h.run(q("""
        {'QueryLanguage':'JSONata','StartAt':'Init','States':{
          'Init':{'Type':'Pass','Assign':{'limit':'{% $states.input.limit %}','seen':'{% $count($states.input.items) %}'},'Next':'C'},
          'C':{'Type':'Choice','Choices':[{'Condition':'{% $seen > $limit %}','Next':'T'}],'Default':'Ok'},
          'T':{'Type':'Task','Resource':'RES','Arguments':{'QueueUrl':'q','MessageBody':'{% $string($seen) %}'},
            'Catch':[{'ErrorEquals':['States.ALL'],'Output':{'err':'{% $states.errorOutput.Error %}','seen':'{% $seen %}'},'Next':'Ok'}],'End':true},
          'Ok':{'Type':'Succeed'}}}
        """).replace("RES", FAILING), "{\"limit\":1,\"items\":[1,2,3]}");
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
    assertEquals(json("{\"err\":\"States.TaskFailed\",\"seen\":3}"), json(e.output()));
  }
}
