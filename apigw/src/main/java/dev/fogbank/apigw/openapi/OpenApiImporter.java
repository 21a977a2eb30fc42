package dev.fogbank.apigw.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.control.ApiParts;
import dev.fogbank.apigw.control.MethodOperations;
import dev.fogbank.apigw.control.ResourceOperations;
import dev.fogbank.apigw.invoke.GatewayResponses;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.protocol.Json;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds an API from an OpenAPI 3 or Swagger 2 document with API Gateway's extensions, as
 * ImportRestApi and PutRestApi do: paths become resources, operations methods (parameters as
 * request parameters, body schemas as request models, responses as method responses),
 * {@code x-amazon-apigateway-integration} the integration and its responses, security schemes with
 * {@code x-amazon-apigateway-authorizer} authorizers (an {@code x-api-key} header scheme an API
 * key requirement), {@code x-amazon-apigateway-request-validators}, {@code
 * x-amazon-apigateway-gateway-responses}, {@code x-amazon-apigateway-binary-media-types} and
 * {@code x-amazon-apigateway-api-key-source}. The caller holds the API's lock.
 */
public final class OpenApiImporter {

  private static final List<String> VERBS = List.of("get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method");

  private final RestApi api;
  private final JsonNode doc;
  private final boolean swagger2;
  private final Map<String, String> authorizerIds = new HashMap<>();
  private final Map<String, String> validatorIds = new HashMap<>();
  private String apiKeyScheme;

  public OpenApiImporter(RestApi api, JsonNode doc) {
    this.api = api;
    this.doc = doc;
    this.swagger2 = doc.has("swagger");
    if (!swagger2 && !doc.path("openapi").asText("").startsWith("3.")) {
      throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
    }
  }

  /** The document's title, the name ImportRestApi gives the API. */
  public static String title(JsonNode doc) {
    return doc.path("info").path("title").asText("");
  }

  /** Overwrite mode: everything the API held is replaced by the document. */
  public void clear() {
    ApiResource root = api.resources.get(api.rootResourceId());
    api.resources.clear();
    root.methods().clear();
    api.resources.put(root.id(), root);
    api.models.clear();
    api.validators.clear();
    api.authorizers.clear();
    api.gatewayResponses.clear();
  }

  public void apply() {
    ObjectNode info = api.info();
    JsonNode docInfo = doc.path("info");
    if (docInfo.hasNonNull("description")) {
      info.put("description", docInfo.path("description").asText());
    }
    if (docInfo.hasNonNull("version")) {
      info.put("version", docInfo.path("version").asText());
    }
    if (doc.has("x-amazon-apigateway-binary-media-types")) {
      info.set("binaryMediaTypes", doc.get("x-amazon-apigateway-binary-media-types").deepCopy());
    }
    if (doc.has("x-amazon-apigateway-api-key-source")) {
      info.put("apiKeySource", doc.path("x-amazon-apigateway-api-key-source").asText().toUpperCase(Locale.ROOT));
    }
    models();
    validators();
    authorizers();
    gatewayResponses();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      ApiResource resource = resource(p.getKey());
      for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (VERBS.contains(op.getKey())) {
          method(resource, op.getKey(), op.getValue(), p.getValue().path("parameters"));
        }
      }
    }
  }

  private void models() {
    JsonNode schemas = swagger2 ? doc.path("definitions") : doc.path("components").path("schemas");
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      api.models.remove(s.getKey());
      ObjectNode in = Json.object();
      in.put("name", s.getKey());
      in.put("contentType", "application/json");
      in.put("schema", s.getValue().toString());
      ApiParts.createModel(api, in);
    }
  }

  private void validators() {
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("x-amazon-apigateway-request-validators").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> v = it.next();
      ObjectNode in = Json.object();
      in.put("name", v.getKey());
      in.put("validateRequestBody", v.getValue().path("validateRequestBody").asBoolean(false));
      in.put("validateRequestParameters", v.getValue().path("validateRequestParameters").asBoolean(false));
      validatorIds.put(v.getKey(), ApiParts.createValidator(api, in).path("id").asText());
    }
  }

  private void authorizers() {
    JsonNode schemes = swagger2 ? doc.path("securityDefinitions") : doc.path("components").path("securitySchemes");
    for (Iterator<Map.Entry<String, JsonNode>> it = schemes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      JsonNode scheme = s.getValue();
      JsonNode ext = scheme.get("x-amazon-apigateway-authorizer");
      if (ext == null) {
        if (scheme.path("type").asText().equals("apiKey") && scheme.path("name").asText().equalsIgnoreCase("x-api-key")) {
          apiKeyScheme = s.getKey();
        } else if (scheme.path("x-amazon-apigateway-authtype").asText().equals("awsSigv4")) {
          authorizerIds.put(s.getKey(), "AWS_IAM");
        }
        continue;
      }
      ObjectNode in = Json.object();
      in.put("name", s.getKey());
      String type = ext.path("type").asText("token").toUpperCase(Locale.ROOT);
      in.put("type", type);
      if (ext.hasNonNull("authorizerUri")) {
        in.put("authorizerUri", ext.path("authorizerUri").asText());
      }
      if (ext.hasNonNull("authorizerCredentials")) {
        in.put("authorizerCredentials", ext.path("authorizerCredentials").asText());
      }
      String source = ext.path("identitySource").asText(null);
      if (source == null && type.equals("TOKEN") && scheme.path("in").asText().equals("header")) {
        source = "method.request.header." + scheme.path("name").asText("Authorization");
      }
      if (source != null) {
        in.put("identitySource", source);
      }
      if (ext.hasNonNull("identityValidationExpression")) {
        in.put("identityValidationExpression", ext.path("identityValidationExpression").asText());
      }
      if (ext.has("authorizerResultTtlInSeconds")) {
        in.put("authorizerResultTtlInSeconds", ext.path("authorizerResultTtlInSeconds").asInt());
      }
      if (ext.has("providerARNs")) {
        in.set("providerARNs", ext.get("providerARNs"));
      }
      if (scheme.hasNonNull("x-amazon-apigateway-authtype")) {
        in.put("authType", scheme.path("x-amazon-apigateway-authtype").asText());
      }
      authorizerIds.put(s.getKey(), ApiParts.createAuthorizer(api, in).path("id").asText());
    }
  }

  private void gatewayResponses() {
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("x-amazon-apigateway-gateway-responses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> g = it.next();
      if (!GatewayResponses.isType(g.getKey())) {
        throw ApiGatewayErrors.badRequest("Invalid gateway response type specified: " + g.getKey());
      }
      ObjectNode r = Json.object();
      r.put("responseType", g.getKey());
      r.put("statusCode", g.getValue().path("statusCode").asText(GatewayResponses.defaultResponse(g.getKey()).path("statusCode").asText()));
      r.set("responseParameters", g.getValue().has("responseParameters") ? g.getValue().get("responseParameters") : Json.object());
      r.set("responseTemplates", g.getValue().has("responseTemplates") ? g.getValue().get("responseTemplates") : Json.object());
      r.put("defaultResponse", false);
      api.gatewayResponses.put(g.getKey(), r);
    }
  }

  /** The resource for a path, creating the missing ones along it. */
  private ApiResource resource(String path) {
    ApiResource current = api.resources.get(api.rootResourceId());
    StringBuilder sofar = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      sofar.append('/').append(part);
      ApiResource next = api.byPath(sofar.toString());
      current = next != null ? next : ResourceOperations.create(api, current.id(), part);
    }
    return current;
  }

  private void method(ApiResource resource, String verbKey, JsonNode op, JsonNode pathParameters) {
    String verb = verbKey.equals("x-amazon-apigateway-any-method") ? "ANY" : verbKey.toUpperCase(Locale.ROOT);
    ObjectNode in = Json.object();
    in.put("authorizationType", "NONE");
    JsonNode security = op.has("security") ? op.get("security") : doc.path("security");
    for (JsonNode requirement : security) {
      for (Iterator<String> names = requirement.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (name.equals(apiKeyScheme)) {
          in.put("apiKeyRequired", true);
        } else if ("AWS_IAM".equals(authorizerIds.get(name))) {
          in.put("authorizationType", "AWS_IAM");
        } else if (authorizerIds.containsKey(name)) {
          String id = authorizerIds.get(name);
          in.put("authorizationType", api.authorizers.get(id).path("type").asText().equals("COGNITO_USER_POOLS") ? "COGNITO_USER_POOLS" : "CUSTOM");
          in.put("authorizerId", id);
          if (requirement.get(name).size() > 0) {
            in.set("authorizationScopes", requirement.get(name));
          }
        }
      }
    }
    String validator = op.path("x-amazon-apigateway-request-validator").asText(doc.path("x-amazon-apigateway-request-validator").asText(null));
    if (validator != null && validatorIds.containsKey(validator)) {
      in.put("requestValidatorId", validatorIds.get(validator));
    }
    if (op.hasNonNull("operationId")) {
      in.put("operationName", op.path("operationId").asText());
    }
    ObjectNode params = Json.object();
    ObjectNode models = Json.object();
    for (JsonNode list : List.of(pathParameters, op.path("parameters"))) {
      for (JsonNode p : list) {
        String where = switch (p.path("in").asText()) {
          case "path" -> "path";
          case "query" -> "querystring";
          case "header" -> "header";
          default -> null;
        };
        if (where != null) {
          params.put("method.request." + where + "." + p.path("name").asText(), p.path("required").asBoolean(false));
        } else if (p.path("in").asText().equals("body")) {
          String model = modelName(p.path("schema"));
          if (model != null) {
            models.put("application/json", model);
          }
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = op.path("requestBody").path("content").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      String model = modelName(c.getValue().path("schema"));
      if (model != null) {
        models.put(c.getKey(), model);
      }
    }
    if (!params.isEmpty()) {
      in.set("requestParameters", params);
    }
    if (!models.isEmpty()) {
      in.set("requestModels", models);
    }
    ObjectNode method = MethodOperations.method(api, in, verb);
    ObjectNode responses = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      if (!r.getKey().matches("\\d{3}")) {
        continue;
      }
      ObjectNode mr = responses.putObject(r.getKey());
      mr.put("statusCode", r.getKey());
      ObjectNode headers = Json.object();
      r.getValue().path("headers").fieldNames().forEachRemaining(h -> headers.put("method.response.header." + h, false));
      if (!headers.isEmpty()) {
        mr.set("responseParameters", headers);
      }
      ObjectNode responseModels = Json.object();
      if (swagger2) {
        String model = modelName(r.getValue().path("schema"));
        if (model != null) {
          responseModels.put("application/json", model);
        }
      } else {
        r.getValue().path("content").fields().forEachRemaining(c -> {
          String model = modelName(c.getValue().path("schema"));
          if (model != null) {
            responseModels.put(c.getKey(), model);
          }
        });
      }
      if (!responseModels.isEmpty()) {
        mr.set("responseModels", responseModels);
      }
    }
    if (!responses.isEmpty()) {
      method.set("methodResponses", responses);
    }
    JsonNode integration = op.get("x-amazon-apigateway-integration");
    if (integration != null) {
      method.set("methodIntegration", integration(integration, resource.id()));
    }
    resource.methods().put(verb, method);
  }

  private static String modelName(JsonNode schema) {
    String ref = schema.path("$ref").asText(null);
    return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static ObjectNode integration(JsonNode ext, String resourceId) {
    ObjectNode in = Json.object();
    in.put("type", ext.path("type").asText("").toUpperCase(Locale.ROOT));
    if (ext.hasNonNull("httpMethod")) {
      in.put("integrationHttpMethod", ext.path("httpMethod").asText().toUpperCase(Locale.ROOT));
    }
    for (String k : List.of("uri", "credentials", "connectionType", "connectionId", "cacheNamespace")) {
      if (ext.hasNonNull(k)) {
        in.put(k, ext.path(k).asText());
      }
    }
    for (String k : List.of("requestParameters", "requestTemplates", "cacheKeyParameters")) {
      if (ext.has(k)) {
        in.set(k, ext.get(k));
      }
    }
    if (ext.hasNonNull("passthroughBehavior")) {
      in.put("passthroughBehavior", ext.path("passthroughBehavior").asText().toUpperCase(Locale.ROOT));
    }
    if (ext.hasNonNull("contentHandling")) {
      in.put("contentHandling", ext.path("contentHandling").asText());
    }
    if (ext.has("timeoutInMillis")) {
      in.put("timeoutInMillis", ext.path("timeoutInMillis").asInt());
    }
    ObjectNode integration = MethodOperations.integration(in, resourceId);
    ObjectNode responses = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = ext.path("responses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      String status = r.getValue().path("statusCode").asText("200");
      ObjectNode ir = responses.putObject(status);
      ir.put("statusCode", status);
      if (!r.getKey().equals("default")) {
        ir.put("selectionPattern", r.getKey());
      }
      for (String k : List.of("responseParameters", "responseTemplates")) {
        if (r.getValue().has(k)) {
          ir.set(k, r.getValue().get(k));
        }
      }
      if (r.getValue().hasNonNull("contentHandling")) {
        ir.put("contentHandling", r.getValue().path("contentHandling").asText());
      }
    }
    if (!responses.isEmpty()) {
      integration.set("integrationResponses", responses);
    }
    return integration;
  }
}
