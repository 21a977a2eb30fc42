package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.Map;

/** Models (JSON schemas of WebSocket APIs' messages), recorded by name with their schema. */
public final class ModelOperations {

  private final ApiStore store;

  public ModelOperations(ApiStore store) {
    this.store = store;
  }

  public void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateModel", (ctx, in) -> withApi(ctx, in, api -> {
      String name = in.path("Name").asText();
      for (ObjectNode m : api.models().values()) {
        if (m.path("Name").asText().equals(name)) {
          throw V2Errors.conflict("Model name already exists for this API");
        }
      }
      checkSchema(in);
      ObjectNode input = in.deepCopy();
      if (!input.has("ContentType")) {
        input.put("ContentType", "application/json");
      }
      return Resources.create(api.models(), "ModelId", 6, input).deepCopy();
    }));
    handlers.put("GetModel", (ctx, in) -> withApi(ctx, in, api -> model(api, ctx, in).deepCopy()));
    handlers.put("GetModels", (ctx, in) -> withApi(ctx, in, api -> Resources.items(api.models().values(), in)));
    handlers.put("UpdateModel", (ctx, in) -> withApi(ctx, in, api -> {
      ObjectNode m = model(api, ctx, in);
      if (in.has("Schema")) {
        checkSchema(in);
      }
      Resources.update(m, in, "ModelId");
      return m.deepCopy();
    }));
    handlers.put("GetModelTemplate", (ctx, in) -> withApi(ctx, in, api -> {
      ObjectNode m = model(api, ctx, in);
      JsonNode schema;
      try {
        schema = Json.parse(m.path("Schema").asText());
      } catch (IllegalArgumentException e) {
        schema = Json.object();
      }
      return Json.object().put("Value", ModelTemplate.of(schema));
    }));
    handlers.put("DeleteModel", (ctx, in) -> withApi(ctx, in, api -> {
      model(api, ctx, in);
      api.models().remove(in.path("ModelId").asText());
      return null;
    }));
  }

  private JsonNode withApi(RequestContext ctx, ObjectNode in, ApiWork.Work work) {
    Api api = store.get(ctx.account(), ctx.region(), in.path("ApiId").asText());
    synchronized (api) {
      return work.on(api);
    }
  }

  private static ObjectNode model(Api api, RequestContext ctx, ObjectNode in) {
    return Resources.get(api.models(), in.path("ModelId").asText(), "Model", ctx.account());
  }

  /** A model's schema is a JSON schema document. */
  private static void checkSchema(ObjectNode in) {
    JsonNode schema;
    try {
      schema = Json.parse(in.path("Schema").asText());
    } catch (IllegalArgumentException e) {
      schema = null;
    }
    if (schema == null || !schema.isObject()) {
      throw V2Errors.badRequest("Invalid model schema specified. The schema must be a JSON object");
    }
  }
}
