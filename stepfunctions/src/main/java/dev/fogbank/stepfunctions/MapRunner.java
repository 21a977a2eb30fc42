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
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a Map Run: each input as a child execution of the ItemProcessor (ARN
 * {@code execution:<machine>/<label>:<id>}), at most the run's MaxConcurrency at once (0: no limit,
 * re-read so that UpdateMapRun applies to children not yet started). The run fails with
 * {@code States.ExceedToleratedFailureThreshold} when failed children exceed the tolerance, and the
 * children still running are aborted.
 */
final class MapRunner {

  private final MapRun mapRun;
  private final Services.MapRunSpec spec;
  private final StateRun parent;
  private final Function<Integer, Execution> starter;
  private final Consumer<StateRun.FlowsResult> done;
  private final JsonNode[] outputs;
  private int next;
  private int running;
  private int ended;
  private boolean settled;

  MapRunner(MapRun mapRun, Services.MapRunSpec spec, StateRun parent, Function<Integer, Execution> starter,
      Consumer<StateRun.FlowsResult> done) {
    this.mapRun = mapRun;
    this.spec = spec;
    this.parent = parent;
    this.starter = starter;
    this.done = done;
    this.outputs = new JsonNode[spec.inputs().size()];
  }

  /** The ARN a child execution gets. */
  static String childArn(String mapRunArn) {
    // mapRun:<machine>/<label>:<id> → execution:<machine>/<label>:<child id>
    String base = mapRunArn.substring(0, mapRunArn.lastIndexOf(':')).replace(":mapRun:", ":execution:");
    return base + ":" + UUID.randomUUID();
  }

  void start() {
    if (spec.inputs().isEmpty()) {
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
        if (settled || next >= outputs.length || running >= max) {
          return;
        }
        index = next++;
        running++;
      }
      Execution child = starter.apply(index);
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
