package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import java.util.ArrayList;
import java.util.List;

/** A Catch rule: ErrorEquals, Next, ResultPath ({@code $} by default), Assign, Output (JSONata). */
public record Catcher(List<String> errorEquals, String next, JsonNode json) {

  public static Catcher parse(JsonNode json) {
    List<String> errors = new ArrayList<>();
    json.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
    return new Catcher(errors, json.path("Next").asText(null), json);
  }

  public boolean matches(String error) {
    return errorEquals.stream().anyMatch(p -> ErrorNames.matches(p, error));
  }
}
