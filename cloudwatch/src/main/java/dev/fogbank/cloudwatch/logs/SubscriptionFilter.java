package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.function.Predicate;

/** A subscription filter: matching events of a log group are delivered to a destination. */
record SubscriptionFilter(
    String filterName,
    String filterPattern,
    Predicate<String> matcher,
    String destinationArn,
    String roleArn,
    String distribution,
    long creationTime) {

  ObjectNode describe(String logGroupName) {
    ObjectNode node = Json.object();
    node.put("filterName", filterName);
    node.put("logGroupName", logGroupName);
    node.put("filterPattern", filterPattern);
    node.put("destinationArn", destinationArn);
    if (roleArn != null) {
      node.put("roleArn", roleArn);
    }
    node.put("distribution", distribution);
    node.put("creationTime", creationTime);
    return node;
  }
}
