package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Dashboards: PutDashboard, GetDashboard, ListDashboards, DeleteDashboards. */
final class DashboardOperations {

  /** A dashboard as stored: its body and when it last changed. */
  record Dashboard(String name, String body, long lastModified) {}

  private final MetricsEngine engine;

  DashboardOperations(MetricsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PutDashboard", this::putDashboard);
    map.put("GetDashboard", this::getDashboard);
    map.put("ListDashboards", this::listDashboards);
    map.put("DeleteDashboards", this::deleteDashboards);
  }

  /** Dashboards are global: {@code arn:aws:cloudwatch::<account>:dashboard/<name>}. */
  private static String arn(MetricsState state, String name) {
    return "arn:aws:cloudwatch::" + state.account + ":dashboard/" + name;
  }

  /** The body must be a JSON object (Dashboard Body Structure and Syntax); widgets are not checked. */
  private ObjectNode putDashboard(RequestContext ctx, ObjectNode input) {
    String body = input.path("DashboardBody").asText();
    JsonNode parsed;
    try {
      parsed = Json.parse(body);
    } catch (RuntimeException e) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      throw invalidInput("The field DashboardBody must be a valid JSON object");
    }
    if (parsed.has("widgets") && !parsed.get("widgets").isArray()) {
      throw invalidInput("The field widgets must be an array");
    }
    String name = input.path("DashboardName").asText();
    engine.global(ctx).dashboards.put(name, new Dashboard(name, body, engine.now()));
    ObjectNode out = Json.object();
    out.putArray("DashboardValidationMessages");
    return out;
  }

  private ObjectNode getDashboard(RequestContext ctx, ObjectNode input) {
    MetricsState state = engine.global(ctx);
    String name = input.path("DashboardName").asText();
    Dashboard d = state.dashboards.get(name);
    if (d == null) {
      throw notFound(name);
    }
    return Json.object().put("DashboardArn", arn(state, name)).put("DashboardBody", d.body()).put("DashboardName", name);
  }

  private ObjectNode listDashboards(RequestContext ctx, ObjectNode input) {
    MetricsState state = engine.global(ctx);
    String prefix = input.path("DashboardNamePrefix").asText("");
    ObjectNode out = Json.object();
    ArrayNode entries = out.putArray("DashboardEntries");
    for (Dashboard d : state.dashboards.values()) {
      if (d.name().startsWith(prefix)) {
        entries.addObject()
            .put("DashboardName", d.name())
            .put("DashboardArn", arn(state, d.name()))
            .put("LastModified", d.lastModified() / 1000.0)
            .put("Size", d.body().getBytes(StandardCharsets.UTF_8).length);
      }
    }
    return out;
  }

  /** DeleteDashboards deletes all the named dashboards or, if one does not exist, none. */
  private ObjectNode deleteDashboards(RequestContext ctx, ObjectNode input) {
    MetricsState state = engine.global(ctx);
    List<String> names = new ArrayList<>();
    input.path("DashboardNames").forEach(n -> names.add(n.asText()));
    for (String name : names) {
      if (!state.dashboards.containsKey(name)) {
        throw notFound(name);
      }
    }
    names.forEach(state.dashboards::remove);
    return null;
  }

  private static AwsException notFound(String name) {
    return new AwsException("DashboardNotFoundError", "ResourceNotFound", "Dashboard " + name + " does not exist", 404, true);
  }

  private static AwsException invalidInput(String message) {
    return new AwsException("DashboardInvalidInputError", "InvalidParameterInput", message, 400, true);
  }
}
