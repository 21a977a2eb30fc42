package dev.fogbank.stepfunctions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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

/** Distributed Map through the AWS SDK for Java v2: Map Runs, child executions, ItemBatcher, tolerance. */
class DistributedMapIT {

  private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final SfnClient sfn = fogbank.client(SfnClient.builder());

  private String run(String definition, String input) {
    String machine = sfn.createStateMachine(b -> b.name("dmap-" + UUID.randomUUID().toString().substring(0, 8))
        .definition(definition.replace('\'', '"')).roleArn(ROLE)).stateMachineArn();
    return sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
  }

  private DescribeExecutionResponse awaitEnd(String arn) {
    for (int i = 0; i < 20000; i++) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
      if (d.status() != ExecutionStatus.RUNNING) {
        return d;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("execution did not end");
  }

  private List<HistoryEventType> history(String arn) {
    return sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream().map(HistoryEvent::type).toList();
  }

  @Test
  void itemsRunAsChildExecutionsOfAMapRun() {
    String arn = run("""
        {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,'Label':'Doubling',
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
            'StartAt':'D','States':{'D':{'Type':'Pass','Parameters':{'v.$':'States.MathAdd($.n, $.n)'},'End':true}}},
          'End':true}}}
        """, "{\"items\":[{\"n\":1},{\"n\":2},{\"n\":3}]}");
    DescribeExecutionResponse d = awaitEnd(arn);
    assertEquals(ExecutionStatus.SUCCEEDED, d.status());
    assertEquals("[{\"v\":2},{\"v\":4},{\"v\":6}]", d.output());
    // A Distributed Map records the Map Run in the parent's history, the iterations in the children's
    assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.MAP_STATE_ENTERED,
        HistoryEventType.MAP_RUN_STARTED, HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.MAP_STATE_EXITED,
        HistoryEventType.EXECUTION_SUCCEEDED), history(arn));

    var runs = sfn.listMapRuns(b -> b.executionArn(arn)).mapRuns();
    assertEquals(1, runs.size());
    String mapRunArn = runs.get(0).mapRunArn();
    assertTrue(mapRunArn.contains(":mapRun:") && mapRunArn.contains("/Doubling:"), mapRunArn);
    assertEquals(mapRunArn, sfn.getExecutionHistory(b -> b.executionArn(arn)).events().get(2)
        .mapRunStartedEventDetails().mapRunArn());
    DescribeMapRunResponse mr = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertEquals(MapRunStatus.SUCCEEDED, mr.status());
    assertEquals(arn, mr.executionArn());
    assertEquals(2, mr.maxConcurrency());
    assertEquals(3, mr.itemCounts().total());
    assertEquals(3, mr.itemCounts().succeeded());
    assertEquals(3, mr.executionCounts().succeeded());

    List<ExecutionListItem> children = sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
    assertEquals(3, children.size());
    for (ExecutionListItem c : children) {
      assertEquals(ExecutionStatus.SUCCEEDED, c.status());
      DescribeExecutionResponse cd = sfn.describeExecution(b -> b.executionArn(c.executionArn()));
      assertEquals(mapRunArn, cd.mapRunArn());
      assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
          HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED), history(c.executionArn()));
    }
  }

  @Test
  void itemBatcherGroupsItems() {
    String arn = run("""
        {'StartAt':'M','States':{'M':{'Type':'Map',
          'ItemBatcher':{'MaxItemsPerBatch':2,'BatchInput':{'tag.$':'$.tag'}},
          'ItemsPath':'$.items',
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
            'StartAt':'C','States':{'C':{'Type':'Pass',
              'Parameters':{'count.$':'States.ArrayLength($.Items)','tag.$':'$.BatchInput.tag'},'End':true}}},
          'End':true}}}
        """, "{\"tag\":\"t\",\"items\":[1,2,3,4,5]}");
    DescribeExecutionResponse d = awaitEnd(arn);
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    assertEquals("[{\"count\":2,\"tag\":\"t\"},{\"count\":2,\"tag\":\"t\"},{\"count\":1,\"tag\":\"t\"}]", d.output());
  }

  @Test
  void failuresBeyondTheToleranceFailTheMapRun() {
    String def = """
        {'StartAt':'M','States':{'M':{'Type':'Map','ToleratedFailureCount':TOL,'MaxConcurrency':1,
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
            'StartAt':'C','States':{
              'C':{'Type':'Choice','Choices':[{'Variable':'$','NumericLessThan':0,'Next':'F'}],'Default':'S'},
              'F':{'Type':'Fail','Error':'Negative'},'S':{'Type':'Succeed'}}},
          'End':true}}}
        """;
    String tolerated = run(def.replace("TOL", "2"), "[1,-1,2,-2]");
    DescribeExecutionResponse ok = awaitEnd(tolerated);
    assertEquals(ExecutionStatus.SUCCEEDED, ok.status());
    assertTrue(ok.output().contains("\"Error\":\"Negative\""), ok.output());

    String failing = run(def.replace("TOL", "1"), "[1,-1,2,-2,3]");
    DescribeExecutionResponse failed = awaitEnd(failing);
    assertEquals(ExecutionStatus.FAILED, failed.status());
    // The Map Run's error when failures exceed the tolerance (States Language predefined error name)
    assertEquals("States.ExceedToleratedFailureThreshold", failed.error());
    assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.MAP_STATE_ENTERED,
        HistoryEventType.MAP_RUN_STARTED, HistoryEventType.MAP_RUN_FAILED, HistoryEventType.EXECUTION_FAILED),
        history(failing));
    String mapRunArn = sfn.listMapRuns(b -> b.executionArn(failing)).mapRuns().get(0).mapRunArn();
    DescribeMapRunResponse mr = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertEquals(MapRunStatus.FAILED, mr.status());
    assertEquals(2, mr.itemCounts().failed());
  }

  @Test
  void updateMapRunChangesConcurrencyWhileRunning() {
    String arn = run("""
        {'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':1,
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
            'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':60,'End':true}}},
          'End':true}}}
        """, "[1,2,3]");
    String mapRunArn = null;
    for (int i = 0; i < 20000 && mapRunArn == null; i++) {
      var runs = sfn.listMapRuns(b -> b.executionArn(arn)).mapRuns();
      mapRunArn = runs.isEmpty() ? null : runs.get(0).mapRunArn();
    }
    String mr = mapRunArn;
    DescribeMapRunResponse before = sfn.describeMapRun(b -> b.mapRunArn(mr));
    // Nothing ends before virtual time passes the Wait; at most MaxConcurrency (1) child runs
    assertEquals(1, before.maxConcurrency());
    assertEquals(0, before.itemCounts().succeeded());
    assertTrue(before.itemCounts().running() <= 1);
    assertEquals(3, before.itemCounts().running() + before.itemCounts().pending());
    sfn.updateMapRun(b -> b.mapRunArn(mr).maxConcurrency(3).toleratedFailureCount(1L));
    assertEquals(3, sfn.describeMapRun(b -> b.mapRunArn(mr)).maxConcurrency());
    assertEquals(1L, sfn.describeMapRun(b -> b.mapRunArn(mr)).toleratedFailureCount());
    // Children start on their own threads once earlier ones end: keep the virtual clock moving
    // until the execution has ended, however long each child takes to reach its Wait
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (sfn.describeExecution(b -> b.executionArn(arn)).status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
      fogbank.advance(Duration.ofSeconds(60));
    }
    assertEquals(ExecutionStatus.SUCCEEDED, awaitEnd(arn).status());
    assertEquals(MapRunStatus.SUCCEEDED, sfn.describeMapRun(b -> b.mapRunArn(mr)).status());
  }
}
