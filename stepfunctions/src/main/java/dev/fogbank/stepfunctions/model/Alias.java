package dev.fogbank.stepfunctions.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A state machine alias: {@code <stateMachineArn>:<aliasName>}, routing executions to one or two
 * published versions by weight (the weights add up to 100).
 */
public final class Alias {

  /** One entry of the routing configuration. */
  public record Route(String versionArn, int weight) {}

  private final String arn;
  private final String name;
  private final long creationDate;
  private volatile String description;
  private volatile List<Route> routing;
  private volatile long updateDate;

  public Alias(String arn, String name, String description, List<Route> routing, long creationDate) {
    this.arn = arn;
    this.name = name;
    this.description = description;
    this.routing = List.copyOf(routing);
    this.creationDate = creationDate;
    this.updateDate = creationDate;
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public List<Route> routing() {
    return routing;
  }

  public long creationDate() {
    return creationDate;
  }

  public synchronized void update(String description, List<Route> routing, long now) {
    if (description != null) {
      this.description = description;
    }
    if (routing != null) {
      this.routing = List.copyOf(routing);
    }
    this.updateDate = now;
  }

  /** Whether a route of this alias names the version. */
  public boolean references(String versionArn) {
    return routing.stream().anyMatch(r -> r.versionArn().equals(versionArn));
  }

  /**
   * The version an execution started on this alias runs: a draw in [0, 100) falls into one route's
   * share of the weights.
   */
  public String pick(IntUnaryOperator random) {
    List<Route> routes = routing;
    int draw = random.applyAsInt(100);
    int acc = 0;
    for (Route r : routes) {
      acc += r.weight();
      if (draw < acc) {
        return r.versionArn();
      }
    }
    return routes.get(routes.size() - 1).versionArn();
  }

  /** DescribeStateMachineAlias. */
  public ObjectNode describe() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("stateMachineAliasArn", arn);
    o.put("name", name);
    if (description != null) {
      o.put("description", description);
    }
    ArrayNode arr = o.putArray("routingConfiguration");
    for (Route r : routing) {
      arr.addObject().put("stateMachineVersionArn", r.versionArn()).put("weight", r.weight());
    }
    o.put("creationDate", creationDate / 1000.0);
    o.put("updateDate", updateDate / 1000.0);
    return o;
  }
}
