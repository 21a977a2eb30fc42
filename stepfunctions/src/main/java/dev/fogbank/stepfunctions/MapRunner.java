package dev.fogbank.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.state.Services;
import dev.fogbank.stepfunctions.asl.state.StateRun;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.ExecutionStatus;
import dev.fogbank.stepfunctions.model.MapRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs a Map Run: each input as a child execution of the ItemProcessor (ARN
 * {@code execution:<machine>/<label>:<id>}), at most the run's MaxConcurrency at once (0: no limit,
 * re-read so that UpdateMapRun applies to children not yet started). The run fails with
 * {@code States.ExceedToleratedFailureThreshold} when failed children exceed the tolerance, and the
 * children still running are aborted. Redriving a run (given the runner of its earlier attempt)
 * keeps the outputs of children that succeeded, redrives the others and starts the items never
 * started.
 */
final class MapRunner {

  private final MapRun mapRun;
  private final Services.MapRunSpec spec;
  private final StateRun parent;
  private final IntFunction<Execution> starter;
  private final BiPredicate<Execution, Runnable> redriver;
  private final Consumer<StateRun.FlowsResult> done;
  private final JsonNode[] outputs;
  /** The child execution of each item, by index. */
  private final Execution[] children;
  private final MapRunner previous;
  private final List<Integer> pending = new ArrayList<>();
  private int next;
  private int running;
  private int ended;
  private boolean settled;

  MapRunner(MapRun mapRun, Services.MapRunSpec spec, StateRun parent, IntFunction<Execution> starter,
      BiPredicate<Execution, Runnable> redriver, Consumer<StateRun.FlowsResult> done, MapRunner previous) {
    this.mapRun = mapRun;
    this.spec = spec;
    this.parent = parent;
    this.starter = starter;
    this.redriver = redriver;
    this.done = done;
    this.previous = previous != null && previous.outputs.length == spec.inputs().size() ? previous : null;
    this.outputs = new JsonNode[spec.inputs().size()];
    this.children = new Execution[spec.inputs().size()];
  }

  MapRun mapRun() {
    return mapRun;
  }

  /** The ARN a child execution gets. */
  static String childArn(String mapRunArn) {
    // mapRun:<machine>/<label>:<id> → execution:<machine>/<label>:<child id>
    String base = mapRunArn.substring(0, mapRunArn.lastIndexOf(':')).replace(":mapRun:", ":execution:");
    return base + ":" + UUID.randomUUID();
  }

  void start() {
    synchronized (this) {
      for (int i = 0; i < outputs.length; i++) {
        Execution before = previous == null ? null : previous.children[i];
        if (before != null && before.status() == ExecutionStatus.SUCCEEDED) {
          children[i] = before;
          outputs[i] = parse(before.output());
          ended++;
        } else {
          children[i] = before;
          pending.add(i);
        }
      }
    }
    if (pending.isEmpty()) {
      settle(null);
      return;
    }
    pump();
  }

  private void pump() {
    while (true) {
      int index;
      synchronized (this) {
        int max = mapRun.maxConcurrency() <= 0 ? Integer.MAX_VALUE : mapRun.maxConcurrency();
        if (settled || next >= pending.size() || running >= max) {
          return;
        }
        index = pending.get(next++);
        running++;
      }
      Execution before = children[index];
      if (before != null && redriver.test(before, () -> before.onEnd(e -> childEnded(index, e)))) {
        continue;
      }
      Execution child = starter.apply(index);
      synchronized (this) {
        children[index] = child;
      }
      child.onEnd(e -> childEnded(index, e));
    }
  }

  private void childEnded(int index, Execution child) {
    boolean exceeded = mapRun.childEnded(child.status());
    boolean all;
    synchronized (this) {
      running--;
      ended++;
      if (child.status() == ExecutionStatus.SUCCEEDED) {
        outputs[index] = parse(child.output());
      } else {
        ObjectNode err = Json.MAPPER.createObjectNode();
        err.put("Error", child.error());
        err.put("Cause", child.cause());
        outputs[index] = err;
      }
      all = ended == outputs.length;
    }
    if (parent.finished()) {
      abortChildren();
      mapRun.end("ABORTED", parent.now());
      return;
    }
    if (exceeded) {
      settle(new StatesError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
          "The specified tolerated failure threshold was exceeded"));
    } else if (all) {
      settle(null);
    } else {
      pump();
    }
  }

  private void abortChildren() {
    for (Execution c : mapRun.children()) {
      Runnable stopper = c.stopper();
      if (c.status() == ExecutionStatus.RUNNING && stopper != null) {
        stopper.run();
      }
    }
  }

  private void settle(StatesError failure) {
    synchronized (this) {
      if (settled) {
        return;
      }
      settled = true;
    }
    if (failure != null) {
      abortChildren();
    }
    mapRun.end(failure == null ? "SUCCEEDED" : "FAILED", parent.now());
    done.accept(new StateRun.FlowsResult(Arrays.asList(outputs), 0, failure));
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }
}
