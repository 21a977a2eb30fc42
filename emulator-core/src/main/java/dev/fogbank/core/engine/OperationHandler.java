package dev.fogbank.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One operation of a service engine. It runs on a virtual thread, so it may block (a long poll);
 * it returns the output tree (model member names as keys) or throws {@link
 * dev.fogbank.core.error.AwsException}.
 */
@FunctionalInterface
public interface OperationHandler {
  JsonNode handle(RequestContext ctx, ObjectNode input);
}
