package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.asl.Jsonata;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.path.Paths;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Wait: Seconds, Timestamp, SecondsPath or TimestampPath, on the virtual clock through a timer. No
 * thread waits.
 */
public final class WaitState extends State {

  public WaitState(String name, ObjectNode json, QueryLanguage inherited) {
    super(name, json, inherited);
  }

  @Override
  public String type() {
    return "Wait";
  }

  @Override
  public void execute(StateRun run, Consumer<StateResult> done) {
    guarded(done, () -> {
      JsonNode effective = effectiveInput(run);
      long due = due(run, effective);
      JsonNode output = SucceedState.passThrough(this, run);
      StateResult result = transition(output);
      run.scheduleAt(due, () -> done.accept(result));
    });
  }

  private long due(StateRun run, JsonNode effective) {
    if (jsonata()) {
      JsonNode s = json.get("Seconds");
      JsonNode t = json.get("Timestamp");
      if (s != null) {
        JsonNode v = Jsonata.isExpression(s) ? Jsonata.expression(s.asText(), bindings(run, null, null)) : s;
        return run.now() + seconds(v, "Seconds");
      }
      JsonNode v = Jsonata.isExpression(t) ? Jsonata.expression(t.asText(), bindings(run, null, null)) : t;
      return timestamp(v, "Timestamp");
    }
    if (json.has("Seconds")) {
      return run.now() + seconds(json.get("Seconds"), "Seconds");
    }
    if (json.has("Timestamp")) {
      return timestamp(json.get("Timestamp"), "Timestamp");
    }
    if (json.has("SecondsPath")) {
      String p = json.get("SecondsPath").asText();
      JsonNode v = Paths.read(p, scope(run, effective)).orElseThrow(() ->
          StatesError.runtime("Invalid path '" + p + "' : No results for path: " + p));
      return run.now() + seconds(v, "SecondsPath");
    }
    String p = json.get("TimestampPath").asText();
    JsonNode v = Paths.read(p, scope(run, effective)).orElseThrow(() ->
        StatesError.runtime("Invalid path '" + p + "' : No results for path: " + p));
    return timestamp(v, "TimestampPath");
  }

  private static long seconds(JsonNode v, String field) {
    if (v == null || !v.isNumber() || v.asLong() < 0) {
      throw StatesError.runtime("The " + field + " value " + v + " is not a non-negative integer");
    }
    return v.asLong() * 1000;
  }

  private static long timestamp(JsonNode v, String field) {
    if (v == null || !v.isTextual()) {
      throw StatesError.runtime("The " + field + " value " + v + " is not a valid timestamp");
    }
    try {
      return parseTimestamp(v.asText()).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw StatesError.runtime("The " + field + " value " + v + " is not a valid timestamp");
    }
  }

  /** RFC 3339 with an uppercase T and a Z or offset, as the States Language requires. */
  public static Instant parseTimestamp(String s) {
    if (s.indexOf('T') < 0 || !(s.endsWith("Z") || s.matches(".*[+-]\\d{2}:\\d{2}$"))) {
      throw new DateTimeParseException("not RFC 3339", s, 0);
    }
    return OffsetDateTime.parse(s).toInstant();
  }
}
