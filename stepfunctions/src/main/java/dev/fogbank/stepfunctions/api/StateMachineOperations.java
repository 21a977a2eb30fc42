package dev.fogbank.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.Arns;
import dev.fogbank.stepfunctions.SfnEngine;
import dev.fogbank.stepfunctions.SfnErrors;
import dev.fogbank.stepfunctions.asl.DefinitionParser;
import dev.fogbank.stepfunctions.asl.Diagnostic;
import dev.fogbank.stepfunctions.model.Activity;
import dev.fogbank.stepfunctions.model.StateMachine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The control plane: Create/Describe/Update/Delete/List StateMachine, versions,
 * ValidateStateMachineDefinition, tags of state machines and activities.
 */
public final class StateMachineOperations {

  private final SfnEngine engine;

  public StateMachineOperations(SfnEngine engine) {
    this.engine = engine;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("CreateStateMachine", this::create);
    map.put("DescribeStateMachine", this::describe);
    map.put("UpdateStateMachine", this::update);
    map.put("DeleteStateMachine", this::delete);
    map.put("ListStateMachines", this::list);
    map.put("ValidateStateMachineDefinition", this::validate);
    map.put("PublishStateMachineVersion", this::publish);
    map.put("ListStateMachineVersions", this::listVersions);
    map.put("DeleteStateMachineVersion", this::deleteVersion);
    map.put("TagResource", this::tag);
    map.put("UntagResource", this::untag);
    map.put("ListTagsForResource", this::listTags);
  }

  private static ObjectNode logging(JsonNode in) {
    ObjectNode l = Json.MAPPER.createObjectNode();
    l.put("level", in == null ? "OFF" : in.path("level").asText("OFF"));
    l.put("includeExecutionData", in != null && in.path("includeExecutionData").asBoolean(false));
    if (in != null && in.has("destinations")) {
      l.set("destinations", in.get("destinations"));
    }
    return l;
  }

  private static ObjectNode tracing(JsonNode in) {
    ObjectNode t = Json.MAPPER.createObjectNode();
    t.put("enabled", in != null && in.path("enabled").asBoolean(false));
    return t;
  }

  private JsonNode create(RequestContext ctx, ObjectNode in) {
    String type = in.path("type").asText("STANDARD");
    StateMachine m = engine.createStateMachine(ctx.account(), ctx.region(), in.path("name").asText(), type,
        in.path("definition").asText(), in.path("roleArn").asText(), logging(in.get("loggingConfiguration")),
        tracing(in.get("tracingConfiguration")));
    synchronized (m.tags()) {
      in.path("tags").forEach(t -> m.tags().put(t.path("key").asText(), t.path("value").asText()));
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("stateMachineArn", m.arn());
    out.put("creationDate", m.creationDate() / 1000.0);
    if (in.path("publish").asBoolean(false)) {
      out.put("stateMachineVersionArn", m.publish(engine.clock().millis(), in.path("versionDescription").asText(null)).arn());
    }
    return out;
  }

  private JsonNode describe(RequestContext ctx, ObjectNode in) {
    String arn = in.path("stateMachineArn").asText();
    StateMachine m = engine.machine(ctx.account(), ctx.region(), arn);
    return m.describe(version(m, arn));
  }

  /** The version a qualified ARN names, null for the unqualified one. */
  static StateMachine.Version version(StateMachine m, String arn) {
    if (arn.equals(m.arn())) {
      return null;
    }
    String qualifier = arn.substring(m.arn().length() + 1);
    try {
      StateMachine.Version v = m.version(Integer.parseInt(qualifier));
      if (v == null) {
        throw SfnErrors.stateMachineDoesNotExist(arn);
      }
      return v;
    } catch (NumberFormatException e) {
      throw SfnErrors.stateMachineDoesNotExist(arn);
    }
  }

  private JsonNode update(RequestContext ctx, ObjectNode in) {
    String arn = in.path("stateMachineArn").asText();
    Arns.Parsed p = Arns.parse(arn, "stateMachine");
    if (p.rest().contains(":")) {
      throw SfnErrors.invalidArn("Resource type not valid in this context: stateMachine version");
    }
    StateMachine m = engine.machine(ctx.account(), ctx.region(), arn);
    if (!in.has("definition") && !in.has("roleArn") && !in.has("loggingConfiguration") && !in.has("tracingConfiguration")) {
      throw new dev.fogbank.core.error.AwsException("MissingRequiredParameter",
          "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
          400);
    }
    StateMachine.Revision cur = m.current();
    String definition = in.has("definition") ? in.get("definition").asText() : cur.definition();
    var graph = in.has("definition") ? SfnEngine.parse(definition) : cur.graph();
    StateMachine.Revision next = new StateMachine.Revision(definition, graph,
        in.has("roleArn") ? in.get("roleArn").asText() : cur.roleArn(), UUID.randomUUID().toString(),
        engine.clock().millis(), null,
        in.has("loggingConfiguration") ? logging(in.get("loggingConfiguration")) : cur.logging(),
        in.has("tracingConfiguration") ? tracing(in.get("tracingConfiguration")) : cur.tracing());
    m.update(next);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("updateDate", next.date() / 1000.0);
    out.put("revisionId", next.revisionId());
    if (in.path("publish").asBoolean(false)) {
      out.put("stateMachineVersionArn", m.publish(engine.clock().millis(), in.path("versionDescription").asText(null)).arn());
    }
    return out;
  }

  private JsonNode delete(RequestContext ctx, ObjectNode in) {
    engine.deleteStateMachine(ctx.account(), ctx.region(), in.path("stateMachineArn").asText());
    return null;
  }

  private JsonNode list(RequestContext ctx, ObjectNode in) {
    Pages.Page<StateMachine> page = Pages.page(engine.machines(ctx.account(), ctx.region()), in, "stateMachines");
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("stateMachines");
    for (StateMachine m : page.items()) {
      ObjectNode o = arr.addObject();
      o.put("stateMachineArn", m.arn());
      o.put("name", m.name());
      o.put("type", m.type());
      o.put("creationDate", m.creationDate() / 1000.0);
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode validate(RequestContext ctx, ObjectNode in) {
    List<Diagnostic> diagnostics = DefinitionParser.validate(in.path("definition").asText());
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("result", diagnostics.isEmpty() ? "OK" : "FAIL");
    ArrayNode arr = out.putArray("diagnostics");
    for (Diagnostic d : diagnostics) {
      ObjectNode o = arr.addObject();
      o.put("severity", "ERROR");
      o.put("code", d.code());
      o.put("message", d.message());
      if (d.location() != null) {
        o.put("location", d.location());
      }
    }
    return out;
  }

  private JsonNode publish(RequestContext ctx, ObjectNode in) {
    StateMachine m = engine.machine(ctx.account(), ctx.region(), in.path("stateMachineArn").asText());
    String expected = in.path("revisionId").asText(null);
    if (expected != null && !expected.equals(m.current().revisionId())) {
      throw new dev.fogbank.core.error.AwsException("ConflictException",
          "Failed to publish the State Machine version for revision " + expected
              + ". The current State Machine revision is " + m.current().revisionId() + ".", 400);
    }
    StateMachine.Version v = m.publish(engine.clock().millis(), in.path("description").asText(null));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("creationDate", v.creationDate() / 1000.0);
    out.put("stateMachineVersionArn", v.arn());
    return out;
  }

  private JsonNode listVersions(RequestContext ctx, ObjectNode in) {
    StateMachine m = engine.machine(ctx.account(), ctx.region(), in.path("stateMachineArn").asText());
    List<StateMachine.Version> versions = new ArrayList<>(m.versions());
    java.util.Collections.reverse(versions);
    Pages.Page<StateMachine.Version> page = Pages.page(versions, in, "versions");
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("stateMachineVersions");
    for (StateMachine.Version v : page.items()) {
      arr.addObject().put("stateMachineVersionArn", v.arn()).put("creationDate", v.creationDate() / 1000.0);
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode deleteVersion(RequestContext ctx, ObjectNode in) {
    String arn = in.path("stateMachineVersionArn").asText();
    Arns.Parsed p = Arns.parse(arn, "stateMachine");
    if (!p.rest().contains(":")) {
      throw SfnErrors.invalidArn("Invalid ARN prefix: " + arn);
    }
    try {
      StateMachine m = engine.machine(ctx.account(), ctx.region(), arn);
      StateMachine.Version v = version(m, arn);
      List<String> referencing = new ArrayList<>();
      synchronized (m.aliases()) {
        m.aliases().values().stream().filter(a -> a.references(arn)).forEach(a -> referencing.add(a.name()));
      }
      if (!referencing.isEmpty()) {
        throw SfnErrors.conflict("Version to be deleted must not be referenced by an alias. Current list of aliases "
            + "referencing this version: " + referencing);
      }
      m.versions().remove(v);
    } catch (dev.fogbank.core.error.AwsException e) {
      if (e.code().equals("ConflictException")) {
        throw e;
      }
      // deleting a version that does not exist succeeds (DeleteStateMachineVersion is idempotent)
    }
    return null;
  }

  private Map<String, String> tagsOf(RequestContext ctx, String arn) {
    Arns.Parsed p = Arns.parse(arn, "stateMachine", "activity");
    try {
      if (p.type().equals("activity")) {
        Activity a = engine.activity(arn);
        return a.tags();
      }
      return engine.machine(ctx.account(), ctx.region(), arn).tags();
    } catch (dev.fogbank.core.error.AwsException e) {
      throw SfnErrors.resourceNotFound(arn);
    }
  }

  private JsonNode tag(RequestContext ctx, ObjectNode in) {
    Map<String, String> tags = tagsOf(ctx, in.path("resourceArn").asText());
    synchronized (tags) {
      in.path("tags").forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
      if (tags.size() > 50) {
        throw new dev.fogbank.core.error.AwsException("TooManyTags",
            "Too many tags: the resource " + in.path("resourceArn").asText() + " can have at most 50 tags", 400);
      }
    }
    return null;
  }

  private JsonNode untag(RequestContext ctx, ObjectNode in) {
    Map<String, String> tags = tagsOf(ctx, in.path("resourceArn").asText());
    synchronized (tags) {
      in.path("tagKeys").forEach(k -> tags.remove(k.asText()));
    }
    return null;
  }

  private JsonNode listTags(RequestContext ctx, ObjectNode in) {
    Map<String, String> tags = tagsOf(ctx, in.path("resourceArn").asText());
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("tags");
    synchronized (tags) {
      for (Iterator<Map.Entry<String, String>> it = tags.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, String> e = it.next();
        arr.addObject().put("key", e.getKey()).put("value", e.getValue());
      }
    }
    return out;
  }
}
