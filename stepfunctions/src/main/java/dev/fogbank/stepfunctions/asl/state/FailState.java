package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.asl.Jsonata;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.path.Paths;
import java.util.function.Consumer;

/** Fail: ends its flow with Error and Cause (or ErrorPath/CausePath, or JSONata expressions). */
public final class FailState extends State {

  public FailState(String name, ObjectNode json, QueryLanguage inherited) {
    super(name, json, inherited);
  }

  @Override
  public String type() {
    return "Fail";
  }

  @Override
  public void execute(StateRun run, Consumer<StateResult> done) {
    guarded(done, () -> {
      String error = value(run, "Error", "ErrorPath");
      String cause = value(run, "Cause", "CausePath");
      done.accept(new StateResult.Failed(new StatesError(error, cause)));
    });
  }

  private String value(StateRun run, String field, String pathField) {
    JsonNode v = json.get(field);
    if (v != null && jsonata() && Jsonata.isExpression(v)) {
      JsonNode r = Jsonata.expression(v.asText(), bindings(run, null, null));
      return r == null ? null : r.isTextual() ? r.asText() : r.toString();
    }
    if (v != null) {
      return v.asText();
    }
    JsonNode p = json.get(pathField);
    if (p != null) {
      JsonNode r = Paths.evaluate(pathField, p.asText(), scope(run, run.input()));
      return r.isTextual() ? r.asText() : r.toString();
    }
    return null;
  }
}
