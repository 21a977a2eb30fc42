package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import java.util.function.Consumer;

/** Succeed: ends its flow successfully with its (filtered) input. */
public final class SucceedState extends State {

  public SucceedState(String name, ObjectNode json, QueryLanguage inherited) {
    super(name, json, inherited);
  }

  @Override
  public String type() {
    return "Succeed";
  }

  @Override
  public void execute(StateRun run, Consumer<StateResult> done) {
    guarded(done, () -> done.accept(new StateResult.End(passThrough(this, run))));
  }

  /** Input to output for states without a result: InputPath then OutputPath, or JSONata Output. */
  static com.fasterxml.jackson.databind.JsonNode passThrough(State s, StateRun run) {
    if (s.jsonata()) {
      return s.finish(run, run.input());
    }
    var effective = s.effectiveInput(run);
    var json = s.json;
    if (!json.has("OutputPath")) {
      return effective;
    }
    if (json.get("OutputPath").isNull()) {
      return dev.fogbank.core.protocol.Json.MAPPER.createObjectNode();
    }
    String p = json.get("OutputPath").asText();
    return dev.fogbank.stepfunctions.asl.path.Paths.read(p, scope(run, effective)).orElseThrow(() ->
        dev.fogbank.stepfunctions.asl.StatesError.runtime("Invalid path '" + p + "' : No results for path: " + p));
  }
}
