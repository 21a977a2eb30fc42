package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.Jsonata;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.path.JsonPath;
import dev.fogbank.stepfunctions.asl.path.Paths;
import dev.fogbank.stepfunctions.asl.path.Scope;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A state of the States Language. Subclasses implement one state type each; this class holds the
 * fields every type shares and the data flow of both query languages: JSONPath (InputPath,
 * Parameters, ResultSelector, ResultPath, OutputPath, Assign) and JSONata (Arguments, Output,
 * Assign with {@code $states}).
 */
public abstract class State {

  protected final String name;
  protected final ObjectNode json;
  protected final QueryLanguage language;
  protected final String next;
  protected final boolean end;

  protected State(String name, ObjectNode json, QueryLanguage inherited) {
    this.name = name;
    this.json = json;
    this.language = QueryLanguage.of(text(json, "QueryLanguage"), inherited);
    this.next = text(json, "Next");
    this.end = json.path("End").asBoolean(false);
  }

  static String text(JsonNode json, String field) {
    JsonNode v = json.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  public String name() {
    return name;
  }

  public abstract String type();

  public String next() {
    return next;
  }

  public boolean end() {
    return end;
  }

  public QueryLanguage language() {
    return language;
  }

  public ObjectNode json() {
    return json;
  }

  /** Runs the state on {@code run.input()}; calls {@code done} exactly once, now or later. */
  public abstract void execute(StateRun run, Consumer<StateResult> done);

  protected boolean jsonata() {
    return language == QueryLanguage.JSONata;
  }

  /** A scope whose {@code $} is {@code input}, with the run's context object and variables. */
  protected static Scope scope(StateRun run, JsonNode input) {
    return new Scope() {
      @Override
      public JsonNode input() {
        return input;
      }

      @Override
      public JsonNode context() {
        return run.context();
      }

      @Override
      public JsonNode variable(String name) {
        return run.variables().get(name);
      }
    };
  }

  /** The bindings of a JSONata expression: {@code $states} and every variable. */
  protected static Map<String, JsonNode> bindings(StateRun run, JsonNode result, JsonNode errorOutput) {
    Map<String, JsonNode> b = new HashMap<>(run.variables());
    ObjectNode states = Json.MAPPER.createObjectNode();
    states.set("input", run.input());
    states.set("context", run.context());
    if (result != null) {
      states.set("result", result);
    }
    if (errorOutput != null) {
      states.set("errorOutput", errorOutput);
    }
    b.put("states", states);
    return b;
  }

  /** InputPath (JSONPath): {@code $} by default, {@code null} gives {@code {}}. */
  protected JsonNode effectiveInput(StateRun run) {
    if (jsonata()) {
      return run.input();
    }
    return select(run, "InputPath", run.input());
  }

  private JsonNode select(StateRun run, String field, JsonNode from) {
    JsonNode path = json.get(field);
    if (path == null) {
      return from;
    }
    if (path.isNull()) {
      return Json.MAPPER.createObjectNode();
    }
    String p = path.asText();
    return Paths.read(p, scope(run, from)).orElseThrow(() -> StatesError.runtime(
        "Invalid path '" + p + "' : No results for path: " + p));
  }

  /** Parameters (JSONPath, {@code fieldName}) or Arguments (JSONata) applied to the effective input. */
  protected JsonNode payload(StateRun run, JsonNode effective, String fieldName) {
    if (jsonata()) {
      JsonNode args = json.get("Arguments");
      return args == null ? effective : Jsonata.evaluate(args, bindings(run, null, null));
    }
    JsonNode template = json.get(fieldName);
    return template == null ? effective : Paths.template(template, scope(run, effective));
  }

  /**
   * From a state's result to its output: ResultSelector, Assign, ResultPath, OutputPath (JSONPath)
   * or Assign and Output (JSONata, the result by default). {@code resultDefault} tells whether the
   * output defaults to the result (Task, Parallel, Map, Pass) or to the input.
   */
  protected JsonNode finish(StateRun run, JsonNode result) {
    if (jsonata()) {
      Map<String, JsonNode> b = bindings(run, result, null);
      JsonNode out = json.has("Output") ? Jsonata.evaluate(json.get("Output"), b) : result;
      assign(run, json.get("Assign"), b, null);
      return out == null ? Json.MAPPER.nullNode() : out;
    }
    JsonNode selected = result;
    JsonNode selector = json.get("ResultSelector");
    if (selector != null) {
      selected = Paths.template(selector, scope(run, result));
    }
    assign(run, json.get("Assign"), null, selected);
    JsonNode withResult = applyResultPath(run, json.get("ResultPath"), run.input(), selected);
    return select(run, "OutputPath", withResult);
  }

  /** ResultPath: {@code $} by default (the result replaces the input), {@code null} keeps the input. */
  protected static JsonNode applyResultPath(StateRun run, JsonNode resultPath, JsonNode input, JsonNode result) {
    if (resultPath == null) {
      return result;
    }
    if (resultPath.isNull()) {
      return input;
    }
    String p = resultPath.asText();
    JsonPath path = Paths.reference(p);
    try {
      return path.write(input, result);
    } catch (IllegalStateException e) {
      throw new StatesError(ErrorNames.RESULT_PATH_MATCH_FAILURE,
          "Unable to apply ReferencePath " + p + " to input " + input);
    }
  }

  /**
   * Evaluates an Assign block and makes its variables visible to the following states. JSONPath:
   * {@code .$} keys read from {@code $} = the state result; JSONata: {@code {% %}} strings.
   */
  protected static void assign(StateRun run, JsonNode assign, Map<String, JsonNode> bindings, JsonNode result) {
    if (assign == null || !assign.isObject()) {
      return;
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = assign.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (bindings != null) {
        JsonNode v = Jsonata.evaluate(e.getValue(), bindings);
        values.put(key, v == null ? Json.MAPPER.nullNode() : v);
      } else if (key.endsWith(".$") && e.getValue().isTextual()) {
        values.put(key.substring(0, key.length() - 2), Paths.evaluate(key, e.getValue().asText(), scope(run, result)));
      } else {
        values.put(key, Paths.template(e.getValue(), scope(run, result)));
      }
    }
    run.assign(values);
  }

  /** The transition after this state: Next, or the end of the flow. */
  protected StateResult transition(JsonNode output) {
    return end || next == null ? new StateResult.End(output) : new StateResult.Next(next, output);
  }

  /** Runs {@code body}, turning a data-flow error into a failed result. */
  protected static void guarded(Consumer<StateResult> done, Runnable body) {
    try {
      body.run();
    } catch (StatesError e) {
      done.accept(new StateResult.Failed(e));
    }
  }
}
