package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.Ids;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateRestApi, GetRestApi(s), UpdateRestApi, DeleteRestApi. */
public final class RestApiOperations {

  private final ApiGatewayEngine engine;
  private final ServiceModel model;

  public RestApiOperations(ApiGatewayEngine engine, ServiceModel model) {
    this.engine = engine;
    this.model = model;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("CreateRestApi", this::createOrClone);
    map.put("GetRestApi", (ctx, in) -> engine.api(ctx, in.path("restApiId").asText()).info());
    map.put("GetRestApis", this::list);
    map.put("UpdateRestApi", this::update);
    map.put("DeleteRestApi", this::delete);
  }

  private JsonNode createOrClone(RequestContext ctx, ObjectNode in) {
    RestApi source = null;
    if (in.hasNonNull("cloneFrom")) {
      source = engine.api(ctx, in.path("cloneFrom").asText());
    }
    RestApi api = create(ctx, in);
    if (source != null) {
      synchronized (source) {
        cloneInto(source, api);
      }
    }
    return api.info();
  }

  /** A new API with its root resource, registered; {@code in} is CreateRestApi's input. */
  public RestApi create(RequestContext ctx, ObjectNode in) {
    String name = in.path("name").asText("");
    if (name.isBlank()) {
      throw ApiGatewayErrors.badRequest("Invalid API name specified");
    }
    ObjectNode info = Json.object();
    String id = Ids.api();
    while (engine.apiById(id) != null) {
      id = Ids.api();
    }
    info.put("id", id);
    info.put("name", name);
    copy(in, info, "description", "version", "binaryMediaTypes", "minimumCompressionSize", "policy");
    info.put("createdDate", engine.nowSeconds());
    info.put("apiKeySource", in.path("apiKeySource").asText("HEADER"));
    if (in.has("endpointConfiguration")) {
      info.set("endpointConfiguration", in.get("endpointConfiguration"));
    } else {
      info.putObject("endpointConfiguration").putArray("types").add("EDGE");
    }
    info.put("disableExecuteApiEndpoint", in.path("disableExecuteApiEndpoint").asBoolean(false));
    String rootId = Ids.api();
    info.put("rootResourceId", rootId);
    if (in.has("tags") && in.get("tags").size() > 0) {
      info.set("tags", in.get("tags"));
      Tags.put(engine.state(ctx), arn(ctx.region(), id), in.get("tags"));
    }
    RestApi api = new RestApi(ctx.account(), ctx.region(), info);
    api.resources.put(rootId, new ApiResource(rootId, null, null, "/"));
    engine.register(api);
    return api;
  }

  public static String arn(String region, String apiId) {
    return "arn:aws:apigateway:" + region + "::/restapis/" + apiId;
  }

  private static void cloneInto(RestApi from, RestApi to) {
    ApiResource root = to.resources.get(to.rootResourceId());
    to.resources.clear();
    Map<String, String> ids = new java.util.HashMap<>();
    ids.put(from.rootResourceId(), root.id());
    for (ApiResource r : from.resources.values()) {
      ids.putIfAbsent(r.id(), Ids.shortId());
    }
    for (ApiResource r : from.resources.values()) {
      ApiResource c = new ApiResource(ids.get(r.id()), r.parentId() == null ? null : ids.get(r.parentId()), r.pathPart(), r.path());
      r.methods().forEach((k, v) -> c.methods().put(k, v.deepCopy()));
      to.resources.put(c.id(), c);
    }
    from.models.forEach((k, v) -> to.models.put(k, v.deepCopy()));
    from.validators.forEach((k, v) -> to.validators.put(k, v.deepCopy()));
    from.authorizers.forEach((k, v) -> to.authorizers.put(k, v.deepCopy()));
    from.gatewayResponses.forEach((k, v) -> to.gatewayResponses.put(k, v.deepCopy()));
  }

  static void copy(ObjectNode from, ObjectNode to, String... names) {
    for (String n : names) {
      if (from.hasNonNull(n)) {
        to.set(n, from.get(n));
      }
    }
  }

  private JsonNode list(RequestContext ctx, ObjectNode in) {
    List<ObjectNode> all = new ArrayList<>();
    engine.state(ctx).apis.values().stream()
        .sorted(Comparator.comparing((RestApi a) -> a.info().path("createdDate").asLong()).thenComparing(RestApi::id))
        .forEach(a -> all.add(a.info()));
    return Paging.page(all, in);
  }

  private JsonNode update(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    synchronized (api) {
      ObjectNode copy = api.info().deepCopy();
      for (Patch.Operation op : Patch.operations(in)) {
        if (op.path().size() == 1 && op.path().get(0).equals("binaryMediaTypes") && op.op().equals("replace")) {
          copy.set("binaryMediaTypes", Patch.coerce(model.shape("ListOfString"), op.value(), op));
          continue;
        }
        Patch.apply(copy, op, model.shape("RestApi"), Set.of("id", "createdDate", "rootResourceId", "warnings", "tags"));
      }
      api.info().removeAll();
      api.info().setAll(copy);
      return api.info();
    }
  }

  private JsonNode delete(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    engine.unregister(api);
    engine.state(ctx).tags.remove(arn(ctx.region(), api.id()));
    return null;
  }
}
