package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.invoke.GatewayResponses;
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
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What an API holds besides resources: authorizers, models (JSON Schema draft 4), request
 * validators and gateway responses — each created, read, listed, patched and deleted with API
 * Gateway's messages.
 */
public final class ApiParts {

  private final ApiGatewayEngine engine;
  private final ServiceModel model;

  public ApiParts(ApiGatewayEngine engine, ServiceModel model) {
    this.engine = engine;
    this.model = model;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("CreateAuthorizer", this::createAuthorizer);
    map.put("GetAuthorizer", (ctx, in) -> get(ctx, in, a -> a.authorizers, "authorizerId", "Invalid Authorizer identifier specified"));
    map.put("GetAuthorizers", (ctx, in) -> list(ctx, in, a -> a.authorizers));
    map.put("UpdateAuthorizer", (ctx, in) -> update(ctx, in, a -> a.authorizers, "authorizerId", "Invalid Authorizer identifier specified", "Authorizer"));
    map.put("DeleteAuthorizer", this::deleteAuthorizer);
    map.put("CreateModel", this::createModel);
    map.put("GetModel", (ctx, in) -> get(ctx, in, a -> a.models, "modelName", "Invalid model name specified: " + in.path("modelName").asText()));
    map.put("GetModels", (ctx, in) -> list(ctx, in, a -> a.models));
    map.put("UpdateModel", (ctx, in) -> update(ctx, in, a -> a.models, "modelName", "Invalid model name specified: " + in.path("modelName").asText(), "Model"));
    map.put("DeleteModel", this::deleteModel);
    map.put("CreateRequestValidator", this::createValidator);
    map.put("GetRequestValidator", (ctx, in) -> get(ctx, in, a -> a.validators, "requestValidatorId", "Invalid Request Validator identifier specified"));
    map.put("GetRequestValidators", (ctx, in) -> list(ctx, in, a -> a.validators));
    map.put("UpdateRequestValidator", (ctx, in) -> update(ctx, in, a -> a.validators, "requestValidatorId", "Invalid Request Validator identifier specified", "RequestValidator"));
    map.put("DeleteRequestValidator", (ctx, in) -> delete(ctx, in, a -> a.validators, "requestValidatorId", "Invalid Request Validator identifier specified"));
    map.put("PutGatewayResponse", this::putGatewayResponse);
    map.put("GetGatewayResponse", this::getGatewayResponse);
    map.put("GetGatewayResponses", this::listGatewayResponses);
    map.put("UpdateGatewayResponse", this::updateGatewayResponse);
    map.put("DeleteGatewayResponse", this::deleteGatewayResponse);
  }

  private RestApi api(RequestContext ctx, ObjectNode in) {
    return engine.api(ctx, in.path("restApiId").asText());
  }

  private JsonNode get(RequestContext ctx, ObjectNode in, Function<RestApi, Map<String, ObjectNode>> parts, String idMember, String missing) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      ObjectNode p = parts.apply(api).get(in.path(idMember).asText());
      if (p == null) {
        throw ApiGatewayErrors.notFound(missing);
      }
      return p.deepCopy();
    }
  }

  private JsonNode list(RequestContext ctx, ObjectNode in, Function<RestApi, Map<String, ObjectNode>> parts) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      List<ObjectNode> all = new ArrayList<>();
      parts.apply(api).values().forEach(v -> all.add(v.deepCopy()));
      return Paging.page(all, in);
    }
  }

  private JsonNode update(RequestContext ctx, ObjectNode in, Function<RestApi, Map<String, ObjectNode>> parts, String idMember, String missing, String shape) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      ObjectNode p = parts.apply(api).get(in.path(idMember).asText());
      if (p == null) {
        throw ApiGatewayErrors.notFound(missing);
      }
      ObjectNode copy = p.deepCopy();
      Patch.apply(copy, in, model.shape(shape), Set.of("id"));
      p.removeAll();
      p.setAll(copy);
      return p.deepCopy();
    }
  }

  private JsonNode delete(RequestContext ctx, ObjectNode in, Function<RestApi, Map<String, ObjectNode>> parts, String idMember, String missing) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      if (parts.apply(api).remove(in.path(idMember).asText()) == null) {
        throw ApiGatewayErrors.notFound(missing);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- authorizers

  private JsonNode createAuthorizer(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      return createAuthorizer(api, in).deepCopy();
    }
  }

  /** An authorizer from CreateAuthorizer's input, checked as API Gateway does; the caller holds the lock. */
  public static ObjectNode createAuthorizer(RestApi api, ObjectNode in) {
    String type = in.path("type").asText();
    if (type.equals("TOKEN") || type.equals("REQUEST")) {
      if (!in.hasNonNull("authorizerUri")) {
        throw ApiGatewayErrors.badRequest("Authorizer URI is required for authorizer of type " + type);
      }
      if (type.equals("TOKEN") && !in.hasNonNull("identitySource")) {
        throw ApiGatewayErrors.badRequest("Identity source is required for authorizer of type TOKEN");
      }
    } else if (type.equals("COGNITO_USER_POOLS")) {
      if (!in.has("providerARNs") || in.get("providerARNs").isEmpty()) {
        throw ApiGatewayErrors.badRequest("ProviderARNs need to be specified for authorizer of type COGNITO_USER_POOLS");
      }
    } else {
      throw ApiGatewayErrors.badRequest("Invalid authorizer type specified. Valid options are TOKEN,REQUEST,COGNITO_USER_POOLS");
    }
    ObjectNode a = Json.object();
    String id = Ids.shortId();
    a.put("id", id);
    RestApiOperations.copy(in, a, "name", "type", "providerARNs", "authType", "authorizerUri", "authorizerCredentials",
        "identitySource", "identityValidationExpression");
    a.put("authorizerResultTtlInSeconds", in.path("authorizerResultTtlInSeconds").asInt(300));
    api.authorizers.put(id, a);
    return a;
  }

  private JsonNode deleteAuthorizer(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String id = in.path("authorizerId").asText();
      if (!api.authorizers.containsKey(id)) {
        throw ApiGatewayErrors.notFound("Invalid Authorizer identifier specified");
      }
      for (ApiResource r : api.resources.values()) {
        for (ObjectNode m : r.methods().values()) {
          if (id.equals(m.path("authorizerId").asText(null))) {
            throw ApiGatewayErrors.conflict("Cannot delete authorizer '" + api.authorizers.get(id).path("name").asText()
                + "', is referenced in method: " + m.path("httpMethod").asText() + " " + r.path());
          }
        }
      }
      api.authorizers.remove(id);
    }
    return null;
  }

  // ---------------------------------------------------------------- models

  private JsonNode createModel(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      return createModel(api, in).deepCopy();
    }
  }

  public static ObjectNode createModel(RestApi api, ObjectNode in) {
    String name = in.path("name").asText("");
    if (!name.matches("[a-zA-Z0-9]+")) {
      throw ApiGatewayErrors.badRequest("Model name must be non-empty and alphanumeric.");
    }
    if (api.models.containsKey(name)) {
      throw ApiGatewayErrors.conflict("Model name already exists for this REST API");
    }
    if (in.hasNonNull("schema")) {
      try {
        JsonNode schema = Json.parse(in.path("schema").asText());
        if (schema == null || !schema.isObject()) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        throw ApiGatewayErrors.badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]");
      }
    }
    ObjectNode m = Json.object();
    m.put("id", Ids.shortId());
    m.put("name", name);
    RestApiOperations.copy(in, m, "description", "schema");
    m.put("contentType", in.path("contentType").asText("application/json"));
    api.models.put(name, m);
    return m;
  }

  private JsonNode deleteModel(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String name = in.path("modelName").asText();
      if (!api.models.containsKey(name)) {
        throw ApiGatewayErrors.notFound("Invalid model name specified: " + name);
      }
      for (ApiResource r : api.resources.values()) {
        for (ObjectNode m : r.methods().values()) {
          for (JsonNode used : m.path("requestModels")) {
            if (used.asText().equals(name)) {
              throw ApiGatewayErrors.conflict("Cannot delete model '" + name + "', is referenced in method request: "
                  + r.path() + "/" + m.path("httpMethod").asText());
            }
          }
        }
      }
      api.models.remove(name);
    }
    return null;
  }

  // ---------------------------------------------------------------- request validators

  private JsonNode createValidator(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      return createValidator(api, in).deepCopy();
    }
  }

  public static ObjectNode createValidator(RestApi api, ObjectNode in) {
    ObjectNode v = Json.object();
    String id = Ids.shortId();
    v.put("id", id);
    RestApiOperations.copy(in, v, "name");
    v.put("validateRequestBody", in.path("validateRequestBody").asBoolean(false));
    v.put("validateRequestParameters", in.path("validateRequestParameters").asBoolean(false));
    api.validators.put(id, v);
    return v;
  }

  // ---------------------------------------------------------------- gateway responses

  private static String responseType(ObjectNode in) {
    String type = in.path("responseType").asText();
    if (!GatewayResponses.isType(type)) {
      throw ApiGatewayErrors.badRequest("Invalid response type specified: " + type);
    }
    return type;
  }

  private JsonNode putGatewayResponse(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String type = responseType(in);
      ObjectNode r = Json.object();
      r.put("responseType", type);
      r.put("statusCode", in.path("statusCode").asText(GatewayResponses.defaultResponse(type).path("statusCode").asText()));
      r.set("responseParameters", in.has("responseParameters") ? in.get("responseParameters") : Json.object());
      r.set("responseTemplates", in.has("responseTemplates") ? in.get("responseTemplates") : Json.object());
      r.put("defaultResponse", false);
      api.gatewayResponses.put(type, r);
      return r.deepCopy();
    }
  }

  private JsonNode getGatewayResponse(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String type = responseType(in);
      ObjectNode r = api.gatewayResponses.get(type);
      return r != null ? r.deepCopy() : GatewayResponses.defaultResponse(type);
    }
  }

  private JsonNode listGatewayResponses(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      List<ObjectNode> all = new ArrayList<>();
      for (String type : new TreeSet<>(typesOf())) {
        ObjectNode r = api.gatewayResponses.get(type);
        all.add(r != null ? r.deepCopy() : GatewayResponses.defaultResponse(type));
      }
      return Paging.page(all, in);
    }
  }

  private Set<String> typesOf() {
    return Set.copyOf(model.shape("GatewayResponseType").enumValues());
  }

  private JsonNode updateGatewayResponse(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String type = responseType(in);
      ObjectNode r = api.gatewayResponses.get(type);
      ObjectNode copy = r != null ? r.deepCopy() : GatewayResponses.defaultResponse(type);
      Patch.apply(copy, in, model.shape("GatewayResponse"), Set.of("responseType", "defaultResponse"));
      copy.put("defaultResponse", false);
      api.gatewayResponses.put(type, copy);
      return copy.deepCopy();
    }
  }

  private JsonNode deleteGatewayResponse(RequestContext ctx, ObjectNode in) {
    RestApi api = api(ctx, in);
    synchronized (api) {
      String type = responseType(in);
      if (api.gatewayResponses.remove(type) == null) {
        throw ApiGatewayErrors.notFound("Invalid gateway response type specified: " + type);
      }
    }
    return null;
  }
}
