package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.Jsonata;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import dev.fogbank.stepfunctions.asl.StateGraph;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.path.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Map: runs its ItemProcessor (Iterator) once per item of ItemsPath (JSONata: Items), each item
 * shaped by ItemSelector (Parameters) with {@code $$.Map.Item.Index/Value}, at most MaxConcurrency
 * at a time (0 = no limit). The result is the array of iteration outputs in item order.
 * ToleratedFailureCount/Percentage let iterations fail up to a threshold; beyond it the state fails
 * with {@code States.ExceedToleratedFailureThreshold}. A Distributed Map may read its items from S3
 * (ItemReader) and export its results to S3 (ResultWriter).
 */
public final class MapState extends RetryingState {

  private final StateGraph processor;

  public MapState(String name, ObjectNode json, QueryLanguage inherited, StateGraph processor) {
    super(name, json, inherited);
    this.processor = processor;
  }

  @Override
  public String type() {
    return "Map";
  }

  public StateGraph processor() {
    return processor;
  }

  @Override
  protected void attempt(StateRun run, Consumer<StateResult> done) {
    guarded(done, () -> {
      JsonNode effective = effectiveInput(run);
      if (json.has("ItemReader")) {
        // the items come from S3: read them off the interpreter's thread, then run them
        JsonNode reader = json.get("ItemReader");
        JsonNode parameters = nested(run, effective, reader);
        long max = maxItems(run, effective, reader.path("ReaderConfig"));
        run.async(() -> guarded(done, () -> {
          JsonNode items = run.services().readItems(reader.path("Resource").asText(), reader.path("ReaderConfig"),
              parameters, max, run);
          iterate(run, effective, items, done);
        }));
        return;
      }
      iterate(run, effective, items(run, effective), done);
    });
  }

  private void iterate(StateRun run, JsonNode effective, JsonNode items, Consumer<StateResult> done) {
    guarded(done, () -> {
      if (!items.isArray()) {
        throw StatesError.runtime("Map state input must be an array, but was " + items);
      }
      if (distributed()) {
        runDistributed(run, effective, items, done);
        return;
      }
      ObjectNode started = Json.MAPPER.createObjectNode().put("length", items.size());
      run.record("MapStateStarted", "mapStateStartedEventDetails", started);
      List<StateRun.ChildFlow> flows = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("Index", i);
        item.set("Value", items.get(i));
        flows.add(new StateRun.ChildFlow(processor, itemInput(run, effective, item), item, name, i));
      }
      int max = intField(run, "MaxConcurrency", 0);
      int tolerated = tolerated(run, items.size());
      run.runFlows(flows, max, tolerated, r -> {
        if (r.failure() != null) {
          run.record("MapStateFailed", null, null);
          done.accept(new StateResult.Failed(r.failure()));
          return;
        }
        run.record("MapStateSucceeded", null, null);
        ArrayNode out = Json.MAPPER.createArrayNode();
        r.outputs().forEach(out::add);
        guarded(done, () -> done.accept(transition(finish(run, out))));
      });
    });
  }

  /** {@code ItemProcessor.ProcessorConfig.Mode: DISTRIBUTED}: items run as child executions of a Map Run. */
  public boolean distributed() {
    JsonNode processorJson = json.has("ItemProcessor") ? json.get("ItemProcessor") : json.path("Iterator");
    return "DISTRIBUTED".equals(processorJson.path("ProcessorConfig").path("Mode").asText());
  }

  /**
   * A Distributed Map: records MapRunStarted, runs each item (or batch of items, ItemBatcher) as a
   * child execution, then MapRunSucceeded or MapRunFailed. Failures up to ToleratedFailureCount /
   * ToleratedFailurePercentage (default 0) are tolerated; beyond them the state fails with
   * {@code States.ExceedToleratedFailureThreshold}.
   */
  private void runDistributed(StateRun run, JsonNode effective, JsonNode items, Consumer<StateResult> done) {
    List<JsonNode> inputs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ObjectNode item = Json.MAPPER.createObjectNode();
      item.put("Index", i);
      item.set("Value", items.get(i));
      inputs.add(itemInput(run, effective, item));
    }
    inputs = ItemBatcher.batch(json.get("ItemBatcher"), inputs, scope(run, effective));
    String label = json.has("Label") ? json.get("Label").asText() : name;
    JsonNode pct = json.get("ToleratedFailurePercentage");
    var spec = new Services.MapRunSpec(processor, inputs, label, intField(run, "MaxConcurrency", 0),
        intField(run, "ToleratedFailureCount", 0),
        pct != null && pct.isNumber() ? pct.asDouble() : intField(run, "ToleratedFailurePercentage", 0));
    JsonNode writer = json.get("ResultWriter");
    JsonNode writerParameters = writer == null ? null : nested(run, effective, writer);
    AtomicReference<String> mapRunArn = new AtomicReference<>();
    run.services().startMapRun(spec, run,
        mapRunArn::set,
        r -> {
          if (writer == null) {
            mapRunEnded(run, r, null, done);
            return;
          }
          // ResultWriter writes the results of failed runs too, then the run's outcome applies
          run.async(() -> {
            JsonNode written;
            try {
              written = run.services().writeResults(mapRunArn.get(), writer.path("Resource").asText(null),
                  writerParameters, writer.path("WriterConfig"), run);
            } catch (StatesError e) {
              mapRunEnded(run, new StateRun.FlowsResult(r.outputs(), r.failedCount(), r.failure() != null ? r.failure() : e),
                  null, done);
              return;
            }
            mapRunEnded(run, r, written, done);
          });
        });
  }

  /** MapRunSucceeded or MapRunFailed, then the state's outcome: the outputs, or what ResultWriter answered. */
  private void mapRunEnded(StateRun run, StateRun.FlowsResult r, JsonNode written, Consumer<StateResult> done) {
    if (r.failure() != null) {
      ObjectNode d = Json.MAPPER.createObjectNode().put("error", r.failure().error());
      d.put("cause", r.failure().cause());
      run.record("MapRunFailed", "mapRunFailedEventDetails", d);
      done.accept(new StateResult.Failed(r.failure()));
      return;
    }
    run.record("MapRunSucceeded", null, null);
    JsonNode result = written;
    if (result == null) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      r.outputs().forEach(out::add);
      result = out;
    }
    JsonNode finalResult = result;
    guarded(done, () -> done.accept(transition(finish(run, finalResult))));
  }

  /** An ItemReader's or ResultWriter's Parameters (JSONPath, on the effective input) or Arguments (JSONata). */
  private JsonNode nested(StateRun run, JsonNode effective, JsonNode field) {
    if (jsonata()) {
      JsonNode args = field.get("Arguments");
      return args == null ? Json.MAPPER.createObjectNode() : Jsonata.evaluate(args, bindings(run, null, null));
    }
    JsonNode template = field.get("Parameters");
    return template == null ? Json.MAPPER.createObjectNode() : Paths.template(template, scope(run, effective));
  }

  /** ReaderConfig MaxItems (or MaxItemsPath): how many items to read at most; 0 for all. */
  private long maxItems(StateRun run, JsonNode effective, JsonNode config) {
    JsonNode v = config.get("MaxItems");
    if (v != null && jsonata() && Jsonata.isExpression(v)) {
      v = Jsonata.expression(v.asText(), bindings(run, null, null));
    }
    if (v == null && config.has("MaxItemsPath")) {
      String p = config.get("MaxItemsPath").asText();
      v = Paths.read(p, scope(run, effective)).orElseThrow(() ->
          StatesError.runtime("Invalid path '" + p + "' : No results for path: " + p));
    }
    return v == null ? 0 : v.asLong();
  }

  private JsonNode items(StateRun run, JsonNode effective) {
    if (jsonata()) {
      JsonNode items = json.get("Items");
      if (items == null) {
        return run.input();
      }
      JsonNode v = Jsonata.evaluate(items, bindings(run, null, null));
      return v == null ? Json.MAPPER.nullNode() : v;
    }
    JsonNode p = json.get("ItemsPath");
    if (p == null) {
      return effective;
    }
    String path = p.asText();
    return Paths.read(path, scope(run, effective)).orElseThrow(() ->
        StatesError.runtime("Invalid path '" + path + "' : No results for path: " + path));
  }

  /** ItemSelector (or the older Parameters) with {@code $$.Map.Item}; else the item itself. */
  private JsonNode itemInput(StateRun run, JsonNode effective, ObjectNode item) {
    JsonNode selector = json.has("ItemSelector") ? json.get("ItemSelector") : json.get("Parameters");
    if (selector == null) {
      return item.get("Value");
    }
    ObjectNode context = run.context().deepCopy();
    context.putObject("Map").set("Item", item);
    if (jsonata()) {
      var b = bindings(run, null, null);
      ((ObjectNode) b.get("states")).set("context", context);
      return Jsonata.evaluate(selector, b);
    }
    var base = scope(run, effective);
    return Paths.template(selector, new dev.fogbank.stepfunctions.asl.path.Scope() {
      @Override
      public JsonNode input() {
        return base.input();
      }

      @Override
      public JsonNode context() {
        return context;
      }

      @Override
      public JsonNode variable(String n) {
        return base.variable(n);
      }
    });
  }

  private int intField(StateRun run, String field, int dflt) {
    JsonNode v = json.get(field);
    if (v != null && jsonata() && Jsonata.isExpression(v)) {
      v = Jsonata.expression(v.asText(), bindings(run, null, null));
    }
    if (v == null && json.has(field + "Path")) {
      v = Paths.read(json.get(field + "Path").asText(), scope(run, run.input())).orElse(null);
    }
    return v == null ? dflt : v.asInt();
  }

  /** The number of failed iterations the state tolerates; -1 when none may fail. */
  private int tolerated(StateRun run, int size) {
    int count = intField(run, "ToleratedFailureCount", -1);
    JsonNode pct = json.get("ToleratedFailurePercentage");
    int byPct = -1;
    if (pct != null && pct.isNumber()) {
      byPct = (int) Math.floor(size * pct.asDouble() / 100.0);
    }
    return Math.max(count, byPct);
  }

  /** The error of a Map whose failed iterations exceed its tolerance. */
  public static StatesError exceeded() {
    return new StatesError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
        "The specified tolerated failure threshold was exceeded");
  }
}
