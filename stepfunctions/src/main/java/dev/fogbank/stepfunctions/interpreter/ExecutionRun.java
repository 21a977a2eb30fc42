package dev.fogbank.stepfunctions.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.StateGraph;
import dev.fogbank.stepfunctions.asl.state.Services;
import dev.fogbank.stepfunctions.asl.state.StateRun;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.ExecutionStatus;
import dev.fogbank.stepfunctions.model.History;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A running execution: starts the top-level flow, records ExecutionStarted and the terminal event
 * (ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted), and owns the timers
 * of its states so that a stop cancels them all.
 */
public final class ExecutionRun {

  private final Execution execution;
  private final StateGraph graph;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Executor executor;
  private final Services services;
  private final String account;
  private final String region;
  private final Set<Scheduler.Timer> timers = ConcurrentHashMap.newKeySet();
  private volatile ObjectNode contextExecution;
  private final ObjectNode contextStateMachine;

  public ExecutionRun(Execution execution, StateGraph graph, Clock clock, Scheduler scheduler, Executor executor,
      Services services, String account, String region) {
    this.execution = execution;
    this.graph = graph;
    this.clock = clock;
    this.scheduler = scheduler;
    this.executor = executor;
    this.services = services;
    this.account = account;
    this.region = region;
    this.contextExecution = Json.MAPPER.createObjectNode();
    contextExecution.put("Id", execution.arn());
    contextExecution.set("Input", parse(execution.input()));
    contextExecution.put("Name", execution.name());
    contextExecution.put("RoleArn", execution.roleArn());
    contextExecution.put("StartTime", Instant.ofEpochMilli(execution.startDate()).toString());
    contextExecution.put("RedriveCount", 0);
    this.contextStateMachine = Json.MAPPER.createObjectNode();
    contextStateMachine.put("Id", execution.stateMachineArn());
    contextStateMachine.put("Name", execution.stateMachineName());
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }

  public Execution execution() {
    return execution;
  }

  History history() {
    return execution.history();
  }

  long now() {
    return clock.millis();
  }

  String account() {
    return account;
  }

  String region() {
    return region;
  }

  Services services() {
    return services;
  }

  boolean finished() {
    return execution.status() != ExecutionStatus.RUNNING;
  }

  /** A fresh context object with Execution and StateMachine filled in. */
  ObjectNode contextBase() {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.set("Execution", contextExecution);
    c.set("StateMachine", contextStateMachine);
    return c;
  }

  StateRun.Cancel schedule(long when, Runnable task) {
    Scheduler.Timer[] holder = new Scheduler.Timer[1];
    holder[0] = scheduler.scheduleAt(when, () -> {
      timers.remove(holder[0]);
      if (!finished()) {
        executor.execute(task);
      }
    });
    timers.add(holder[0]);
    return () -> {
      holder[0].cancel();
      timers.remove(holder[0]);
    };
  }

  void async(Runnable work) {
    executor.execute(work);
  }

  /** Records ExecutionStarted and runs the flow from StartAt. */
  public void start() {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("input", execution.input());
    d.putObject("inputDetails").put("truncated", false);
    d.put("roleArn", execution.roleArn());
    if (execution.aliasArn() != null) {
      d.put("stateMachineAliasArn", execution.aliasArn());
    }
    if (execution.versionArn() != null) {
      d.put("stateMachineVersionArn", execution.versionArn());
    }
    long started = history().add(0, "ExecutionStarted", "executionStartedEventDetails", d, now());
    run(started, null, parse(execution.input()), Map.of(), null);
  }

  /** Runs the top-level flow from {@code state} (StartAt when null) under the execution's timeout. */
  private void run(long previousEventId, String state, JsonNode input, Map<String, JsonNode> variables, Flow previous) {
    if (graph.timeoutSeconds() != null) {
      schedule(now() + graph.timeoutSeconds() * 1000, () -> end(ExecutionStatus.TIMED_OUT, null,
          ErrorNames.TIMEOUT, "The execution timed out after " + graph.timeoutSeconds() + " seconds", -1));
    }
    Flow flow = new Flow(this, graph, variables, null, previousEventId, null, outcome -> {
      switch (outcome) {
        case Flow.Succeeded s -> end(ExecutionStatus.SUCCEEDED, s.output().toString(), null, null, -1);
        case Flow.Failed f -> end(ExecutionStatus.FAILED, null, f.error().error(), f.error().cause(), -1);
      }
    });
    this.top = flow;
    if (state == null) {
      flow.start(input);
    } else {
      flow.resume(state, input, previous);
    }
  }

  private volatile long redrivenEventId;

  /**
   * RedriveExecution, first half: the ended execution is RUNNING again and ExecutionRedriven is
   * recorded after its last event. False if it cannot be redriven.
   */
  public synchronized boolean redrive() {
    Flow last = top;
    if (last == null || last.currentState() == null || !execution.redrive(now())) {
      return false;
    }
    ObjectNode ctx = contextExecution.deepCopy();
    ctx.put("RedriveCount", execution.redriveCount());
    contextExecution = ctx;
    ObjectNode d = Json.MAPPER.createObjectNode().put("redriveCount", execution.redriveCount());
    redrivenEventId = history().add(history().size(), "ExecutionRedriven", "executionRedrivenEventDetails", d, now());
    return true;
  }

  /**
   * RedriveExecution, second half: runs again the state that failed, timed out or was running when
   * the execution was stopped, with the input it had then and the variables assigned so far.
   * A Parallel or inline Map state runs again only its branches and iterations that failed or were
   * aborted, each from where it ended; a Distributed Map redrives its Map Run.
   */
  public void resume() {
    Flow last = top;
    run(redrivenEventId, last.currentState(), last.currentInput(), last.variables, last);
  }

  private volatile Flow top;

  /** StopExecution: ExecutionAborted with the given error and cause. */
  public boolean stop(String error, String cause) {
    return end(ExecutionStatus.ABORTED, null, error, cause, -1);
  }

  private boolean end(ExecutionStatus status, String output, String error, String cause, long unused) {
    long last = top == null ? 0 : top.lastEventId.get();
    ObjectNode d = Json.MAPPER.createObjectNode();
    String type;
    String key;
    switch (status) {
      case SUCCEEDED -> {
        type = "ExecutionSucceeded";
        key = "executionSucceededEventDetails";
        d.put("output", output);
        d.putObject("outputDetails").put("truncated", false);
      }
      case FAILED -> {
        type = "ExecutionFailed";
        key = "executionFailedEventDetails";
      }
      case TIMED_OUT -> {
        type = "ExecutionTimedOut";
        key = "executionTimedOutEventDetails";
      }
      default -> {
        type = "ExecutionAborted";
        key = "executionAbortedEventDetails";
      }
    }
    if (status != ExecutionStatus.SUCCEEDED) {
      if (error != null) {
        d.put("error", error);
      }
      if (cause != null) {
        d.put("cause", cause);
      }
    }
    synchronized (this) {
      if (finished()) {
        return false;
      }
      history().add(last, type, key, d, now());
      if (top != null) {
        // a later callback of this flow (a task answering after the stop) must not continue it
        top.abort();
      }
      timers.forEach(Scheduler.Timer::cancel);
      timers.clear();
      return execution.end(status, now(), output, error, cause);
    }
  }
}
