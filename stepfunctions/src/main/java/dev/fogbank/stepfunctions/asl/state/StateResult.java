package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.stepfunctions.asl.StatesError;

/** How a state ended: a transition, the end of its flow, or an error nothing caught. */
public sealed interface StateResult {

  record Next(String state, JsonNode output) implements StateResult {}

  record End(JsonNode output) implements StateResult {}

  record Failed(StatesError error) implements StateResult {}
}
