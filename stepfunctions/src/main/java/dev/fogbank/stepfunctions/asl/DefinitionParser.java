package dev.fogbank.stepfunctions.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.path.Paths;
import dev.fogbank.stepfunctions.asl.state.ChoiceState;
import dev.fogbank.stepfunctions.asl.state.FailState;
import dev.fogbank.stepfunctions.asl.state.MapState;
import dev.fogbank.stepfunctions.asl.state.ParallelState;
import dev.fogbank.stepfunctions.asl.state.PassState;
import dev.fogbank.stepfunctions.asl.state.State;
import dev.fogbank.stepfunctions.asl.state.SucceedState;
import dev.fogbank.stepfunctions.asl.state.TaskResource;
import dev.fogbank.stepfunctions.asl.state.TaskState;
import dev.fogbank.stepfunctions.asl.state.WaitState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and checks a state machine definition the way CreateStateMachine does, collecting every
 * diagnostic with AWS's codes and wording: SCHEMA_VALIDATION_FAILED (missing or unsupported fields,
 * invalid paths), MISSING_TRANSITION_TARGET (unknown Next, unreachable states),
 * MISSING_END_STATE, INVALID_RESOURCE, INVALID_JSON_DESCRIPTION.
 */
public final class DefinitionParser {

  private static final List<String> TYPES = List.of("Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map");
  private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  private static final Map<String, Set<String>> FIELDS = Map.of(
      "Pass", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Assign", "Output"),
      "Task", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry",
          "Catch", "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath",
          "Credentials", "Assign", "Output", "Arguments"),
      "Choice", Set.of("InputPath", "OutputPath", "Choices", "Default", "Assign", "Output"),
      "Wait", Set.of("Next", "End", "InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath", "TimestampPath",
          "Assign", "Output"),
      "Succeed", Set.of("InputPath", "OutputPath", "Output"),
      "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
      "Parallel", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
          "Retry", "Catch", "Branches", "Assign", "Output", "Arguments"),
      "Map", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry",
          "Catch", "ItemsPath", "Items", "ItemSelector", "ItemProcessor", "Iterator", "MaxConcurrency",
          "MaxConcurrencyPath", "ItemReader", "ItemBatcher", "ResultWriter", "ToleratedFailureCount",
          "ToleratedFailurePercentage", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath", "Label",
          "Assign", "Output", "Arguments"));
  private static final List<String> PATH_FIELDS = List.of("InputPath", "OutputPath", "ItemsPath", "SecondsPath",
      "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath");

  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private DefinitionParser() {}

  /** Parses the definition text; throws DefinitionException listing every problem. */
  public static StateGraph parse(String definition) {
    DefinitionParser p = new DefinitionParser();
    StateGraph graph = p.top(definition);
    if (!p.diagnostics.isEmpty()) {
      throw new DefinitionException(p.diagnostics);
    }
    return graph;
  }

  /** The diagnostics of a definition, empty when it is valid (ValidateStateMachineDefinition). */
  public static List<Diagnostic> validate(String definition) {
    try {
      parse(definition);
      return List.of();
    } catch (DefinitionException e) {
      return e.diagnostics();
    }
  }

  private void error(String code, String message, String location) {
    diagnostics.add(new Diagnostic(code, message, location));
  }

  private void schema(String message, String location) {
    error("SCHEMA_VALIDATION_FAILED", message, location);
  }

  private StateGraph top(String definition) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(definition);
    } catch (JsonProcessingException e) {
      error("INVALID_JSON_DESCRIPTION", e.getOriginalMessage(), null);
      return null;
    }
    if (json == null || !json.isObject()) {
      error("INVALID_JSON_DESCRIPTION", "The definition must be a JSON object", null);
      return null;
    }
    QueryLanguage language = QueryLanguage.of(text(json, "QueryLanguage"), QueryLanguage.JSONPath);
    StateGraph g = graph((ObjectNode) json, "", language, true);
    if (g != null && diagnostics.isEmpty() && !hasTerminal(g)) {
      error("MISSING_END_STATE", "Workflow has no terminal state", null);
    }
    return g;
  }

  private static String text(JsonNode json, String field) {
    JsonNode v = json.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private StateGraph graph(ObjectNode json, String at, QueryLanguage language, boolean top) {
    String where = at.isEmpty() ? "/" : at;
    String startAt = text(json, "StartAt");
    if (!json.has("StartAt")) {
      schema("The field 'StartAt' is required but was missing", where);
    }
    JsonNode statesJson = json.get("States");
    if (statesJson == null) {
      schema("The field 'States' is required but was missing", where);
      return null;
    }
    if (!statesJson.isObject() || statesJson.isEmpty()) {
      schema("The field 'States' should be non-empty", where);
      return null;
    }
    if (top && json.has("QueryLanguage") && !Set.of("JSONPath", "JSONata").contains(json.path("QueryLanguage").asText())) {
      schema("The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]", "/QueryLanguage");
    }
    Map<String, State> states = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = statesJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String loc = at + "/States/" + name;
      if (name.isEmpty() || name.length() > 80) {
        error("INVALID_STATE_NAME", "State name must be between 1 and 80 characters", loc);
        continue;
      }
      if (!e.getValue().isObject()) {
        schema("The state must be an object", loc);
        continue;
      }
      State s = state(name, (ObjectNode) e.getValue(), loc, language);
      if (s != null) {
        states.put(name, s);
      }
    }
    if (startAt != null && !statesJson.has(startAt)) {
      error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + startAt, at + "/StartAt");
    }
    Long timeout = json.has("TimeoutSeconds") ? json.get("TimeoutSeconds").asLong() : null;
    StateGraph g = new StateGraph(startAt, states, language, timeout, json);
    transitions(g, statesJson, at);
    return g;
  }

  private State state(String name, ObjectNode json, String loc, QueryLanguage inherited) {
    JsonNode typeNode = json.get("Type");
    if (typeNode == null) {
      schema("The field 'Type' is required but was missing", loc);
      return null;
    }
    String type = typeNode.asText();
    if (!TYPES.contains(type)) {
      schema("The field 'Type' should have one of these values: " + TYPES.toString(), loc + "/Type");
      return null;
    }
    QueryLanguage language = QueryLanguage.of(text(json, "QueryLanguage"), inherited);
    if (inherited == QueryLanguage.JSONata && language == QueryLanguage.JSONPath && json.has("QueryLanguage")) {
      schema("The QueryLanguage of a state cannot be JSONPath when the state machine uses JSONata", loc + "/QueryLanguage");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!COMMON.contains(f) && !FIELDS.get(type).contains(f)) {
        schema("The field '" + f + "' is not supported by Step Functions", loc);
      }
    }
    boolean jsonata = language == QueryLanguage.JSONata;
    checkPaths(json, loc, jsonata);
    boolean terminalType = type.equals("Succeed") || type.equals("Fail") || type.equals("Choice");
    if (!terminalType) {
      boolean hasEnd = json.path("End").asBoolean(false);
      boolean hasNext = json.has("Next");
      if (!hasEnd && !hasNext) {
        schema("The field 'Next' is required but was missing", loc);
      } else if (hasEnd && hasNext) {
        schema("The field 'End' cannot be combined with 'Next'", loc);
      }
    }
    try {
      return switch (type) {
        case "Pass" -> new PassState(name, json, inherited);
        case "Succeed" -> new SucceedState(name, json, inherited);
        case "Fail" -> new FailState(name, json, inherited);
        case "Wait" -> wait(name, json, loc, inherited);
        case "Choice" -> choice(name, json, loc, inherited);
        case "Task" -> task(name, json, loc, inherited);
        case "Parallel" -> parallel(name, json, loc, inherited, language);
        default -> map(name, json, loc, inherited, language);
      };
    } catch (IllegalArgumentException e) {
      schema("The value for the field '" + e.getMessage() + "' is not valid", loc);
      return null;
    }
  }

  private void checkPaths(ObjectNode json, String loc, boolean jsonata) {
    if (jsonata) {
      for (String f : List.of("InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "ItemsPath")) {
        if (json.has(f)) {
          schema("The field '" + f + "' is not supported by Step Functions when QueryLanguage is JSONata", loc);
        }
      }
      jsonataExpressions(json, loc);
      return;
    }
    for (String f : PATH_FIELDS) {
      JsonNode v = json.get(f);
      if (v != null && !v.isNull() && (!v.isTextual() || !Paths.isValidPath(v.asText()))) {
        schema("The value for the field '" + f + "' must be a valid JSONPath", loc + "/" + f);
      }
    }
    JsonNode rp = json.get("ResultPath");
    if (rp != null && !rp.isNull()) {
      try {
        Paths.reference(rp.asText());
      } catch (IllegalArgumentException e) {
        schema("The value for the field 'ResultPath' must be a valid ReferencePath", loc + "/ResultPath");
      }
    }
    for (String f : List.of("Parameters", "ResultSelector", "ItemSelector", "Assign")) {
      if (json.has(f)) {
        templates(json.get(f), loc + "/" + f);
      }
    }
    for (String f : List.of("ErrorPath", "CausePath")) {
      JsonNode v = json.get(f);
      if (v != null && (!v.isTextual() || !Paths.isValidExpression(v.asText()))) {
        schema("The value for the field '" + f + "' must be a valid JSONPath or a valid intrinsic function call",
            loc + "/" + f);
      }
    }
  }

  private void templates(JsonNode t, String loc) {
    if (t.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().endsWith(".$")) {
          if (!e.getValue().isTextual() || !Paths.isValidExpression(e.getValue().asText())) {
            schema("The value for the field '" + e.getKey() + "' must be a valid JSONPath or a valid intrinsic function call",
                loc);
          }
        } else {
          templates(e.getValue(), loc);
        }
      }
    } else if (t.isArray()) {
      t.forEach(v -> templates(v, loc));
    }
  }

  private void jsonataExpressions(JsonNode t, String loc) {
    if (t.isTextual() && Jsonata.isExpression(t.asText())) {
      try {
        Jsonata.check(t.asText());
      } catch (IllegalArgumentException e) {
        schema("The JSONata expression '" + t.asText() + "' is not valid: " + e.getMessage(), loc);
      }
    } else if (t.isContainerNode()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("ItemProcessor") && !e.getKey().equals("Branches") && !e.getKey().equals("Iterator")) {
          jsonataExpressions(e.getValue(), loc);
        }
      }
      if (t.isArray()) {
        t.forEach(v -> jsonataExpressions(v, loc));
      }
    }
  }

  private State wait(String name, ObjectNode json, String loc, QueryLanguage inherited) {
    int n = 0;
    for (String f : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
      if (json.has(f)) {
        n++;
      }
    }
    if (n != 1) {
      schema("A Wait state must have exactly one of the fields 'Seconds', 'Timestamp', 'SecondsPath' or 'TimestampPath'", loc);
    }
    JsonNode ts = json.get("Timestamp");
    if (ts != null && !Jsonata.isExpression(ts)) {
      try {
        WaitState.parseTimestamp(ts.asText());
      } catch (java.time.format.DateTimeParseException e) {
        schema("The value for the field 'Timestamp' must be a valid timestamp", loc + "/Timestamp");
      }
    }
    return new WaitState(name, json, inherited);
  }

  private State choice(String name, ObjectNode json, String loc, QueryLanguage inherited) {
    JsonNode choices = json.get("Choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      schema("The field 'Choices' is required but was missing", loc);
      return null;
    }
    for (int i = 0; i < choices.size(); i++) {
      if (!choices.get(i).has("Next")) {
        schema("The field 'Next' is required but was missing", loc + "/Choices[" + i + "]");
      }
    }
    return new ChoiceState(name, json, inherited);
  }

  private State task(String name, ObjectNode json, String loc, QueryLanguage inherited) {
    JsonNode r = json.get("Resource");
    if (r == null) {
      schema("The field 'Resource' is required but was missing", loc);
      return null;
    }
    TaskResource parsed = TaskResource.parse(r.asText());
    if (parsed == null || !parsed.patternSupported()) {
      error("INVALID_RESOURCE", "The resource provided " + r.asText() + " is not recognized. "
          + "The value is not a valid resource ARN, or the resource is not available in this region.", loc + "/Resource");
      return null;
    }
    retryCatch(json, loc);
    return new TaskState(name, json, inherited);
  }

  private void retryCatch(ObjectNode json, String loc) {
    JsonNode retry = json.get("Retry");
    if (retry != null) {
      for (int i = 0; i < retry.size(); i++) {
        if (!retry.get(i).has("ErrorEquals")) {
          schema("The field 'ErrorEquals' is required but was missing", loc + "/Retry[" + i + "]");
        }
      }
    }
    JsonNode c = json.get("Catch");
    if (c != null) {
      for (int i = 0; i < c.size(); i++) {
        if (!c.get(i).has("ErrorEquals")) {
          schema("The field 'ErrorEquals' is required but was missing", loc + "/Catch[" + i + "]");
        }
        if (!c.get(i).has("Next")) {
          schema("The field 'Next' is required but was missing", loc + "/Catch[" + i + "]");
        }
      }
    }
  }

  private State parallel(String name, ObjectNode json, String loc, QueryLanguage inherited, QueryLanguage language) {
    JsonNode branches = json.get("Branches");
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      schema("The field 'Branches' is required but was missing", loc);
      return null;
    }
    retryCatch(json, loc);
    List<StateGraph> graphs = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      StateGraph g = graph((ObjectNode) branches.get(i), loc + "/Branches[" + i + "]", language, false);
      graphs.add(g);
    }
    return new ParallelState(name, json, inherited, graphs);
  }

  private State map(String name, ObjectNode json, String loc, QueryLanguage inherited, QueryLanguage language) {
    String field = json.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    JsonNode processor = json.get(field);
    if (processor == null || !processor.isObject()) {
      schema("The field 'ItemProcessor' is required but was missing", loc);
      return null;
    }
    retryCatch(json, loc);
    StateGraph g = graph((ObjectNode) processor, loc + "/" + field, language, false);
    return new MapState(name, json, inherited, g);
  }

  /** Every Next/Default/Catch target must exist, and every state must be reachable from StartAt. */
  private void transitions(StateGraph g, JsonNode statesJson, String at) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = statesJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode s = e.getValue();
      String loc = at + "/States/" + e.getKey();
      List<String> targets = new ArrayList<>();
      target(statesJson, s.get("Next"), loc + "/Next", targets);
      target(statesJson, s.get("Default"), loc + "/Default", targets);
      JsonNode choices = s.get("Choices");
      if (choices != null) {
        for (int i = 0; i < choices.size(); i++) {
          target(statesJson, choices.get(i).get("Next"), loc + "/Choices[" + i + "]/Next", targets);
        }
      }
      JsonNode c = s.get("Catch");
      if (c != null) {
        for (int i = 0; i < c.size(); i++) {
          target(statesJson, c.get(i).get("Next"), loc + "/Catch[" + i + "]/Next", targets);
        }
      }
      edges.put(e.getKey(), targets);
    }
    if (g.startAt() == null) {
      return;
    }
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    if (statesJson.has(g.startAt())) {
      todo.add(g.startAt());
    }
    while (!todo.isEmpty()) {
      String s = todo.pop();
      if (seen.add(s)) {
        todo.addAll(edges.getOrDefault(s, List.of()));
      }
    }
    for (String s : edges.keySet()) {
      if (!seen.contains(s)) {
        error("MISSING_TRANSITION_TARGET", "State \"" + s + "\" is not reachable.", at + "/States/" + s);
      }
    }
  }

  private void target(JsonNode statesJson, JsonNode next, String loc, List<String> targets) {
    if (next == null || !next.isTextual()) {
      return;
    }
    if (!statesJson.has(next.asText())) {
      // AWS says 'Next' for every transition field (Next, Default, Choices[i].Next, Catch[i].Next)
      error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + next.asText(), loc);
    } else {
      targets.add(next.asText());
    }
  }

  private static boolean hasTerminal(StateGraph g) {
    for (State s : g.states().values()) {
      if (s.end() || s instanceof SucceedState || s instanceof FailState) {
        return true;
      }
    }
    return false;
  }
}
