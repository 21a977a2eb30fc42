package dev.fogbank.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.state.Services;
import dev.fogbank.stepfunctions.asl.state.StateRun;
import dev.fogbank.stepfunctions.interpreter.ExecutionRun;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.MapRun;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The Map Runs of Distributed Map states: started with their child executions, and redriven when
 * RedriveExecution takes up a parent that ended in a failed Map Run. A redriven Map Run keeps its
 * ARN, records MapRunRedriven in the parent's history, leaves its succeeded children alone,
 * redrives its failed, timed-out and aborted Standard children (each resumes from the state it
 * ended in), runs its unsuccessful Express children again as new executions, and starts the items
 * never started (https://docs.aws.amazon.com/step-functions/latest/dg/redrive-map-run.html).
 */
final class MapRuns {

  private final SfnEngine engine;
  private final Map<String, MapRunner> runners = new ConcurrentHashMap<>();
  private final Map<Execution, ExecutionRun> childRuns = new ConcurrentHashMap<>();

  MapRuns(SfnEngine engine) {
    this.engine = engine;
  }

  void clear() {
    runners.clear();
    childRuns.clear();
  }

  String start(Services.MapRunSpec spec, StateRun run, Consumer<String> started, Consumer<StateRun.FlowsResult> done) {
    String redriven = run.redrivenMapRun();
    MapRunner previous = redriven == null ? null : runners.get(redriven);
    if (previous != null && previous.mapRun().redrive(engine.clock().millis())) {
      MapRun mapRun = previous.mapRun();
      // Standard children are redriven in place; Express children run again as new executions
      boolean express = spec.processor().json() != null
          && "EXPRESS".equals(spec.processor().json().path("ProcessorConfig").path("ExecutionType").asText());
      MapRunner runner = new MapRunner(mapRun, spec, run, starter(spec, run, mapRun),
          (child, beforeResume) -> !express && redriveChild(child, beforeResume), done, previous);
      runners.put(mapRun.arn(), runner);
      run.mapRunStarted(mapRun.arn());
      ObjectNode d = Json.MAPPER.createObjectNode().put("mapRunArn", mapRun.arn()).put("redriveCount", mapRun.redriveCount());
      run.record("MapRunRedriven", "mapRunRedrivenEventDetails", d);
      started.accept(mapRun.arn());
      runner.start();
      return mapRun.arn();
    }
    String account = run.account();
    String region = run.region();
    JsonNode context = run.context();
    String childMachine = context.path("StateMachine").path("Name").asText() + "/" + spec.label();
    String mapRunArn = "arn:aws:states:" + region + ":" + account + ":mapRun:" + childMachine + ":" + UUID.randomUUID();
    String executionArn = context.path("Execution").path("Id").asText();
    MapRun mapRun = new MapRun(mapRunArn, executionArn, context.path("StateMachine").path("Id").asText(),
        engine.clock().millis(), spec.inputs().size(), spec.maxConcurrency(), spec.toleratedFailureCount(),
        spec.toleratedFailurePercentage());
    SfnState s = engine.state(account, region);
    s.mapRuns.put(mapRunArn, mapRun);
    synchronized (s.mapRunsByExecution) {
      s.mapRunsByExecution.computeIfAbsent(executionArn, k -> new ArrayList<>()).add(mapRun);
    }
    MapRunner runner = new MapRunner(mapRun, spec, run, starter(spec, run, mapRun), this::redriveChild, done, null);
    runners.put(mapRunArn, runner);
    run.mapRunStarted(mapRunArn);
    run.record("MapRunStarted", "mapRunStartedEventDetails", Json.MAPPER.createObjectNode().put("mapRunArn", mapRunArn));
    started.accept(mapRunArn);
    runner.start();
    return mapRunArn;
  }

  /** Starts the child execution of item {@code i}: ARN {@code execution:<machine>/<label>:<id>}. */
  private java.util.function.IntFunction<Execution> starter(Services.MapRunSpec spec, StateRun run, MapRun mapRun) {
    String account = run.account();
    String region = run.region();
    JsonNode context = run.context();
    String childMachine = context.path("StateMachine").path("Name").asText() + "/" + spec.label();
    String roleArn = context.path("Execution").path("RoleArn").asText();
    String definition = spec.processor().json() == null ? "{}" : spec.processor().json().toString();
    SfnState s = engine.state(account, region);
    return i -> {
      String arn = MapRunner.childArn(mapRun.arn());
      Execution child = new Execution(arn, arn.substring(arn.lastIndexOf(':') + 1),
          Arns.stateMachine(region, account, childMachine), childMachine, definition, roleArn, false,
          spec.inputs().get(i).toString(), engine.clock().millis(), null, null);
      child.mapRunArn(mapRun.arn());
      s.executions.put(arn, child);
      mapRun.children().add(child);
      ExecutionRun childRun = engine.newRun(child, spec.processor(), account, region);
      childRuns.put(child, childRun);
      child.stopper(() -> childRun.stop(null, null));
      engine.execute(childRun::start);
      return child;
    };
  }

  /**
   * Redrives a child that did not succeed: RUNNING again with ExecutionRedriven in its history; the
   * caller registers for its end before it resumes. False if it cannot be redriven.
   */
  private boolean redriveChild(Execution child, Runnable beforeResume) {
    ExecutionRun childRun = childRuns.get(child);
    if (childRun == null || !childRun.redrive()) {
      return false;
    }
    beforeResume.run();
    engine.execute(childRun::resume);
    return true;
  }
}
