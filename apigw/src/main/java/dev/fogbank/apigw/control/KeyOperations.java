package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.state.ApiGatewayState;
import dev.fogbank.apigw.state.Ids;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.apigw.throttle.Quotas;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** API keys, usage plans, usage plan keys, and GetUsage. */
public final class KeyOperations {

  private final ApiGatewayEngine engine;
  private final ServiceModel model;
  private final Quotas quotas;

  public KeyOperations(ApiGatewayEngine engine, ServiceModel model, Quotas quotas) {
    this.engine = engine;
    this.model = model;
    this.quotas = quotas;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("CreateApiKey", this::createKey);
    map.put("GetApiKey", (ctx, in) -> shown(key(ctx, in.path("apiKey").asText()), in.path("includeValue").asBoolean(false)));
    map.put("GetApiKeys", this::listKeys);
    map.put("UpdateApiKey", this::updateKey);
    map.put("DeleteApiKey", this::deleteKey);
    map.put("CreateUsagePlan", this::createPlan);
    map.put("GetUsagePlan", (ctx, in) -> plan(ctx, in.path("usagePlanId").asText()));
    map.put("GetUsagePlans", this::listPlans);
    map.put("UpdateUsagePlan", this::updatePlan);
    map.put("DeleteUsagePlan", this::deletePlan);
    map.put("CreateUsagePlanKey", this::createPlanKey);
    map.put("GetUsagePlanKey", this::getPlanKey);
    map.put("GetUsagePlanKeys", this::listPlanKeys);
    map.put("DeleteUsagePlanKey", this::deletePlanKey);
    map.put("GetUsage", this::usage);
  }

  // ---------------------------------------------------------------- API keys

  private ObjectNode key(RequestContext ctx, String id) {
    ObjectNode k = engine.state(ctx).apiKeys.get(id);
    if (k == null) {
      throw ApiGatewayErrors.notFound("Invalid API Key identifier specified");
    }
    return k;
  }

  private static ObjectNode shown(ObjectNode key, boolean withValue) {
    ObjectNode out = key.deepCopy();
    if (!withValue) {
      out.remove("value");
    }
    return out;
  }

  private JsonNode createKey(RequestContext ctx, ObjectNode in) {
    ApiGatewayState state = engine.state(ctx);
    String value = in.path("value").asText(null);
    if (value != null) {
      if (value.length() < 20) {
        throw ApiGatewayErrors.badRequest("API Key value should be at least 20 characters");
      }
      for (ObjectNode k : state.apiKeys.values()) {
        if (k.path("value").asText().equals(value)) {
          throw ApiGatewayErrors.conflict("API Key value already exists");
        }
      }
    }
    ObjectNode key = Json.object();
    String id = Ids.of(10);
    key.put("id", id);
    key.put("value", value != null ? value : Ids.apiKeyValue());
    RestApiOperations.copy(in, key, "name", "customerId", "description", "tags");
    key.put("enabled", in.path("enabled").asBoolean(false));
    key.put("createdDate", engine.nowSeconds());
    key.put("lastUpdatedDate", engine.nowSeconds());
    ArrayNode stageKeys = key.putArray("stageKeys");
    for (JsonNode sk : in.path("stageKeys")) {
      stageKeys.add(sk.path("restApiId").asText() + "/" + sk.path("stageName").asText());
    }
    state.apiKeys.put(id, key);
    return key;
  }

  private JsonNode listKeys(RequestContext ctx, ObjectNode in) {
    boolean values = in.path("includeValues").asBoolean(false);
    String name = in.path("nameQuery").asText(null);
    String customer = in.path("customerId").asText(null);
    List<ObjectNode> all = new ArrayList<>();
    engine.state(ctx).apiKeys.values().stream()
        .sorted(Comparator.comparing((ObjectNode k) -> k.path("createdDate").asLong()).thenComparing(k -> k.path("id").asText()))
        .filter(k -> name == null || k.path("name").asText().startsWith(name))
        .filter(k -> customer == null || customer.equals(k.path("customerId").asText(null)))
        .forEach(k -> all.add(shown(k, values)));
    return Paging.page(all, in);
  }

  private JsonNode updateKey(RequestContext ctx, ObjectNode in) {
    ObjectNode key = key(ctx, in.path("apiKey").asText());
    synchronized (key) {
      ObjectNode copy = key.deepCopy();
      Patch.apply(copy, in, model.shape("ApiKey"), Set.of("id", "value", "createdDate", "lastUpdatedDate", "tags"));
      copy.put("lastUpdatedDate", engine.nowSeconds());
      key.setAll(copy);
      return shown(key, false);
    }
  }

  private JsonNode deleteKey(RequestContext ctx, ObjectNode in) {
    String id = in.path("apiKey").asText();
    key(ctx, id);
    ApiGatewayState state = engine.state(ctx);
    state.apiKeys.remove(id);
    state.usagePlanKeys.values().forEach(m -> m.remove(id));
    return null;
  }

  // ---------------------------------------------------------------- usage plans

  private ObjectNode plan(RequestContext ctx, String id) {
    ObjectNode p = engine.state(ctx).usagePlans.get(id);
    if (p == null) {
      throw ApiGatewayErrors.notFound("Invalid Usage Plan ID specified");
    }
    return p;
  }

  private void checkStages(RequestContext ctx, JsonNode apiStages) {
    for (JsonNode s : apiStages) {
      RestApi api = engine.state(ctx).apis.get(s.path("apiId").asText());
      if (api == null || !api.stages.containsKey(s.path("stage").asText())) {
        throw ApiGatewayErrors.badRequest("API Stage not found: " + s.path("apiId").asText() + ":" + s.path("stage").asText());
      }
    }
  }

  private JsonNode createPlan(RequestContext ctx, ObjectNode in) {
    if (!in.hasNonNull("name")) {
      throw ApiGatewayErrors.badRequest("Usage plan name must be non-empty");
    }
    checkStages(ctx, in.path("apiStages"));
    ObjectNode plan = Json.object();
    String id = Ids.shortId();
    plan.put("id", id);
    RestApiOperations.copy(in, plan, "name", "description", "throttle", "quota", "tags");
    plan.set("apiStages", in.has("apiStages") ? in.get("apiStages") : Json.NODES.arrayNode());
    engine.state(ctx).usagePlans.put(id, plan);
    return plan;
  }

  private JsonNode listPlans(RequestContext ctx, ObjectNode in) {
    String keyId = in.path("keyId").asText(null);
    ApiGatewayState state = engine.state(ctx);
    List<ObjectNode> all = new ArrayList<>();
    for (ObjectNode p : state.usagePlans.values()) {
      if (keyId == null || state.usagePlanKeys.getOrDefault(p.path("id").asText(), Map.of()).containsKey(keyId)) {
        all.add(p);
      }
    }
    return Paging.page(all, in);
  }

  private JsonNode updatePlan(RequestContext ctx, ObjectNode in) {
    ObjectNode plan = plan(ctx, in.path("usagePlanId").asText());
    synchronized (plan) {
      ObjectNode copy = plan.deepCopy();
      for (Patch.Operation op : Patch.operations(in)) {
        if (op.path().size() == 1 && op.path().get(0).equals("apiStages")) {
          // "/apiStages" with value "apiId:stage": add or remove one API stage
          String[] v = op.value() == null ? new String[0] : op.value().split(":");
          if (v.length != 2) {
            throw Patch.invalidPath(op);
          }
          ArrayNode stages = (ArrayNode) copy.withArray("apiStages");
          if (op.op().equals("add")) {
            ObjectNode s = Json.object().put("apiId", v[0]).put("stage", v[1]);
            checkStages(ctx, Json.NODES.arrayNode().add(s));
            stages.add(s);
          } else if (op.op().equals("remove")) {
            for (int i = stages.size() - 1; i >= 0; i--) {
              if (stages.get(i).path("apiId").asText().equals(v[0]) && stages.get(i).path("stage").asText().equals(v[1])) {
                stages.remove(i);
              }
            }
          } else {
            throw Patch.invalidPath(op);
          }
          continue;
        }
        Patch.apply(copy, op, model.shape("UsagePlan"), Set.of("id", "tags", "productCode"));
      }
      plan.removeAll();
      plan.setAll(copy);
      return plan;
    }
  }

  private JsonNode deletePlan(RequestContext ctx, ObjectNode in) {
    String id = in.path("usagePlanId").asText();
    plan(ctx, id);
    engine.state(ctx).usagePlans.remove(id);
    engine.state(ctx).usagePlanKeys.remove(id);
    return null;
  }

  // ---------------------------------------------------------------- usage plan keys

  private JsonNode createPlanKey(RequestContext ctx, ObjectNode in) {
    String planId = in.path("usagePlanId").asText();
    plan(ctx, planId);
    if (!in.path("keyType").asText().equals("API_KEY")) {
      throw ApiGatewayErrors.badRequest("Invalid key type specified. Valid options are API_KEY");
    }
    ObjectNode key = key(ctx, in.path("keyId").asText());
    Map<String, ObjectNode> keys = engine.state(ctx).usagePlanKeys.computeIfAbsent(planId, k -> new ConcurrentHashMap<>());
    if (keys.containsKey(key.path("id").asText())) {
      throw ApiGatewayErrors.conflict("Usage Plan " + planId + " cannot be added because API Key "
          + key.path("id").asText() + " cannot reference multiple Usage Plans with the same API Stage");
    }
    ObjectNode pk = Json.object();
    pk.put("id", key.path("id").asText());
    pk.put("type", "API_KEY");
    pk.put("value", key.path("value").asText());
    if (key.has("name")) {
      pk.put("name", key.path("name").asText());
    }
    keys.put(pk.path("id").asText(), pk);
    return pk;
  }

  private JsonNode getPlanKey(RequestContext ctx, ObjectNode in) {
    String planId = in.path("usagePlanId").asText();
    plan(ctx, planId);
    ObjectNode pk = engine.state(ctx).usagePlanKeys.getOrDefault(planId, Map.of()).get(in.path("keyId").asText());
    if (pk == null) {
      throw ApiGatewayErrors.notFound("Invalid Usage Plan Key identifier specified");
    }
    return pk;
  }

  private JsonNode listPlanKeys(RequestContext ctx, ObjectNode in) {
    String planId = in.path("usagePlanId").asText();
    plan(ctx, planId);
    return Paging.page(new ArrayList<>(engine.state(ctx).usagePlanKeys.getOrDefault(planId, Map.of()).values()), in);
  }

  private JsonNode deletePlanKey(RequestContext ctx, ObjectNode in) {
    String planId = in.path("usagePlanId").asText();
    plan(ctx, planId);
    Map<String, ObjectNode> keys = engine.state(ctx).usagePlanKeys.getOrDefault(planId, Map.of());
    if (keys.remove(in.path("keyId").asText()) == null) {
      throw ApiGatewayErrors.notFound("Invalid Usage Plan Key identifier specified");
    }
    return null;
  }

  /** GetUsage: per key, one {@code [used, remaining]} pair per day from startDate to endDate. */
  private JsonNode usage(RequestContext ctx, ObjectNode in) {
    String planId = in.path("usagePlanId").asText();
    ObjectNode plan = plan(ctx, planId);
    LocalDate start;
    LocalDate end;
    try {
      start = LocalDate.parse(in.path("startDate").asText());
      end = LocalDate.parse(in.path("endDate").asText());
    } catch (RuntimeException e) {
      throw ApiGatewayErrors.badRequest("Invalid date format. Must be yyyy-MM-dd");
    }
    if (end.isBefore(start)) {
      throw ApiGatewayErrors.badRequest("The usage data date range cannot start after it ends");
    }
    ObjectNode out = Json.object();
    out.put("usagePlanId", planId);
    out.put("startDate", start.toString());
    out.put("endDate", end.toString());
    ObjectNode values = out.putObject("items");
    String only = in.path("keyId").asText(null);
    for (String keyId : engine.state(ctx).usagePlanKeys.getOrDefault(planId, Map.of()).keySet()) {
      if (only != null && !only.equals(keyId)) {
        continue;
      }
      ArrayNode days = values.putArray(keyId);
      long remaining = quotas.remaining(plan, keyId);
      for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
        days.addArray().add(quotas.used(planId, keyId, d)).add(remaining < 0 ? 0 : remaining);
      }
    }
    return out;
  }
}
