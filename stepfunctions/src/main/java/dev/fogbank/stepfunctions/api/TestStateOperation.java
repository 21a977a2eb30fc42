package dev.fogbank.stepfunctions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.SfnEngine;
import dev.fogbank.stepfunctions.SfnErrors;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.StateGraph;
import dev.fogbank.stepfunctions.asl.path.Paths;
import dev.fogbank.stepfunctions.asl.path.Scope;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.ExecutionStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TestState: runs one state definition on an input, without a state machine or a recorded execution.
 * The state runs once: a matching Retry gives RETRIABLE (no retry happens), a matching Catch
 * CAUGHT_ERROR with the catcher's Next. Wait states do not wait. inspectionLevel DEBUG adds the
 * JSONPath data-flow stages (input, afterInputPath, afterParameters, result, afterResultSelector,
 * afterResultPath).
 */
public final class TestStateOperation {

  private static final String NAME = "TestState";
  private final SfnEngine engine;

  public TestStateOperation(SfnEngine engine) {
    this.engine = engine;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("TestState", this::test);
  }

  private JsonNode test(RequestContext ctx, ObjectNode in) {
    ObjectNode state = parseState(in.path("definition").asText());
    String type = state.path("Type").asText();
    if (type.equals("Map") || type.equals("Parallel")) {
      throw SfnErrors.validation("TestState does not support " + type + " states");
    }
    String resource = state.path("Resource").asText("");
    if (resource.endsWith(".sync") || resource.contains(".sync:") || resource.endsWith(".waitForTaskToken")
        || resource.contains(":activity:")) {
      throw SfnErrors.validation("TestState does not support the integration pattern of resource " + resource);
    }
    String input = in.path("input").asText("{}");
    JsonNode inputJson;
    try {
      inputJson = Json.MAPPER.readTree(input);
    } catch (JsonProcessingException e) {
      throw SfnErrors.invalidExecutionInput(e.getOriginalMessage());
    }
    if (inputJson == null) {
      throw SfnErrors.invalidExecutionInput("Input must be a JSON text");
    }
    String declaredNext = state.path("Next").asText(null);
    JsonNode retry = state.remove("Retry");
    JsonNode catchers = state.remove("Catch");
    if (type.equals("Wait")) {
      // the state is tested, not waited for
      state.remove(List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath"));
      state.put("Seconds", 0);
    }
    ObjectNode machine = wrap(state);
    String definition = machine.toString();
    StateGraph graph = SfnEngine.parse(definition);
    Execution e = engine.runDetached(ctx.account(), ctx.region(), graph, definition, input,
        in.path("roleArn").asText());

    ObjectNode out = Json.MAPPER.createObjectNode();
    if (e.status() == ExecutionStatus.SUCCEEDED) {
      out.put("status", "SUCCEEDED");
      String exited = exitedOutput(e);
      out.put("output", exited != null ? exited : e.output());
      String next = nextEntered(e);
      if (next != null) {
        out.put("nextState", next);
      } else if (declaredNext != null) {
        out.put("nextState", declaredNext);
      }
    } else {
      String error = e.error() == null ? ErrorNames.RUNTIME : e.error();
      out.put("error", error);
      if (e.cause() != null) {
        out.put("cause", e.cause());
      }
      JsonNode catcher = matching(catchers, error);
      if (matching(retry, error) != null) {
        out.put("status", "RETRIABLE");
      } else if (catcher != null) {
        out.put("status", "CAUGHT_ERROR");
        out.put("nextState", catcher.path("Next").asText());
        ObjectNode errorOutput = Json.MAPPER.createObjectNode().put("Error", error);
        errorOutput.put("Cause", e.cause() == null ? "" : e.cause());
        out.put("output", caughtOutput(catcher, inputJson, errorOutput).toString());
      } else {
        out.put("status", "FAILED");
      }
    }
    String level = in.path("inspectionLevel").asText("INFO");
    if (!level.equals("INFO") && !"JSONata".equals(state.path("QueryLanguage").asText(null))) {
      out.set("inspectionData", inspection(state, inputJson, e));
    }
    return out;
  }

  private static ObjectNode parseState(String text) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw SfnErrors.invalidDefinition("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
          + e.getOriginalMessage() + "'");
    }
    if (n == null || !n.isObject() || !n.has("Type")) {
      throw SfnErrors.invalidDefinition(
          "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field \"Type\" is required at /'");
    }
    return (ObjectNode) n.deepCopy();
  }

  /**
   * A one-state machine around the tested state; the states its transitions name become empty Pass
   * states so that the definition validates and the next state shows in the history.
   */
  private static ObjectNode wrap(ObjectNode state) {
    Set<String> targets = new LinkedHashSet<>();
    if (state.has("Next")) {
      targets.add(state.get("Next").asText());
    }
    if (state.has("Default")) {
      targets.add(state.get("Default").asText());
    }
    state.path("Choices").forEach(c -> collectNext(c, targets));
    targets.remove(NAME);
    ObjectNode machine = Json.MAPPER.createObjectNode();
    if (state.has("QueryLanguage")) {
      machine.put("QueryLanguage", state.get("QueryLanguage").asText());
    }
    machine.put("StartAt", NAME);
    ObjectNode states = machine.putObject("States");
    states.set(NAME, state);
    for (String t : targets) {
      states.putObject(t).put("Type", "Succeed");
    }
    return machine;
  }

  private static void collectNext(JsonNode choice, Set<String> targets) {
    if (choice.has("Next")) {
      targets.add(choice.get("Next").asText());
    }
  }

  private static JsonNode matching(JsonNode rules, String error) {
    if (rules == null) {
      return null;
    }
    for (JsonNode rule : rules) {
      for (JsonNode pattern : rule.path("ErrorEquals")) {
        if (ErrorNames.matches(pattern.asText(), error)) {
          return rule;
        }
      }
    }
    return null;
  }

  /** The Catch output: ResultPath (JSONPath) applied to the state input; JSONata's is the error output. */
  private static JsonNode caughtOutput(JsonNode catcher, JsonNode input, ObjectNode errorOutput) {
    JsonNode resultPath = catcher.get("ResultPath");
    if (resultPath == null) {
      return errorOutput;
    }
    if (resultPath.isNull()) {
      return input;
    }
    try {
      return Paths.reference(resultPath.asText()).write(input.deepCopy(), errorOutput);
    } catch (RuntimeException ex) {
      return errorOutput;
    }
  }

  private static String exitedOutput(Execution e) {
    for (ObjectNode ev : e.history().events()) {
      if (ev.path("type").asText().endsWith("StateExited")
          && NAME.equals(ev.path("stateExitedEventDetails").path("name").asText())) {
        return ev.path("stateExitedEventDetails").path("output").asText();
      }
    }
    return null;
  }

  private static String nextEntered(Execution e) {
    boolean seen = false;
    for (ObjectNode ev : e.history().events()) {
      if (ev.path("type").asText().endsWith("StateEntered")) {
        String n = ev.path("stateEnteredEventDetails").path("name").asText();
        if (seen) {
          return n;
        }
        seen = NAME.equals(n);
      }
    }
    return null;
  }

  /** The JSONPath data-flow stages of the tested state, each as JSON text. */
  private static ObjectNode inspection(ObjectNode state, JsonNode input, Execution e) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("input", input.toString());
    try {
      JsonNode afterInputPath = select(state.get("InputPath"), input);
      d.put("afterInputPath", afterInputPath.toString());
      JsonNode parameters = state.get("Parameters");
      JsonNode afterParameters = parameters == null ? afterInputPath : Paths.template(parameters, scope(afterInputPath));
      d.put("afterParameters", afterParameters.toString());
      JsonNode result = result(state, afterParameters, e);
      if (result == null) {
        return d;
      }
      d.put("result", result.toString());
      JsonNode selector = state.get("ResultSelector");
      JsonNode afterSelector = selector == null ? result : Paths.template(selector, scope(result));
      d.put("afterResultSelector", afterSelector.toString());
      JsonNode resultPath = state.get("ResultPath");
      JsonNode afterResultPath = resultPath == null ? afterSelector
          : resultPath.isNull() ? input : Paths.reference(resultPath.asText()).write(input.deepCopy(), afterSelector);
      d.put("afterResultPath", afterResultPath.toString());
    } catch (RuntimeException ex) {
      // a stage that fails ends the inspection where the state failed
    }
    return d;
  }

  /** The state's result: a Task's service answer, a Pass state's Result (or its parameters). */
  private static JsonNode result(ObjectNode state, JsonNode afterParameters, Execution e) {
    switch (state.path("Type").asText()) {
      case "Pass" -> {
        return state.has("Result") ? state.get("Result") : afterParameters;
      }
      case "Task" -> {
        for (ObjectNode ev : e.history().events()) {
          if (ev.path("type").asText().equals("TaskSucceeded")) {
            try {
              return Json.MAPPER.readTree(ev.path("taskSucceededEventDetails").path("output").asText());
            } catch (JsonProcessingException ex) {
              return null;
            }
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private static JsonNode select(JsonNode path, JsonNode input) {
    if (path == null) {
      return input;
    }
    if (path.isNull()) {
      return Json.MAPPER.createObjectNode();
    }
    return Paths.read(path.asText(), scope(input)).orElseThrow();
  }

  private static Scope scope(JsonNode input) {
    return new Scope() {
      @Override
      public JsonNode input() {
        return input;
      }

      @Override
      public JsonNode context() {
        return Json.MAPPER.createObjectNode();
      }

      @Override
      public JsonNode variable(String name) {
        return null;
      }
    };
  }
}
