package dev.fogbank.stepfunctions;

import static dev.fogbank.stepfunctions.EngineHarness.json;
import static dev.fogbank.stepfunctions.EngineHarness.q;
import static dev.fogbank.stepfunctions.EngineHarness.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.ExecutionStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The interpreter without HTTP, on a frozen virtual clock. */
class InterpreterTest {

  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void passChainAppliesParametersResultPathAndOutputPath() {
    Execution e = h.run(q("""
        {'StartAt':'A','States':{
          'A':{'Type':'Pass','Parameters':{'greeting.$':'$.name','fixed':1},'ResultPath':'$.out','Next':'B'},
          'B':{'Type':'Pass','InputPath':'$.out','Result':{'x':2},'ResultPath':'$.r','OutputPath':'$.r','End':true}}}
        """), "{\"name\":\"ann\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
    assertEquals(json("{\"x\":2}"), json(e.output()));
    // AWS's event sequence for two Pass states
    assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered",
        "PassStateExited", "ExecutionSucceeded"), types(e));
    List<ObjectNode> ev = e.history().events();
    for (int i = 0; i < ev.size(); i++) {
      assertEquals(i + 1, ev.get(i).get("id").asInt());
      assertEquals(i, ev.get(i).get("previousEventId").asInt());
    }
    assertEquals("{\"greeting\":\"ann\",\"fixed\":1}",
        json(ev.get(2).get("stateExitedEventDetails").get("output").asText()).get("out").toString());
  }

  @Test
  void resultSelectorAndNullPaths() {
    Execution e = h.run(q("""
        {'StartAt':'A','States':{
          'A':{'Type':'Pass','InputPath':null,'Result':{'a':1},'ResultPath':null,'End':true}}}
        """), "{\"keep\":true}");
    // InputPath null gives {}, ResultPath null keeps the raw input
    assertEquals(json("{\"keep\":true}"), json(e.output()));
  }

  @Test
  void waitSecondsRunsOnTheVirtualClock() {
    Execution e = h.run(q("""
        {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'Next':'D'},'D':{'Type':'Succeed'}}}
        """), "{}");
    assertEquals(ExecutionStatus.RUNNING, e.status());
    h.advance(Duration.ofMinutes(59));
    assertEquals(ExecutionStatus.RUNNING, e.status());
    h.advance(Duration.ofMinutes(1));
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
    assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "WaitStateExited", "SucceedStateEntered",
        "SucceedStateExited", "ExecutionSucceeded"), types(e));
  }

  @Test
  void waitTimestampPathAndSecondsPath() {
    Execution e = h.run(q("""
        {'StartAt':'W','States':{'W':{'Type':'Wait','TimestampPath':'$.at','Next':'S'},
          'S':{'Type':'Wait','SecondsPath':'$.s','End':true}}}
        """), "{\"at\":\"2025-01-01T00:10:00Z\",\"s\":5}");
    h.advance(Duration.ofMinutes(10));
    assertEquals(ExecutionStatus.RUNNING, e.status());
    h.advance(Duration.ofSeconds(5));
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
  }

  @Test
  void choiceOperators() {
    String def = q("""
        {'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[
          {'Not':{'Variable':'$.b','IsPresent':true},'Next':'NoB'},
          {'And':[{'Variable':'$.n','IsPresent':true},{'Variable':'$.n','NumericGreaterThanEquals':10},{'Variable':'$.n','NumericLessThan':20}],'Next':'Teen'},
          {'And':[{'Variable':'$.s','IsString':true},{'Variable':'$.s','StringMatches':'log-*.txt'}],'Next':'Log'},
          {'And':[{'Variable':'$.t','IsTimestamp':true},{'Variable':'$.t','TimestampGreaterThanPath':'$.u'}],'Next':'Later'},
          {'Or':[{'Variable':'$.b','BooleanEquals':true},{'Variable':'$.b','IsNull':true}],'Next':'TrueOrNull'}
        ],'Default':'Other'},
        'Teen':{'Type':'Pass','Result':'teen','End':true},
        'Log':{'Type':'Pass','Result':'log','End':true},
        'NoB':{'Type':'Pass','Result':'nob','End':true},
        'Later':{'Type':'Pass','Result':'later','End':true},
        'TrueOrNull':{'Type':'Pass','Result':'ton','End':true},
        'Other':{'Type':'Pass','Result':'other','End':true}}}
        """);
    assertEquals("\"teen\"", h.run(def, "{\"n\":15,\"b\":1}").output());
    assertEquals("\"log\"", h.run(def, "{\"n\":1,\"s\":\"log-2024.txt\",\"b\":1}").output());
    assertEquals("\"nob\"", h.run(def, "{\"n\":1}").output());
    assertEquals("\"later\"", h.run(def,
        "{\"b\":1,\"t\":\"2025-02-01T00:00:00Z\",\"u\":\"2025-01-01T00:00:00Z\"}").output());
    assertEquals("\"ton\"", h.run(def, "{\"b\":null}").output());
    assertEquals("\"other\"", h.run(def, "{\"b\":false}").output());
  }

  @Test
  void choiceWithoutMatchFailsWithNoChoiceMatched() {
    Execution e = h.run(q("""
        {'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.x','IsString':true,'Next':'D'}]},
          'D':{'Type':'Succeed'}}}
        """), "{\"x\":1}");
    assertEquals(ExecutionStatus.FAILED, e.status());
    assertEquals("States.NoChoiceMatched", e.error());
  }

  @Test
  void failStateEndsWithItsErrorAndCause() {
    Execution e = h.run(q("""
        {'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'$.e','Cause':'bad thing'}}}
        """), "{\"e\":\"Custom.Error\"}");
    assertEquals(ExecutionStatus.FAILED, e.status());
    assertEquals("Custom.Error", e.error());
    assertEquals("bad thing", e.cause());
    assertEquals(List.of("ExecutionStarted", "FailStateEntered", "ExecutionFailed"), types(e));
  }

  @Test
  void missingPathFailsWithStatesRuntime() {
    Execution e = h.run(q("""
        {'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'x.$':'$.missing'},'End':true}}}
        """), "{}");
    assertEquals("States.Runtime", e.error());
    assertEquals("An error occurred while executing the state 'A' (entered at the event id #2). "
        + "The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{}'", e.cause());
  }

  @Test
  void parallelCollectsBranchOutputsInOrder() {
    Execution e = h.run(q("""
        {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
          {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':10,'Next':'A'},'A':{'Type':'Pass','Result':1,'End':true}}},
          {'StartAt':'B','States':{'B':{'Type':'Pass','Result':2,'End':true}}}]}}}
        """), "{}");
    h.advance(Duration.ofSeconds(10));
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
    assertEquals("[1,2]", e.output());
    List<String> t = types(e);
    assertEquals("ParallelStateEntered", t.get(1));
    assertEquals("ParallelStateStarted", t.get(2));
    assertEquals(List.of("ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"),
        t.subList(t.size() - 3, t.size()));
  }

  @Test
  void parallelBranchFailureFailsTheStateAndIsCaught() {
    Execution e = h.run(q("""
        {'StartAt':'P','States':{'P':{'Type':'Parallel','Next':'Done','Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.err','Next':'Done'}],
          'Branches':[{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'Boom','Cause':'why'}}},
            {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':100,'End':true}}}]},
          'Done':{'Type':'Succeed'}}}
        """), "{\"a\":1}");
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
    assertEquals(json("{\"a\":1,\"err\":{\"Error\":\"Boom\",\"Cause\":\"why\"}}"), json(e.output()));
    assertTrue(types(e).contains("ParallelStateFailed"));
  }

  @Test
  void mapRunsEachItemWithItemSelectorAndContext() {
    Execution e = h.run(q("""
        {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':1,
          'ItemSelector':{'v.$':'$$.Map.Item.Value','i.$':'$$.Map.Item.Index','k.$':'$.k'},
          'ItemProcessor':{'StartAt':'D','States':{'D':{'Type':'Pass','Parameters':{'s.$':'FORMAT'},'End':true}}},
          'End':true}}}
        """).replace("FORMAT", "States.Format('{}-{}-{}', $.k, $.i, $.v)"), "{\"items\":[\"a\",\"b\",\"c\"],\"k\":\"K\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
    assertEquals(json("[{\"s\":\"K-0-a\"},{\"s\":\"K-1-b\"},{\"s\":\"K-2-c\"}]"), json(e.output()));
    List<String> t = types(e);
    assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted",
        "PassStateEntered", "PassStateExited", "MapIterationSucceeded"), t.subList(0, 7));
    assertEquals(List.of("MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"), t.subList(t.size() - 3, t.size()));
  }

  @Test
  void mapIterationFailureBeyondToleranceFails() {
    String def = q("""
        {'StartAt':'M','States':{'M':{'Type':'Map','ToleratedFailureCount':TOL,
          'ItemProcessor':{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$','NumericGreaterThan':1,'Next':'F'}],'Default':'P'},
            'F':{'Type':'Fail','Error':'TooBig'},'P':{'Type':'Pass','End':true}}},'End':true}}}
        """);
    Execution tolerated = h.run(def.replace("TOL", "1"), "[1,2]");
    assertEquals(ExecutionStatus.SUCCEEDED, tolerated.status());
    Execution failed = h.run(def.replace("TOL", "0"), "[1,2,3]");
    assertEquals(ExecutionStatus.FAILED, failed.status());
    assertEquals("TooBig", failed.error());
    Execution exceeded = h.run(def.replace("TOL", "1"), "[1,2,3]");
    assertEquals("States.ExceedToleratedFailureThreshold", exceeded.error());
  }

  @Test
  void assignedVariablesAreVisibleToLaterStates() {
    Execution e = h.run(q("""
        {'StartAt':'A','States':{
          'A':{'Type':'Pass','Result':{'v':41},'Assign':{'count.$':'$.v','label':'x'},'Next':'B'},
          'B':{'Type':'Pass','Parameters':{'c.$':'States.MathAdd($count, 1)','l.$':'$label'},'End':true}}}
        """), "{}");
    assertEquals(json("{\"c\":42,\"l\":\"x\"}"), json(e.output()));
  }

  @Test
  void contextObjectCarriesExecutionAndState() {
    Execution e = h.run(q("""
        {'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'id.$':'$$.Execution.Id','state.$':'$$.State.Name',
          'sm.$':'$$.StateMachine.Name','in.$':'$$.Execution.Input.x','t.$':'$$.State.EnteredTime'},'End':true}}}
        """), "{\"x\":7}");
    var out = json(e.output());
    assertEquals(e.arn(), out.get("id").asText());
    assertEquals("A", out.get("state").asText());
    assertEquals(e.stateMachineName(), out.get("sm").asText());
    assertEquals(7, out.get("in").asInt());
    assertEquals("2025-01-01T00:00:00Z", out.get("t").asText());
  }

  @Test
  void executionTimeoutEndsWithTimedOut() {
    Execution e = h.run(q("""
        {'TimeoutSeconds':60,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':600,'End':true}}}
        """), "{}");
    h.advance(Duration.ofSeconds(60));
    assertEquals(ExecutionStatus.TIMED_OUT, e.status());
    assertEquals("States.Timeout", e.error());
    assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut"), types(e));
    h.advance(Duration.ofMinutes(20));
    assertEquals(3, e.history().size());
  }

  @Test
  void stopAbortsAndCancelsPendingWaits() {
    Execution e = h.run(q("""
        {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':600,'End':true}}}
        """), "{}");
    assertTrue(h.engine.stop(e, "Stopped", "by test"));
    assertEquals(ExecutionStatus.ABORTED, e.status());
    h.advance(Duration.ofMinutes(20));
    assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "ExecutionAborted"), types(e));
  }

  @Test
  void longLoopsDoNotGrowTheStack() {
    Execution e = h.run(q("""
        {'StartAt':'Init','States':{
          'Init':{'Type':'Pass','Result':0,'Assign':{'i':0},'Next':'Loop'},
          'Loop':{'Type':'Choice','Choices':[{'Variable':'$i','NumericGreaterThanEquals':3000,'Next':'Done'}],'Default':'Inc'},
          'Inc':{'Type':'Pass','Assign':{'i.$':'States.MathAdd($i, 1)'},'Next':'Loop'},
          'Done':{'Type':'Succeed'}}}
        """), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, e.status());
  }
}
