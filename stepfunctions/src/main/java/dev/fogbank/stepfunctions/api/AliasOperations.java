package dev.fogbank.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.Arns;
import dev.fogbank.stepfunctions.SfnEngine;
import dev.fogbank.stepfunctions.SfnErrors;
import dev.fogbank.stepfunctions.model.Alias;
import dev.fogbank.stepfunctions.model.StateMachine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * State machine aliases: Create/Describe/Update/Delete/ListStateMachineAliases, and the version an
 * execution started on an alias ARN runs (drawn by the routing weights).
 */
public final class AliasOperations {

  private final SfnEngine engine;

  public AliasOperations(SfnEngine engine) {
    this.engine = engine;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("CreateStateMachineAlias", this::create);
    map.put("DescribeStateMachineAlias", this::describe);
    map.put("UpdateStateMachineAlias", this::update);
    map.put("DeleteStateMachineAlias", this::delete);
    map.put("ListStateMachineAliases", this::list);
  }

  /** What a qualified or unqualified state machine ARN runs: a version (or the latest revision) and the alias. */
  public record Target(StateMachine.Version version, String aliasArn) {}

  /**
   * Resolves {@code arn} of machine {@code m}: the machine itself, {@code :<n>} a version, or
   * {@code :<alias>} an alias whose routing picks the version.
   */
  public static Target resolve(StateMachine m, String arn) {
    if (arn.equals(m.arn())) {
      return new Target(null, null);
    }
    String qualifier = arn.substring(m.arn().length() + 1);
    if (!qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit)) {
      return new Target(StateMachineOperations.version(m, arn), null);
    }
    Alias a;
    synchronized (m.aliases()) {
      a = m.aliases().get(qualifier);
    }
    if (a == null) {
      throw SfnErrors.stateMachineDoesNotExist(arn);
    }
    String versionArn = a.pick(n -> ThreadLocalRandom.current().nextInt(n));
    return new Target(StateMachineOperations.version(m, versionArn), a.arn());
  }

  /** The routing configuration after AWS's checks: version ARNs, distinct, of one machine, weights adding to 100. */
  private List<Alias.Route> routing(RequestContext ctx, JsonNode list, StateMachine[] machine) {
    List<Alias.Route> routes = new ArrayList<>();
    List<String> arns = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    for (JsonNode item : list) {
      String arn = item.path("stateMachineVersionArn").asText();
      routes.add(new Alias.Route(arn, item.path("weight").asInt()));
      arns.add(arn);
      weights.add(item.path("weight").asInt());
    }
    for (String arn : arns) {
      Arns.Parsed p = Arns.parse(arn, "stateMachine");
      int colon = p.rest().indexOf(':');
      if (colon < 0 || !p.rest().substring(colon + 1).chars().allMatch(Character::isDigit)) {
        throw SfnErrors.validation("Routing configuration must contain state machine version ARNs. Received: " + arns);
      }
    }
    if (new HashSet<>(arns).size() != arns.size()) {
      throw SfnErrors.validation(
          "Routing configuration must contain distinct state machine version ARNs. Received: " + arns);
    }
    if (weights.stream().mapToInt(Integer::intValue).sum() != 100) {
      throw SfnErrors.validation("Sum of routing configuration weights must equal 100. Received: " + weights);
    }
    StateMachine owner = null;
    for (String arn : arns) {
      StateMachine m;
      try {
        m = engine.machine(ctx.account(), ctx.region(), arn);
        StateMachineOperations.version(m, arn);
      } catch (AwsException e) {
        throw SfnErrors.resourceDoesNotExist();
      }
      if (owner != null && owner != m) {
        throw SfnErrors.validation(
            "Routing configuration must contain state machine versions of the same state machine. Received: " + arns);
      }
      owner = m;
    }
    machine[0] = owner;
    return routes;
  }

  private JsonNode create(RequestContext ctx, ObjectNode in) {
    String name = in.path("name").asText();
    String description = in.path("description").asText(null);
    StateMachine[] holder = new StateMachine[1];
    List<Alias.Route> routes = routing(ctx, in.path("routingConfiguration"), holder);
    StateMachine m = holder[0];
    String arn = m.arn() + ":" + name;
    Alias a;
    synchronized (m.aliases()) {
      a = m.aliases().get(name);
      if (a != null) {
        // CreateStateMachineAlias is idempotent on name, description and routing configuration
        if (!a.routing().equals(routes) || !Objects.equals(a.description(), description)) {
          throw SfnErrors.conflict("Failed to create alias because an alias with the same name and a different "
              + "routing configuration already exists.");
        }
      } else {
        a = new Alias(arn, name, description, routes, engine.clock().millis());
        m.aliases().put(name, a);
      }
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("stateMachineAliasArn", a.arn());
    out.put("creationDate", a.creationDate() / 1000.0);
    return out;
  }

  /** The alias an alias ARN names, or ResourceNotFound. */
  private Alias alias(RequestContext ctx, String arn) {
    Arns.Parsed p = Arns.parse(arn, "stateMachine");
    int colon = p.rest().indexOf(':');
    if (colon < 0) {
      throw SfnErrors.invalidArn("Invalid ARN prefix: " + arn);
    }
    StateMachine m;
    try {
      m = engine.machine(ctx.account(), ctx.region(), arn);
    } catch (AwsException e) {
      throw SfnErrors.resourceDoesNotExist();
    }
    synchronized (m.aliases()) {
      Alias a = m.aliases().get(p.rest().substring(colon + 1));
      if (a == null) {
        throw SfnErrors.resourceDoesNotExist();
      }
      return a;
    }
  }

  private JsonNode describe(RequestContext ctx, ObjectNode in) {
    return alias(ctx, in.path("stateMachineAliasArn").asText()).describe();
  }

  private JsonNode update(RequestContext ctx, ObjectNode in) {
    Alias a = alias(ctx, in.path("stateMachineAliasArn").asText());
    if (!in.has("description") && !in.has("routingConfiguration")) {
      // "You must specify at least one of the description or routingConfiguration parameters"
      throw SfnErrors.validation("Either the description or the routingConfiguration must be specified");
    }
    List<Alias.Route> routes = null;
    if (in.has("routingConfiguration")) {
      StateMachine[] holder = new StateMachine[1];
      routes = routing(ctx, in.get("routingConfiguration"), holder);
      if (!a.arn().startsWith(holder[0].arn() + ":")) {
        throw SfnErrors.validation("Routing configuration must contain state machine versions of the same state machine."
            + " Received: " + routes.stream().map(Alias.Route::versionArn).toList());
      }
    }
    long now = engine.clock().millis();
    a.update(in.path("description").asText(null), routes, now);
    return Json.MAPPER.createObjectNode().put("updateDate", now / 1000.0);
  }

  private JsonNode delete(RequestContext ctx, ObjectNode in) {
    String arn = in.path("stateMachineAliasArn").asText();
    Arns.Parsed p = Arns.parse(arn, "stateMachine");
    int colon = p.rest().indexOf(':');
    if (colon < 0) {
      throw SfnErrors.invalidArn("Invalid ARN prefix: " + arn);
    }
    try {
      StateMachine m = engine.machine(ctx.account(), ctx.region(), arn);
      synchronized (m.aliases()) {
        m.aliases().remove(p.rest().substring(colon + 1));
      }
    } catch (AwsException e) {
      // deleting an alias that does not exist succeeds, as on AWS
    }
    return null;
  }

  private JsonNode list(RequestContext ctx, ObjectNode in) {
    StateMachine m = engine.machine(ctx.account(), ctx.region(), in.path("stateMachineArn").asText());
    List<Alias> all;
    synchronized (m.aliases()) {
      all = new ArrayList<>(m.aliases().values());
    }
    Pages.Page<Alias> page = Pages.page(all, in, "aliases:" + m.arn());
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("stateMachineAliases");
    for (Alias a : page.items()) {
      arr.addObject().put("stateMachineAliasArn", a.arn()).put("creationDate", a.creationDate() / 1000.0);
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
