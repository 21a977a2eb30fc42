package dev.fogbank.stepfunctions.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.state.MapState;
import dev.fogbank.stepfunctions.asl.state.StateRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Parallel branches or Map iterations of one state, at most {@code maxConcurrency} running at once
 * (0: all). Map iterations record MapIterationStarted/Succeeded/Failed. The first failure beyond
 * the tolerated count aborts the others and fails the state.
 *
 * <p>Redriven (RedriveExecution of an execution that ended in this state), the children that
 * succeeded before keep their outputs and do not run again; those that failed or were aborted
 * resume from the state they ended in, and those never started start now, as AWS redrives "only
 * the iterations and branches that failed or aborted".
 */
final class ChildFlows {

  private final Flow parent;
  private final List<StateRun.ChildFlow> children;
  private final int maxConcurrency;
  private final int tolerated;
  private final Consumer<StateRun.FlowsResult> done;
  private final JsonNode[] outputs;
  /** The flow of each child started, by index; what a later redrive takes up. */
  private final Flow[] flows;
  private final boolean[] succeeded;
  private final ChildFlows previous;
  private final List<Integer> pending = new ArrayList<>();
  private final List<Flow> running = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger draining = new AtomicInteger();
  private final AtomicBoolean settled = new AtomicBoolean();
  private final long startEventId;

  ChildFlows(Flow parent, List<StateRun.ChildFlow> children, int maxConcurrency, int tolerated,
      Consumer<StateRun.FlowsResult> done, ChildFlows previous) {
    this.parent = parent;
    this.children = children;
    this.maxConcurrency = maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency;
    this.tolerated = tolerated;
    this.done = done;
    this.outputs = new JsonNode[children.size()];
    this.flows = new Flow[children.size()];
    this.succeeded = new boolean[children.size()];
    this.previous = previous != null && previous.children.size() == children.size() ? previous : null;
    this.startEventId = parent.lastEventId.get();
  }

  void start() {
    for (int i = 0; i < children.size(); i++) {
      if (previous != null && previous.succeeded[i]) {
        outputs[i] = previous.outputs[i];
        succeeded[i] = true;
        finished.incrementAndGet();
      } else {
        pending.add(i);
      }
    }
    if (pending.isEmpty()) {
      settle(null);
      return;
    }
    launch();
  }

  /** Starts children while slots are free; re-entrant calls just ask the running loop to go on. */
  private void launch() {
    if (draining.getAndIncrement() > 0) {
      return;
    }
    do {
      while (!settled.get() && next.get() < pending.size() && inFlight.get() < maxConcurrency) {
        int i = pending.get(next.getAndIncrement());
        inFlight.incrementAndGet();
        startChild(i);
      }
    } while (draining.decrementAndGet() > 0);
  }

  private void startChild(int i) {
    StateRun.ChildFlow c = children.get(i);
    long previous = startEventId;
    Flow[] holder = new Flow[1];
    if (c.iterationName() != null) {
      ObjectNode d = Json.MAPPER.createObjectNode().put("name", c.iterationName()).put("index", c.index());
      previous = parent.execution.history().add(startEventId, "MapIterationStarted", "mapIterationStartedEventDetails", d,
          parent.execution.now());
    }
    Flow child = new Flow(parent.execution, c.graph(), parent.variables, c.mapItem(), previous, parent,
        outcome -> finishChild(i, c, holder[0], outcome));
    holder[0] = child;
    flows[i] = child;
    synchronized (running) {
      running.add(child);
    }
    Flow before = this.previous == null ? null : this.previous.flows[i];
    if (before != null && before.currentState() != null) {
      child.variables.putAll(before.variables);
      child.resume(before.currentState(), before.currentInput(), before);
    } else {
      child.start(c.input());
    }
  }

  private void finishChild(int i, StateRun.ChildFlow c, Flow child, Flow.Outcome outcome) {
    if (c.iterationName() != null) {
      String type = outcome instanceof Flow.Succeeded ? "MapIterationSucceeded" : "MapIterationFailed";
      String key = outcome instanceof Flow.Succeeded ? "mapIterationSucceededEventDetails" : "mapIterationFailedEventDetails";
      ObjectNode d = Json.MAPPER.createObjectNode().put("name", c.iterationName()).put("index", c.index());
      child.record(type, key, d);
    }
    synchronized (parent.lastEventId) {
      parent.lastEventId.accumulateAndGet(child.lastEventId.get(), Math::max);
    }
    switch (outcome) {
      case Flow.Succeeded s -> {
        outputs[i] = s.output();
        succeeded[i] = true;
      }
      case Flow.Failed f -> {
        int n = failed.incrementAndGet();
        ObjectNode err = Json.MAPPER.createObjectNode();
        err.put("Error", f.error().error());
        err.put("Cause", f.error().cause());
        outputs[i] = err;
        if (n > tolerated) {
          settle(tolerated >= 0 && c.iterationName() != null && tolerated > 0 ? MapState.exceeded() : f.error());
          return;
        }
      }
    }
    inFlight.decrementAndGet();
    if (finished.incrementAndGet() == children.size()) {
      settle(null);
    } else {
      launch();
    }
  }

  private void settle(StatesError failure) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    if (failure != null) {
      synchronized (running) {
        running.forEach(Flow::abort);
      }
    }
    done.accept(new StateRun.FlowsResult(Arrays.asList(outputs), failed.get(), failure));
  }
}
