package dev.fogbank.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.SfnEngine;
import dev.fogbank.stepfunctions.SfnErrors;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.ExecutionStatus;
import dev.fogbank.stepfunctions.model.StateMachine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Executions: StartExecution (Standard and Express), StartSyncExecution (Express), Describe,
 * DescribeStateMachineForExecution, Stop, List (status filter, paging) and GetExecutionHistory
 * (reverseOrder, includeExecutionData, paging).
 */
public final class ExecutionOperations {

  private final SfnEngine engine;

  public ExecutionOperations(SfnEngine engine) {
    this.engine = engine;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("StartExecution", this::start);
    map.put("StartSyncExecution", this::startSync);
    map.put("DescribeExecution", this::describe);
    map.put("DescribeStateMachineForExecution", this::describeMachine);
    map.put("StopExecution", this::stop);
    map.put("ListExecutions", this::list);
    map.put("GetExecutionHistory", this::history);
    map.put("RedriveExecution", this::redrive);
  }

  private JsonNode start(RequestContext ctx, ObjectNode in) {
    String arn = in.path("stateMachineArn").asText();
    StateMachine m = engine.machine(ctx.account(), ctx.region(), arn);
    AliasOperations.Target t = AliasOperations.resolve(m, arn);
    Execution e = engine.start(ctx.account(), ctx.region(), m, t.version(), t.aliasArn(), in.path("name").asText(null),
        in.path("input").asText(null), false);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("executionArn", e.arn());
    out.put("startDate", e.startDate() / 1000.0);
    return out;
  }

  private JsonNode startSync(RequestContext ctx, ObjectNode in) {
    String arn = in.path("stateMachineArn").asText();
    StateMachine m = engine.machine(ctx.account(), ctx.region(), arn);
    if (!m.express()) {
      // AWS: StartSyncExecution is for EXPRESS state machines only
      throw SfnErrors.typeNotSupported("This operation is not supported by this type of state machine");
    }
    AliasOperations.Target t = AliasOperations.resolve(m, arn);
    Execution e = engine.start(ctx.account(), ctx.region(), m, t.version(), t.aliasArn(), in.path("name").asText(null),
        in.path("input").asText(null), true);
    try {
      e.completion().get();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException ee) {
      throw new IllegalStateException(ee);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("executionArn", e.arn());
    out.put("stateMachineArn", e.stateMachineArn());
    out.put("name", e.name());
    out.put("startDate", e.startDate() / 1000.0);
    out.put("stopDate", e.stopDate() / 1000.0);
    out.put("status", e.status() == ExecutionStatus.ABORTED ? "FAILED" : e.status().name());
    if (e.error() != null) {
      out.put("error", e.error());
    }
    if (e.cause() != null) {
      out.put("cause", e.cause());
    }
    out.put("input", e.input());
    out.putObject("inputDetails").put("included", true);
    if (e.output() != null) {
      out.put("output", e.output());
      out.putObject("outputDetails").put("included", true);
    }
    ObjectNode billing = out.putObject("billingDetails");
    billing.put("billedMemoryUsedInMB", 64);
    // Express executions are billed in 100 ms increments
    billing.put("billedDurationInMilliseconds", Math.max(100, ((e.stopDate() - e.startDate() + 99) / 100) * 100));
    return out;
  }

  private JsonNode describe(RequestContext ctx, ObjectNode in) {
    return engine.execution(ctx.account(), ctx.region(), in.path("executionArn").asText())
        .describe(engine.clock().millis());
  }

  private JsonNode describeMachine(RequestContext ctx, ObjectNode in) {
    Execution e = engine.execution(ctx.account(), ctx.region(), in.path("executionArn").asText());
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("stateMachineArn", e.versionArn() != null ? e.versionArn() : e.stateMachineArn());
    out.put("name", e.stateMachineName());
    out.put("definition", e.definition());
    out.put("roleArn", e.roleArn());
    out.put("updateDate", e.startDate() / 1000.0);
    out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
    out.putObject("tracingConfiguration").put("enabled", false);
    return out;
  }

  private JsonNode stop(RequestContext ctx, ObjectNode in) {
    Execution e = engine.execution(ctx.account(), ctx.region(), in.path("executionArn").asText());
    engine.stop(e, in.path("error").asText(null), in.path("cause").asText(null));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("stopDate", (e.stopDate() == null ? engine.clock().millis() : e.stopDate()) / 1000.0);
    return out;
  }

  private JsonNode list(RequestContext ctx, ObjectNode in) {
    if (!in.has("stateMachineArn") && !in.has("mapRunArn")) {
      throw SfnErrors.validation("Must provide a StateMachine ARN or MapRun ARN");
    }
    if (in.has("mapRunArn")) {
      // the child executions of a Distributed Map's Map Run
      List<Execution> children = new ArrayList<>();
      String status = in.path("statusFilter").asText(null);
      for (Execution e : engine.mapRun(in.path("mapRunArn").asText()).children()) {
        if (status == null || e.status().name().equals(status)) {
          children.add(e);
        }
      }
      Collections.reverse(children);
      Pages.Page<Execution> page = Pages.page(children, in, "children:" + in.path("mapRunArn").asText() + ":" + status);
      ObjectNode out = Json.MAPPER.createObjectNode();
      ArrayNode arr = out.putArray("executions");
      page.items().forEach(e -> arr.add(e.listItem()));
      if (page.nextToken() != null) {
        out.put("nextToken", page.nextToken());
      }
      return out;
    }
    StateMachine m = engine.machine(ctx.account(), ctx.region(), in.path("stateMachineArn").asText());
    if (m.express()) {
      throw SfnErrors.typeNotSupported("This operation is not supported by this type of state machine");
    }
    String status = in.path("statusFilter").asText(null);
    List<Execution> all = new ArrayList<>();
    for (Execution e : engine.executions(ctx.account(), ctx.region(), m.arn())) {
      if (status == null || e.status().name().equals(status)) {
        all.add(e);
      }
    }
    // newest first, as AWS lists them
    Collections.reverse(all);
    Pages.Page<Execution> page = Pages.page(all, in, "executions:" + m.arn() + ":" + status);
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("executions");
    page.items().forEach(e -> arr.add(e.listItem()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  /** RedriveExecution: a FAILED, TIMED_OUT or ABORTED Standard execution runs again from where it stopped. */
  private JsonNode redrive(RequestContext ctx, ObjectNode in) {
    Execution e = engine.execution(ctx.account(), ctx.region(), in.path("executionArn").asText());
    long date = engine.redrive(e);
    return Json.MAPPER.createObjectNode().put("redriveDate", date / 1000.0);
  }

  private JsonNode history(RequestContext ctx, ObjectNode in) {
    Execution e = engine.execution(ctx.account(), ctx.region(), in.path("executionArn").asText());
    List<ObjectNode> events = new ArrayList<>(e.history().events());
    if (in.path("reverseOrder").asBoolean(false)) {
      Collections.reverse(events);
    }
    boolean includeData = in.path("includeExecutionData").asBoolean(true);
    Pages.Page<ObjectNode> page = Pages.page(events, in, "history:" + e.arn());
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("events");
    for (ObjectNode ev : page.items()) {
      arr.add(includeData ? ev : withoutData(ev));
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  /** includeExecutionData=false: events without their input, output and parameters. */
  private static ObjectNode withoutData(ObjectNode ev) {
    ObjectNode copy = ev.deepCopy();
    copy.fields().forEachRemaining(f -> {
      if (f.getValue().isObject()) {
        ObjectNode d = (ObjectNode) f.getValue();
        d.remove(List.of("input", "output", "parameters", "inputDetails", "outputDetails"));
      }
    });
    return copy;
  }
}
