package dev.fogbank.stepfunctions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * RedriveExecution of an execution that failed in a Parallel, inline Map or Distributed Map state:
 * only the branches, iterations and child executions that failed or were aborted run again (AWS API
 * reference, RedriveExecution).
 */
class RedriveChildrenIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SfnClient sfn = fogbank.client(SfnClient.builder());
  private final SqsClient sqs = fogbank.client(SqsClient.builder());
  private final Workflows flows = new Workflows(sfn);

  /** A queue URL whose queue does not exist yet: sending to it fails until it is created. */
  private String laterQueue(String name) {
    String probe = sqs.createQueue(b -> b.queueName(Workflows.unique("probe"))).queueUrl();
    return probe.substring(0, probe.lastIndexOf('/') + 1) + name;
  }

  private int received(String queueUrl) {
    return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages().size();
  }

  private long entered(List<HistoryEvent> events, String state) {
    return events.stream().filter(e -> e.stateEnteredEventDetails() != null
        && e.stateEnteredEventDetails().name().equals(state)).count();
  }

  @Test
  void parallelRunsAgainOnlyTheFailedBranch() throws Exception {
    String laterName = Workflows.unique("later");
    String later = laterQueue(laterName);
    String arn = flows.start(flows.create("""
        {'StartAt':'Both','States':{'Both':{'Type':'Parallel','End':true,'Branches':[
          {'StartAt':'Ok','States':{'Ok':{'Type':'Pass','Result':{'branch':'ok'},'End':true}}},
          {'StartAt':'Prep','States':{
            'Prep':{'Type':'Pass','Result':'prepared','ResultPath':'$.prep','Next':'Send'},
            'Send':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage',
              'Parameters':{'QueueUrl':'LATER','MessageBody.$':'$.prep'},'ResultSelector':{'branch':'later'},'End':true}}}]}}}
        """.replace("LATER", later)), "{}");
    DescribeExecutionResponse failed = flows.awaitEnd(arn);
    assertEquals(ExecutionStatus.FAILED, failed.status());
    assertEquals("SQS.QueueDoesNotExistException", failed.error());
    int before = flows.history(arn).size();

    sqs.createQueue(b -> b.queueName(laterName));
    sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse done = flows.awaitEnd(arn);
    assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.cause());
    // both branches' outputs, the first kept from the original attempt
    assertEquals(JSON.readTree("[{\"branch\":\"ok\"},{\"branch\":\"later\"}]"), JSON.readTree(done.output()));
    assertEquals(1, received(later));

    List<HistoryEvent> events = flows.history(arn);
    List<HistoryEventType> redriven = events.subList(before, events.size()).stream().map(HistoryEvent::type).toList();
    // the failed branch resumes at the state that failed; the succeeded branch does not run again
    assertEquals(List.of(HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.PARALLEL_STATE_ENTERED,
        HistoryEventType.PARALLEL_STATE_STARTED, HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED,
        HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
        HistoryEventType.PARALLEL_STATE_SUCCEEDED, HistoryEventType.PARALLEL_STATE_EXITED,
        HistoryEventType.EXECUTION_SUCCEEDED), redriven);
    assertEquals(1, entered(events, "Ok"));
    assertEquals(1, entered(events, "Prep"));
    assertEquals(2, entered(events, "Send"));
  }

  @Test
  void inlineMapRunsAgainOnlyUnfinishedIterations() throws Exception {
    String prefix = Workflows.unique("item");
    String base = laterQueue(prefix);
    sqs.createQueue(b -> b.queueName(prefix + "-1"));
    sqs.createQueue(b -> b.queueName(prefix + "-3"));
    String arn = flows.start(flows.create("""
        {'StartAt':'Each','States':{'Each':{'Type':'Map','MaxConcurrency':1,'End':true,
          'ItemSelector':{'n.$':'$$.Map.Item.Value','i.$':'$$.Map.Item.Index'},
          'ItemProcessor':{'StartAt':'Send','States':{'Send':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage',
            'Parameters':{'QueueUrl.$':'States.Format(^BASE-{}^, $.n)','MessageBody':'m'},
            'ResultPath':null,'OutputPath':'$.i','End':true}}}}}}
        """.replace("BASE", base)), "[1,2,3]");
    DescribeExecutionResponse failed = flows.awaitEnd(arn);
    assertEquals(ExecutionStatus.FAILED, failed.status());
    // one at a time: item 1 succeeded, item 2 failed, item 3 never started
    assertEquals(1, received(base + "-1"));

    sqs.createQueue(b -> b.queueName(prefix + "-2"));
    sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse done = flows.awaitEnd(arn);
    assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.cause());
    assertEquals(JSON.readTree("[0,1,2]"), JSON.readTree(done.output()));
    // item 1 was not sent again
    assertEquals(0, received(base + "-1"));
    assertEquals(1, received(base + "-2"));
    assertEquals(1, received(base + "-3"));
    List<HistoryEvent> events = flows.history(arn);
    List<Long> started = events.stream().filter(e -> e.type() == HistoryEventType.MAP_ITERATION_STARTED)
        .map(e -> (long) e.mapIterationStartedEventDetails().index()).toList();
    assertEquals(List.of(0L, 1L, 1L, 2L), started);
  }

  @Test
  void distributedMapRedrivesItsMapRunAndOnlyTheChildrenThatDidNotSucceed() throws Exception {
    String prefix = Workflows.unique("child");
    String base = laterQueue(prefix);
    sqs.createQueue(b -> b.queueName(prefix + "-1"));
    sqs.createQueue(b -> b.queueName(prefix + "-3"));
    String arn = flows.start(flows.create("""
        {'StartAt':'Each','States':{'Each':{'Type':'Map','MaxConcurrency':1,'End':true,
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
            'StartAt':'Prep','States':{
              'Prep':{'Type':'Pass','Parameters':{'n.$':'$'},'Next':'Send'},
              'Send':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage',
                'Parameters':{'QueueUrl.$':'States.Format(^BASE-{}^, $.n)','MessageBody':'m'},
                'ResultPath':null,'OutputPath':'$.n','End':true}}}}}}
        """.replace("BASE", base)), "[1,2,3]");
    DescribeExecutionResponse failed = flows.awaitEnd(arn);
    assertEquals(ExecutionStatus.FAILED, failed.status());
    assertEquals("States.ExceedToleratedFailureThreshold", failed.error());
    String mapRunArn = sfn.listMapRuns(b -> b.executionArn(arn)).mapRuns().get(0).mapRunArn();
    assertEquals(MapRunStatus.FAILED, sfn.describeMapRun(b -> b.mapRunArn(mapRunArn)).status());
    List<ExecutionListItem> children = sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
    // one at a time: item 1 succeeded, item 2 failed, item 3 never started
    assertEquals(2, children.size());
    String failedChild = children.stream().filter(c -> c.status() == ExecutionStatus.FAILED).findFirst().orElseThrow()
        .executionArn();

    sqs.createQueue(b -> b.queueName(prefix + "-2"));
    sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse done = flows.awaitEnd(arn);
    assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.cause());
    assertEquals(JSON.readTree("[1,2,3]"), JSON.readTree(done.output()));
    // item 1 was sent once, in the first attempt
    assertEquals(1, received(base + "-1"));
    assertEquals(1, received(base + "-2"));
    assertEquals(1, received(base + "-3"));

    // the same Map Run, redriven once; the failed child redriven in place, one new child for item 3
    assertEquals(1, sfn.listMapRuns(b -> b.executionArn(arn)).mapRuns().size());
    DescribeMapRunResponse mapRun = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertEquals(MapRunStatus.SUCCEEDED, mapRun.status());
    assertEquals(1, mapRun.redriveCount());
    assertEquals(3, mapRun.executionCounts().succeeded());
    assertEquals(3, sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions().size());
    DescribeExecutionResponse child = sfn.describeExecution(b -> b.executionArn(failedChild));
    assertEquals(ExecutionStatus.SUCCEEDED, child.status());
    assertEquals(1, child.redriveCount());
    List<HistoryEvent> childEvents = flows.history(failedChild);
    // the child resumes at Send: Prep ran once
    assertEquals(1, entered(childEvents, "Prep"));
    assertEquals(2, entered(childEvents, "Send"));

    List<HistoryEventType> parent = flows.history(arn).stream().map(HistoryEvent::type).toList();
    assertEquals(1, parent.stream().filter(t -> t == HistoryEventType.MAP_RUN_STARTED).count());
    int redriven = parent.indexOf(HistoryEventType.EXECUTION_REDRIVEN);
    assertEquals(List.of(HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.MAP_STATE_ENTERED,
        HistoryEventType.MAP_RUN_REDRIVEN, HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.MAP_STATE_EXITED,
        HistoryEventType.EXECUTION_SUCCEEDED), parent.subList(redriven, parent.size()));
  }

  @Test
  void expressChildrenOfARedrivenMapRunRunAgainAsNewExecutions() throws Exception {
    String prefix = Workflows.unique("express");
    String base = laterQueue(prefix);
    sqs.createQueue(b -> b.queueName(prefix + "-1"));
    String arn = flows.start(flows.create("""
        {'StartAt':'Each','States':{'Each':{'Type':'Map','MaxConcurrency':1,'End':true,
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'},
            'StartAt':'Send','States':{'Send':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage',
              'Parameters':{'QueueUrl.$':'States.Format(^BASE-{}^, $)','MessageBody':'m'},'ResultPath':null,'End':true}}}}}}
        """.replace("BASE", base)), "[1,2]");
    assertEquals(ExecutionStatus.FAILED, flows.awaitEnd(arn).status());
    String mapRunArn = sfn.listMapRuns(b -> b.executionArn(arn)).mapRuns().get(0).mapRunArn();
    String failedChild = sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions().stream()
        .filter(c -> c.status() == ExecutionStatus.FAILED).findFirst().orElseThrow().executionArn();

    sqs.createQueue(b -> b.queueName(prefix + "-2"));
    sfn.redriveExecution(b -> b.executionArn(arn));
    assertEquals(ExecutionStatus.SUCCEEDED, flows.awaitEnd(arn).status());
    // the failed Express child stays as it was; item 2 ran as a third child execution
    assertEquals(ExecutionStatus.FAILED, sfn.describeExecution(b -> b.executionArn(failedChild)).status());
    assertEquals(3, sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions().size());
    assertEquals(1, received(base + "-1"));
    assertEquals(1, received(base + "-2"));
  }
}
