package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import dev.fogbank.stepfunctions.asl.StateGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parallel: runs every branch with the same input; the result is the array of the branches'
 * outputs in branch order. A branch's unhandled error fails the state with that error.
 */
public final class ParallelState extends RetryingState {

  private final List<StateGraph> branches;

  public ParallelState(String name, ObjectNode json, QueryLanguage inherited, List<StateGraph> branches) {
    super(name, json, inherited);
    this.branches = branches;
  }

  @Override
  public String type() {
    return "Parallel";
  }

  public List<StateGraph> branches() {
    return branches;
  }

  @Override
  protected void attempt(StateRun run, Consumer<StateResult> done) {
    guarded(done, () -> {
      JsonNode input = payload(run, effectiveInput(run), "Parameters");
      run.record("ParallelStateStarted", null, null);
      List<StateRun.ChildFlow> flows = new ArrayList<>();
      for (StateGraph b : branches) {
        flows.add(new StateRun.ChildFlow(b, input, null, null, 0));
      }
      run.runFlows(flows, 0, 0, r -> {
        if (r.failure() != null) {
          run.record("ParallelStateFailed", null, null);
          done.accept(new StateResult.Failed(r.failure()));
          return;
        }
        run.record("ParallelStateSucceeded", null, null);
        ArrayNode out = Json.MAPPER.createArrayNode();
        r.outputs().forEach(out::add);
        guarded(done, () -> done.accept(transition(finish(run, out))));
      });
    });
  }
}
