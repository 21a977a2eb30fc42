package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.Jsonata;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import dev.fogbank.stepfunctions.asl.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A state that can fail and recover: Task, Parallel, Map. Each attempt runs {@link #attempt}; an
 * error is matched against the Retriers in order (the first match decides: retry after its delay,
 * or give up when its MaxAttempts are spent), then against the Catchers.
 */
public abstract class RetryingState extends State {

  protected final List<Retrier> retriers = new ArrayList<>();
  protected final List<Catcher> catchers = new ArrayList<>();

  protected RetryingState(String name, ObjectNode json, QueryLanguage inherited) {
    super(name, json, inherited);
    json.path("Retry").forEach(r -> retriers.add(Retrier.parse(r)));
    json.path("Catch").forEach(c -> catchers.add(Catcher.parse(c)));
  }

  public List<Catcher> catchers() {
    return catchers;
  }

  /** One attempt of the state's work; calls {@code done} once. */
  protected abstract void attempt(StateRun run, Consumer<StateResult> done);

  @Override
  public final void execute(StateRun run, Consumer<StateResult> done) {
    int[] attempts = new int[retriers.size()];
    run(run, attempts, 0, done);
  }

  private void run(StateRun run, int[] attempts, int retryCount, Consumer<StateResult> done) {
    run.retryCount(retryCount);
    attempt(run, result -> {
      if (!(result instanceof StateResult.Failed failed) || run.finished()) {
        done.accept(result);
        return;
      }
      StatesError error = failed.error();
      for (int i = 0; i < retriers.size(); i++) {
        Retrier r = retriers.get(i);
        if (r.matches(error.error())) {
          if (attempts[i] < r.maxAttempts()) {
            attempts[i]++;
            run.schedule(r.delay(attempts[i]), () -> run(run, attempts, retryCount + 1, done));
            return;
          }
          break;
        }
      }
      for (Catcher c : catchers) {
        if (c.matches(error.error())) {
          guarded(done, () -> done.accept(caught(run, c, error)));
          return;
        }
      }
      done.accept(result);
    });
  }

  private StateResult caught(StateRun run, Catcher c, StatesError error) {
    ObjectNode errorOutput = Json.MAPPER.createObjectNode();
    errorOutput.put("Error", error.error());
    errorOutput.put("Cause", error.cause());
    JsonNode output;
    if (jsonata()) {
      var b = bindings(run, null, errorOutput);
      output = c.json().has("Output") ? Jsonata.evaluate(c.json().get("Output"), b) : errorOutput;
      assign(run, c.json().get("Assign"), b, null);
    } else {
      assign(run, c.json().get("Assign"), null, errorOutput);
      output = applyResultPath(run, c.json().get("ResultPath"), run.input(), errorOutput);
    }
    return new StateResult.Next(c.next(), output);
  }
}
