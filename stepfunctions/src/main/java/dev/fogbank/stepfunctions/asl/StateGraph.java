package dev.fogbank.stepfunctions.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.asl.state.State;
import java.util.Map;

/**
 * A set of states with a StartAt: the whole state machine, a Parallel branch or a Map's
 * ItemProcessor. The top level adds TimeoutSeconds.
 */
public record StateGraph(String startAt, Map<String, State> states, QueryLanguage language, Long timeoutSeconds,
    ObjectNode json) {

  public State state(String name) {
    return states.get(name);
  }
}
