package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import java.util.function.Consumer;

/** Pass: passes its input (or its Result, or its Parameters) to its output. */
public final class PassState extends State {

  public PassState(String name, ObjectNode json, QueryLanguage inherited) {
    super(name, json, inherited);
  }

  @Override
  public String type() {
    return "Pass";
  }

  @Override
  public void execute(StateRun run, Consumer<StateResult> done) {
    guarded(done, () -> {
      if (jsonata()) {
        done.accept(transition(finish(run, run.input())));
        return;
      }
      JsonNode result = json.has("Result") ? json.get("Result") : payload(run, effectiveInput(run), "Parameters");
      done.accept(transition(finish(run, result)));
    });
  }
}
