package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.auth.Authorization;
import dev.fogbank.apigw.invoke.ResponseCache;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.Ids;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deployments (a frozen copy of the API that stages serve) and stages (a name, a deployment,
 * stage variables and method settings for throttling, caching and logging).
 */
public final class DeploymentOperations {

  /** The {@code /{resourcePath}/{httpMethod}/<group>/<setting>} paths of UpdateStage → MethodSetting members. */
  private static final Map<String, String> SETTINGS =
      Map.ofEntries(
          Map.entry("metrics/enabled", "metricsEnabled"),
          Map.entry("logging/loglevel", "loggingLevel"),
          Map.entry("logging/dataTrace", "dataTraceEnabled"),
          Map.entry("throttling/burstLimit", "throttlingBurstLimit"),
          Map.entry("throttling/rateLimit", "throttlingRateLimit"),
          Map.entry("caching/enabled", "cachingEnabled"),
          Map.entry("caching/ttlInSeconds", "cacheTtlInSeconds"),
          Map.entry("caching/dataEncrypted", "cacheDataEncrypted"),
          Map.entry("caching/requireAuthorizationForCacheControl", "requireAuthorizationForCacheControl"),
          Map.entry("caching/unauthorizedCacheControlHeaderStrategy", "unauthorizedCacheControlHeaderStrategy"));

  private final ApiGatewayEngine engine;
  private final ServiceModel model;
  private final ResponseCache cache;
  private final Authorization authorization;

  public DeploymentOperations(ApiGatewayEngine engine, ServiceModel model, ResponseCache cache, Authorization authorization) {
    this.engine = engine;
    this.model = model;
    this.cache = cache;
    this.authorization = authorization;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("CreateDeployment", this::createDeployment);
    map.put("GetDeployment", (ctx, in) -> deployment(api(ctx, in), in.path("deploymentId").asText()));
    map.put("GetDeployments", this::listDeployments);
    map.put("UpdateDeployment", this::updateDeployment);
    map.put("DeleteDeployment", this::deleteDeployment);
    map.put("CreateStage", this::createStage);
    map.put("GetStage", (ctx, in) -> stage(api(ctx, in), in.path("stageName").asText()));
    map.put("GetStages", this::listStages);
    map.put("UpdateStage", this::updateStage);
    map.put("DeleteStage", this::deleteStage);
    map.put("FlushStageCache", (ctx, in) -> {
      stage(api(ctx, in), in.path("stageName").asText());
      cache.flush(in.path("restApiId").asText(), in.path("stageName").asText());
      return null;
    });
    map.put("FlushStageAuthorizersCache", (ctx, in) -> {
      stage(api(ctx, in), in.path("stageName").asText());
      authorization.flush(in.path("restApiId").asText());
      return null;
    });
  }

  private RestApi api(RequestContext ctx, ObjectNode in) {
    return engine.api(ctx, in.path("restApiId").asText());
  }

  private static ObjectNode deployment(RestApi api, String id) {
    ObjectNode d = api.deployments.get(id);
    if (d == null) {
      throw ApiGatewayErrors.deploymentNotFound();
    }
    return d;
  }

  private static ObjectNode stage(RestApi api, String name) {
    ObjectNode s = api.stages.get(name);
    if (s == null) {
      throw ApiGatewayErrors.stageNotFound();
    }
    return s;
  }

  // ---------------------------------------------------------------- deployments

  private JsonNode createDeployment(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      boolean any = false;
      for (ApiResource r : api.resources.values()) {
        for (ObjectNode m : r.methods().values()) {
          any = true;
          if (!m.has("methodIntegration")) {
            throw ApiGatewayErrors.badRequest("No integration defined for method");
          }
        }
      }
      if (!any) {
        throw ApiGatewayErrors.badRequest("The REST API doesn't contain any methods");
      }
      String id = Ids.shortId();
      ObjectNode d = Json.object();
      d.put("id", id);
      RestApiOperations.copy(in, d, "description");
      d.put("createdDate", engine.nowSeconds());
      api.deployments.put(id, d);
      api.snapshots.put(id, api.freeze(id));
      String stageName = in.path("stageName").asText("");
      if (!stageName.isEmpty()) {
        ObjectNode existing = api.stages.get(stageName);
        if (existing != null && in.has("canarySettings")) {
          // A canary deployment: the stage keeps its deployment and sends a share of traffic to this one.
          ObjectNode updated = existing.deepCopy();
          ObjectNode canary = updated.putObject("canarySettings");
          canary.put("deploymentId", id);
          JsonNode c = in.get("canarySettings");
          canary.put("percentTraffic", c.path("percentTraffic").asDouble(0));
          if (c.has("stageVariableOverrides")) {
            canary.set("stageVariableOverrides", c.get("stageVariableOverrides"));
          }
          canary.put("useStageCache", c.path("useStageCache").asBoolean(false));
          updated.put("lastUpdatedDate", engine.nowSeconds());
          api.stages.put(stageName, updated);
        } else if (existing != null) {
          ObjectNode updated = existing.deepCopy();
          updated.put("deploymentId", id);
          if (in.has("variables")) {
            ObjectNode vars = updated.has("variables") ? (ObjectNode) updated.get("variables") : updated.putObject("variables");
            vars.setAll((ObjectNode) in.get("variables"));
          }
          updated.put("lastUpdatedDate", engine.nowSeconds());
          api.stages.put(stageName, updated);
        } else {
          ObjectNode s = Json.object();
          s.put("stageName", stageName);
          s.put("deploymentId", id);
          if (in.has("stageDescription")) {
            s.put("description", in.path("stageDescription").asText());
          }
          RestApiOperations.copy(in, s, "variables", "cacheClusterEnabled", "cacheClusterSize", "tracingEnabled");
          api.stages.put(stageName, newStage(s));
        }
      }
      return d;
    }
  }

  private JsonNode listDeployments(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      return Paging.page(new ArrayList<>(api.deployments.values()), in);
    }
  }

  private JsonNode updateDeployment(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      ObjectNode d = deployment(api, in.path("deploymentId").asText());
      Patch.apply(d, in, model.shape("Deployment"), Set.of("id", "createdDate", "apiSummary"));
      return d;
    }
  }

  private JsonNode deleteDeployment(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String id = in.path("deploymentId").asText();
      deployment(api, id);
      for (ObjectNode s : api.stages.values()) {
        if (id.equals(s.path("deploymentId").asText())) {
          throw ApiGatewayErrors.badRequest("Active stages pointing to this deployment must be moved or deleted");
        }
      }
      api.deployments.remove(id);
      api.snapshots.remove(id);
    }
    return null;
  }

  // ---------------------------------------------------------------- stages

  /** A stage with API Gateway's defaults filled in. */
  private ObjectNode newStage(ObjectNode s) {
    if (!s.has("cacheClusterEnabled")) {
      s.put("cacheClusterEnabled", false);
    }
    if (s.path("cacheClusterEnabled").asBoolean()) {
      s.put("cacheClusterSize", s.path("cacheClusterSize").asText("0.5"));
      s.put("cacheClusterStatus", "AVAILABLE");
    } else {
      s.put("cacheClusterStatus", "NOT_AVAILABLE");
    }
    if (!s.has("tracingEnabled")) {
      s.put("tracingEnabled", false);
    }
    if (!s.has("methodSettings")) {
      s.putObject("methodSettings");
    }
    s.put("createdDate", engine.nowSeconds());
    s.put("lastUpdatedDate", engine.nowSeconds());
    return s;
  }

  private JsonNode createStage(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String name = in.path("stageName").asText();
      if (!name.matches("[a-zA-Z0-9_-]+")) {
        throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_");
      }
      deployment(api, in.path("deploymentId").asText());
      if (api.stages.containsKey(name)) {
        throw ApiGatewayErrors.conflict("Stage already exists");
      }
      ObjectNode s = Json.object();
      s.put("stageName", name);
      s.put("deploymentId", in.path("deploymentId").asText());
      RestApiOperations.copy(in, s, "description", "variables", "cacheClusterEnabled", "cacheClusterSize", "tracingEnabled",
          "canarySettings", "documentationVersion", "tags");
      if (in.has("tags") && in.get("tags").size() > 0) {
        Tags.put(engine.state(ctx), RestApiOperations.arn(ctx.region(), api.id()) + "/stages/" + name, in.get("tags"));
      }
      ObjectNode stage = newStage(s);
      api.stages.put(name, stage);
      return stage;
    }
  }

  private JsonNode listStages(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    List<ObjectNode> all = new ArrayList<>();
    String deploymentId = in.path("deploymentId").asText(null);
    for (ObjectNode s : api.stages.values()) {
      if (deploymentId == null || deploymentId.equals(s.path("deploymentId").asText())) {
        all.add(s);
      }
    }
    all.sort((a, b) -> a.path("stageName").asText().compareTo(b.path("stageName").asText()));
    ObjectNode out = Json.object();
    all.forEach(out.putArray("item")::add);
    return out;
  }

  private JsonNode updateStage(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String name = in.path("stageName").asText();
      ObjectNode copy = stage(api, name).deepCopy();
      for (Patch.Operation op : Patch.operations(in)) {
        if (op.path().size() >= 3 && model.shape("Stage").member(op.path().get(0)) == null) {
          methodSetting(copy, op);
          continue;
        }
        Patch.apply(copy, op, model.shape("Stage"),
            Set.of("stageName", "createdDate", "lastUpdatedDate", "cacheClusterStatus", "methodSettings", "tags"));
      }
      deployment(api, copy.path("deploymentId").asText());
      copy.put("cacheClusterStatus", copy.path("cacheClusterEnabled").asBoolean() ? "AVAILABLE" : "NOT_AVAILABLE");
      if (copy.path("cacheClusterEnabled").asBoolean() && !copy.has("cacheClusterSize")) {
        copy.put("cacheClusterSize", "0.5");
      }
      copy.put("lastUpdatedDate", engine.nowSeconds());
      api.stages.put(name, copy);
      return copy;
    }
  }

  /** {@code /{resourcePath}/{httpMethod}/throttling/rateLimit}, with {@code *} for every resource or method. */
  private void methodSetting(ObjectNode stage, Patch.Operation op) {
    List<String> p = op.path();
    String setting = String.join("/", p.subList(p.size() - 2, p.size()));
    String member = SETTINGS.get(setting);
    if (member == null || p.size() != 4) {
      throw Patch.invalidPath(op);
    }
    // The key keeps the resource path as the patch path escapes it: "~1pets/GET", "*/*".
    String key = escape(p.get(0)) + "/" + p.get(1);
    ObjectNode settings = (ObjectNode) stage.get("methodSettings");
    ObjectNode one = settings.has(key) ? (ObjectNode) settings.get(key) : defaults(settings.putObject(key));
    if (op.op().equals("remove")) {
      settings.remove(key);
      return;
    }
    one.set(member, Patch.coerce(model.shape("MethodSetting").member(member).shape(), op.value(), op));
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** A MethodSetting as API Gateway first reports it. */
  private static ObjectNode defaults(ObjectNode s) {
    s.put("metricsEnabled", false);
    s.put("dataTraceEnabled", false);
    s.put("throttlingBurstLimit", 5000);
    s.put("throttlingRateLimit", 10000.0);
    s.put("cachingEnabled", false);
    s.put("cacheTtlInSeconds", 300);
    s.put("cacheDataEncrypted", false);
    s.put("requireAuthorizationForCacheControl", true);
    s.put("unauthorizedCacheControlHeaderStrategy", "SUCCEED_WITH_RESPONSE_HEADER");
    return s;
  }

  private JsonNode deleteStage(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String name = in.path("stageName").asText();
      stage(api, name);
      api.stages.remove(name);
      engine.context().governor().forget("apigw:" + api.id() + ":" + name + ":");
    }
    return null;
  }
}
