package dev.fogbank.stepfunctions.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.StateGraph;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.state.State;
import dev.fogbank.stepfunctions.asl.state.StateResult;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One thread of control through a {@link StateGraph}: the whole execution, a Parallel branch or a
 * Map iteration. It records each state's Entered and Exited events and moves to the next state.
 * States that finish at once are run in a loop (no stack grows with the number of transitions);
 * states that finish later (Wait, Task) continue the loop from their callback's thread.
 */
final class Flow {

  private static final Set<String> DATA_FLOW_ERRORS = Set.of(ErrorNames.RUNTIME, ErrorNames.RESULT_PATH_MATCH_FAILURE,
      ErrorNames.PARAMETER_PATH_FAILURE, ErrorNames.INTRINSIC_FAILURE, ErrorNames.QUERY_EVALUATION_ERROR);

  /** How a flow ended. */
  sealed interface Outcome {}

  record Succeeded(JsonNode output) implements Outcome {}

  record Failed(StatesError error) implements Outcome {}

  final ExecutionRun execution;
  final StateGraph graph;
  final Map<String, JsonNode> variables;
  final ObjectNode mapItem;
  final AtomicLong lastEventId;
  private final Consumer<Outcome> done;
  private final Flow parent;
  private volatile boolean aborted;

  Flow(ExecutionRun execution, StateGraph graph, Map<String, JsonNode> inherited, ObjectNode mapItem, long lastEventId,
      Flow parent, Consumer<Outcome> done) {
    this.execution = execution;
    this.graph = graph;
    this.variables = new ConcurrentHashMap<>(inherited);
    this.mapItem = mapItem;
    this.lastEventId = new AtomicLong(lastEventId);
    this.parent = parent;
    this.done = done;
  }

  void abort() {
    aborted = true;
  }

  boolean aborted() {
    return aborted || (parent != null && parent.aborted()) || execution.finished();
  }

  long record(String type, String key, ObjectNode details) {
    synchronized (lastEventId) {
      long id = execution.history().add(lastEventId.get(), type, key, details, execution.now());
      lastEventId.set(id);
      return id;
    }
  }

  void start(JsonNode input) {
    run(graph.startAt(), input);
  }

  /**
   * Runs the flow from {@code state} (a redrive); {@code previous} is the flow that ended there, whose
   * branches, iterations or Map Run the state takes up again instead of starting over.
   */
  void resume(String state, JsonNode input, Flow previous) {
    redriveSource = previous;
    run(state, input);
  }

  /** The flow a redriven state's first visit takes its children from; cleared once used. */
  private volatile Flow redriveSource;
  /** The branches or inline Map iterations the current state started last, for a later redrive. */
  volatile ChildFlows lastChildFlows;
  /** The Map Run the current state started last, for a later redrive. */
  volatile String lastMapRun;

  private volatile String currentState;
  private volatile JsonNode currentInput;

  /** The state last entered (the one that failed or was running when the execution ended). */
  String currentState() {
    return currentState;
  }

  JsonNode currentInput() {
    return currentInput;
  }

  private void run(String first, JsonNode firstInput) {
    String name = first;
    JsonNode input = firstInput;
    while (true) {
      if (aborted()) {
        return;
      }
      State state = graph.state(name);
      currentState = name;
      currentInput = input;
      lastChildFlows = null;
      lastMapRun = null;
      Flow source = redriveSource;
      redriveSource = null;
      ObjectNode entered = Json.MAPPER.createObjectNode();
      entered.put("name", name);
      entered.put("input", input.toString());
      entered.putObject("inputDetails").put("truncated", false);
      long enteredId = record(state.type() + "StateEntered", "stateEnteredEventDetails", entered);
      Visit visit = new Visit(this, state, input, enteredId, source);
      Handoff handoff = new Handoff(state, visit);
      try {
        state.execute(visit, handoff::complete);
      } catch (RuntimeException e) {
        handoff.complete(new StateResult.Failed(new StatesError(ErrorNames.RUNTIME, String.valueOf(e.getMessage()))));
      }
      StateResult result = handoff.takeIfDone();
      if (result == null) {
        return;
      }
      StateResult.Next next = after(state, visit, result);
      if (next == null) {
        return;
      }
      name = next.state();
      input = next.output();
    }
  }

  /** Records the state's exit and returns the transition to follow, or null when the flow ended. */
  private StateResult.Next after(State state, Visit visit, StateResult result) {
    if (aborted()) {
      return null;
    }
    switch (result) {
      case StateResult.Failed f -> {
        StatesError e = f.error();
        if (DATA_FLOW_ERRORS.contains(e.error()) && e.cause() != null && !e.cause().startsWith("An error occurred")) {
          e = new StatesError(e.error(), "An error occurred while executing the state '" + state.name()
              + "' (entered at the event id #" + visit.enteredEventId() + "). " + e.cause());
        }
        done.accept(new Failed(e));
        return null;
      }
      case StateResult.Next n -> {
        exited(state, n.output());
        return n;
      }
      case StateResult.End end -> {
        exited(state, end.output());
        done.accept(new Succeeded(end.output()));
        return null;
      }
    }
  }

  private void exited(State state, JsonNode output) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("name", state.name());
    d.put("output", output.toString());
    d.putObject("outputDetails").put("truncated", false);
    record(state.type() + "StateExited", "stateExitedEventDetails", d);
  }

  /**
   * Passes a state's result back to the loop if it arrives while the state is still executing, or
   * continues the flow from the callback's thread if it arrives later.
   */
  private final class Handoff {
    private static final int RUNNING = 0;
    private static final int DONE_SYNC = 1;
    private static final int WENT_ASYNC = 2;
    private final State state;
    private final Visit visit;
    private final AtomicInteger phase = new AtomicInteger(RUNNING);
    private volatile StateResult result;
    private final AtomicInteger calls = new AtomicInteger();

    Handoff(State state, Visit visit) {
      this.state = state;
      this.visit = visit;
    }

    void complete(StateResult r) {
      if (calls.getAndIncrement() > 0) {
        return;
      }
      result = r;
      if (!phase.compareAndSet(RUNNING, DONE_SYNC)) {
        StateResult.Next next = after(state, visit, r);
        if (next != null) {
          run(next.state(), next.output());
        }
      }
    }

    StateResult takeIfDone() {
      if (phase.compareAndSet(RUNNING, WENT_ASYNC)) {
        return null;
      }
      return result;
    }
  }
}
