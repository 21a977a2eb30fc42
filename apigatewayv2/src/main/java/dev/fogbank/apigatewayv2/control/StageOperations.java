package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stages (with {@code $default} and AutoDeploy, route settings, stage variables, access logs) and
 * deployments. Stage settings take effect at once; routes and integrations only by deployment.
 */
public final class StageOperations {

  private final ApiStore store;
  private final Clock clock;
  private final Tags tags;
  private final Consumer<String> authorizerCacheReset;
  private final java.util.function.BiConsumer<String, String> stageDeleted;

  public StageOperations(
      ApiStore store, Clock clock, Tags tags, Consumer<String> authorizerCacheReset, java.util.function.BiConsumer<String, String> stageDeleted) {
    this.store = store;
    this.clock = clock;
    this.tags = tags;
    this.authorizerCacheReset = authorizerCacheReset;
    this.stageDeleted = stageDeleted;
  }

  public void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateStage", this::createStage);
    handlers.put("GetStage", (ctx, in) -> withApi(ctx, in, api -> view(api, stage(api, ctx, in))));
    handlers.put("GetStages", (ctx, in) -> withApi(ctx, in, api -> {
      List<ObjectNode> items = new ArrayList<>();
      api.stages().values().forEach(s -> items.add(view(api, s)));
      return Resources.items(items, in);
    }));
    handlers.put("UpdateStage", this::updateStage);
    handlers.put("DeleteStage", (ctx, in) -> withApi(ctx, in, api -> {
      stage(api, ctx, in);
      api.stages().remove(in.path("StageName").asText());
      tags.removeUnder(Tags.stageArn(api.region(), api.id(), in.path("StageName").asText()));
      stageDeleted.accept(api.id(), in.path("StageName").asText());
      return null;
    }));
    handlers.put("DeleteAccessLogSettings", (ctx, in) -> withApi(ctx, in, api -> {
      stage(api, ctx, in).remove("AccessLogSettings");
      return null;
    }));
    handlers.put("DeleteRouteSettings", (ctx, in) -> withApi(ctx, in, api -> {
      JsonNode settings = stage(api, ctx, in).path("RouteSettings");
      String key = in.path("RouteKey").asText();
      if (!settings.has(key)) {
        throw V2Errors.notFound("Invalid route settings identifier specified " + ctx.account() + ":" + key);
      }
      ((ObjectNode) settings).remove(key);
      return null;
    }));
    handlers.put("ResetAuthorizersCache", (ctx, in) -> withApi(ctx, in, api -> {
      stage(api, ctx, in);
      authorizerCacheReset.accept(api.id() + "/" + in.path("StageName").asText() + "/");
      return null;
    }));
    handlers.put("CreateDeployment", this::createDeployment);
    handlers.put("GetDeployment", (ctx, in) -> withApi(ctx, in, api -> deployment(api, ctx, in).deepCopy()));
    handlers.put("GetDeployments", (ctx, in) -> withApi(ctx, in, api -> Resources.items(api.deployments().values(), in)));
    handlers.put("UpdateDeployment", (ctx, in) -> withApi(ctx, in, api -> {
      ObjectNode d = deployment(api, ctx, in);
      if (in.hasNonNull("Description")) {
        d.put("Description", in.path("Description").asText());
      }
      return d.deepCopy();
    }));
    handlers.put("DeleteDeployment", (ctx, in) -> withApi(ctx, in, api -> {
      String id = in.path("DeploymentId").asText();
      deployment(api, ctx, in);
      for (ObjectNode stage : api.stages().values()) {
        if (stage.path("DeploymentId").asText().equals(id)) {
          throw V2Errors.badRequest("Active stages pointing to this deployment must be moved or deleted");
        }
      }
      api.deployments().remove(id);
      api.dropSnapshot(id);
      return null;
    }));
  }

  private JsonNode withApi(RequestContext ctx, ObjectNode in, ApiWork.Work work) {
    Api api = store.get(ctx.account(), ctx.region(), in.path("ApiId").asText());
    synchronized (api) {
      return work.on(api);
    }
  }

  private static ObjectNode stage(Api api, RequestContext ctx, ObjectNode in) {
    String name = in.path("StageName").asText();
    ObjectNode stage = api.stages().get(name);
    if (stage == null) {
      throw V2Errors.notFound("Invalid stage identifier specified");
    }
    return stage;
  }

  private static ObjectNode deployment(Api api, RequestContext ctx, ObjectNode in) {
    return Resources.get(api.deployments(), in.path("DeploymentId").asText(), "Deployment", ctx.account());
  }

  private ObjectNode view(Api api, ObjectNode stage) {
    ObjectNode out = stage.deepCopy();
    ObjectNode t = tags.get(Tags.stageArn(api.region(), api.id(), stage.path("StageName").asText()));
    out.set("Tags", t == null ? Json.object() : t);
    return out;
  }

  /**
   * Stage variables (AWS: "Stage variables"): names of letters, digits and underscores; values of
   * letters, digits and {@code -._~:/?#&=,} (and spaces), at most 2048 characters.
   */
  private static void checkVariables(JsonNode variables) {
    if (variables == null || !variables.isObject()) {
      return;
    }
    variables.fields().forEachRemaining(v -> {
      if (!v.getKey().matches("[A-Za-z0-9_]{1,64}")) {
        throw V2Errors.badRequest("Stage variable name " + v.getKey() + " is invalid: only alphanumeric characters and underscores are allowed");
      }
      String value = v.getValue().asText();
      if (value.length() > 2048 || !value.matches("[A-Za-z0-9\\-._~:/?#&=, ]*")) {
        throw V2Errors.badRequest("Stage variable value " + value + " is invalid: only alphanumeric characters and -._~:/?#&=, are allowed");
      }
    });
  }

  private JsonNode createStage(RequestContext ctx, ObjectNode in) {
    checkVariables(in.get("StageVariables"));
    return withApi(ctx, in, api -> {
      String name = in.path("StageName").asText();
      if (name.equals("$default") && api.isWebSocket()) {
        throw V2Errors.badRequest("Stage name $default is supported only for HTTP APIs");
      }
      if (!name.equals("$default") && !name.matches("[A-Za-z0-9_\\-]+")) {
        throw V2Errors.badRequest("Stage name only allows a-zA-Z0-9_-");
      }
      if (api.stages().containsKey(name)) {
        throw V2Errors.conflict("Stage " + name + " already exists");
      }
      if (in.hasNonNull("DeploymentId") && !api.deployments().containsKey(in.path("DeploymentId").asText())) {
        throw V2Errors.badRequest("Invalid deployment identifier specified " + ctx.account() + ":" + in.path("DeploymentId").asText());
      }
      ObjectNode stage = Json.object();
      stage.put("StageName", name);
      stage.put("CreatedDate", clock.now().getEpochSecond());
      stage.put("LastUpdatedDate", clock.now().getEpochSecond());
      stage.putObject("DefaultRouteSettings").put("DetailedMetricsEnabled", false);
      stage.putObject("RouteSettings");
      stage.putObject("StageVariables");
      Resources.update(stage, in, "StageName");
      stage.remove("Tags");
      if (!api.isWebSocket() && !stage.has("AutoDeploy")) {
        stage.put("AutoDeploy", false);
      }
      if (api.isWebSocket()) {
        ObjectNode defaults = (ObjectNode) stage.path("DefaultRouteSettings");
        defaults.put("DataTraceEnabled", defaults.path("DataTraceEnabled").asBoolean(false));
        defaults.put("LoggingLevel", defaults.path("LoggingLevel").asText("OFF"));
      }
      api.stages().put(name, stage);
      tags.put(Tags.stageArn(api.region(), api.id(), name), in.path("Tags"));
      if (stage.path("AutoDeploy").asBoolean(false) && !api.routes().isEmpty()) {
        api.changed(clock);
      }
      return view(api, stage);
    });
  }

  private JsonNode updateStage(RequestContext ctx, ObjectNode in) {
    checkVariables(in.get("StageVariables"));
    return withApi(ctx, in, api -> {
      ObjectNode stage = stage(api, ctx, in);
      if (in.hasNonNull("DeploymentId") && !api.deployments().containsKey(in.path("DeploymentId").asText())) {
        throw V2Errors.badRequest("Invalid deployment identifier specified " + ctx.account() + ":" + in.path("DeploymentId").asText());
      }
      boolean wasAuto = stage.path("AutoDeploy").asBoolean(false);
      JsonNode routeSettings = in.get("RouteSettings");
      ObjectNode input = in.deepCopy();
      input.remove("RouteSettings");
      Resources.update(stage, input, "StageName");
      if (routeSettings != null && routeSettings.isObject()) {
        // Route settings merge by route key, as the PATCH of one route's settings leaves the others.
        ((ObjectNode) stage.path("RouteSettings")).setAll((ObjectNode) routeSettings.deepCopy());
      }
      stage.put("LastUpdatedDate", clock.now().getEpochSecond());
      if (!wasAuto && stage.path("AutoDeploy").asBoolean(false) && !api.routes().isEmpty()) {
        api.changed(clock);
      }
      return view(api, stage);
    });
  }

  private JsonNode createDeployment(RequestContext ctx, ObjectNode in) {
    return withApi(ctx, in, api -> {
      if (api.routes().isEmpty()) {
        throw V2Errors.badRequest("At least one route is required before deploying the Api.");
      }
      String stageName = Resources.text(in, "StageName");
      ObjectNode stage = null;
      if (stageName != null) {
        stage = api.stages().get(stageName);
        if (stage == null) {
          throw V2Errors.badRequest("Invalid stage identifier specified");
        }
      }
      ObjectNode d = api.deploy(clock, Resources.text(in, "Description"), false);
      if (stage != null) {
        stage.put("DeploymentId", d.path("DeploymentId").asText());
        stage.put("LastUpdatedDate", clock.now().getEpochSecond());
      }
      return d.deepCopy();
    });
  }
}
