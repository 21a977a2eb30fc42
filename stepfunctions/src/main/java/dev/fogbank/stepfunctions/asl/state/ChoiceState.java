package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.Jsonata;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.choice.ChoiceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Choice: the first rule that matches names the next state, else Default, else {@code
 * States.NoChoiceMatched}. JSONata rules are a {@code Condition} expression.
 */
public final class ChoiceState extends State {

  private record Branch(ChoiceRule rule, JsonNode condition, String next, JsonNode json) {}

  private final List<Branch> branches = new ArrayList<>();
  private final String defaultState;

  public ChoiceState(String name, ObjectNode json, QueryLanguage inherited) {
    super(name, json, inherited);
    for (JsonNode c : json.path("Choices")) {
      ChoiceRule rule = jsonata() ? null : ChoiceRule.parse(c);
      branches.add(new Branch(rule, c.get("Condition"), c.path("Next").asText(null), c));
    }
    this.defaultState = text(json, "Default");
  }

  @Override
  public String type() {
    return "Choice";
  }

  public String defaultState() {
    return defaultState;
  }

  public List<String> targets() {
    List<String> t = new ArrayList<>();
    branches.forEach(b -> t.add(b.next));
    return t;
  }

  @Override
  public void execute(StateRun run, Consumer<StateResult> done) {
    guarded(done, () -> {
      JsonNode effective = effectiveInput(run);
      for (Branch b : branches) {
        boolean match;
        if (jsonata()) {
          JsonNode c = Jsonata.isExpression(b.condition) ? Jsonata.expression(b.condition.asText(), bindings(run, null, null)) : b.condition;
          if (c == null || !c.isBoolean()) {
            throw new StatesError(ErrorNames.QUERY_EVALUATION_ERROR,
                "The Condition field of the choice rule must evaluate to a boolean, but was " + c);
          }
          match = c.asBoolean();
        } else {
          match = b.rule.test(scope(run, effective));
        }
        if (match) {
          done.accept(new StateResult.Next(b.next, output(run, b.json)));
          return;
        }
      }
      if (defaultState != null) {
        done.accept(new StateResult.Next(defaultState, output(run, json)));
        return;
      }
      // AWS's cause for an unmatched Choice without Default
      done.accept(new StateResult.Failed(new StatesError(ErrorNames.NO_CHOICE_MATCHED, "No Matches!")));
    });
  }

  /** The output after a match: the rule's Assign/Output (JSONata) or InputPath/OutputPath. */
  private JsonNode output(StateRun run, JsonNode rule) {
    if (jsonata()) {
      var b = bindings(run, null, null);
      JsonNode out = rule.has("Output") ? Jsonata.evaluate(rule.get("Output"), b)
          : json.has("Output") ? Jsonata.evaluate(json.get("Output"), b) : run.input();
      assign(run, rule.get("Assign"), b, null);
      return out;
    }
    assign(run, rule.get("Assign"), null, run.input());
    return SucceedState.passThrough(this, run);
  }
}
