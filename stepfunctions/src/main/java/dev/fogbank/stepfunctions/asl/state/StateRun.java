package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.asl.path.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One visit of a state inside a running execution, as the state sees it: its raw input, the context
 * object, variables, the history it records into, timers on the virtual clock, and the flows
 * (branches, iterations) it can start.
 */
public interface StateRun extends Scope {

  /** The state's raw input (before InputPath). */
  @Override
  JsonNode input();

  /** The context object {@code $$} for this state (Execution, State, StateMachine, Task, Map). */
  @Override
  ObjectNode context();

  /** Sets {@code $$.Task.Token} for this state. */
  void taskToken(String token);

  /** Sets {@code $$.State.RetryCount}. */
  void retryCount(int count);

  /** The variables visible to this state, by name. */
  Map<String, JsonNode> variables();

  /** Makes these assignments visible to the following states of the flow. */
  void assign(Map<String, JsonNode> values);

  /** Records a history event after this flow's last one and returns its id. */
  long record(String type, String detailsKey, ObjectNode details);

  /** The id of this state's {@code …StateEntered} event. */
  long enteredEventId();

  /** Runs {@code task} after {@code delay} on the virtual clock, off the scheduler thread. */
  Cancel schedule(Duration delay, Runnable task);

  /** Runs {@code task} at epoch millis {@code when}. */
  Cancel scheduleAt(long when, Runnable task);

  /** Runs blocking work (a service call) on a virtual thread, then {@code done} with its result. */
  void async(Runnable work);

  long now();

  /** Whether the execution was stopped or has ended: pending callbacks then do nothing. */
  boolean finished();

  /** The execution's services: integrations, task tokens, child executions. */
  Services services();

  /** The region and account the execution runs in. */
  String region();

  String account();

  /**
   * Runs child flows (Parallel branches, Map iterations) each from its own StartAt with its own input
   * and variable scope; {@code done} receives their outputs in order, or the first failure.
   */
  void runFlows(List<ChildFlow> flows, int maxConcurrency, int toleratedFailures, Consumer<FlowsResult> done);

  /**
   * For a Distributed Map visited again by RedriveExecution: the Map Run its earlier visit started,
   * to redrive instead of starting a new one (asked once); null otherwise.
   */
  default String redrivenMapRun() {
    return null;
  }

  /** Remembers the Map Run this visit started, for a later redrive. */
  default void mapRunStarted(String mapRunArn) {}

  /** A child flow to start. */
  record ChildFlow(dev.fogbank.stepfunctions.asl.StateGraph graph, JsonNode input, ObjectNode mapItem, String iterationName, int index) {}

  /** Outputs of child flows in order; failures counted; {@code failure} set if the flows failed. */
  record FlowsResult(List<JsonNode> outputs, int failedCount, dev.fogbank.stepfunctions.asl.StatesError failure) {}

  interface Cancel {
    void cancel();
  }
}
