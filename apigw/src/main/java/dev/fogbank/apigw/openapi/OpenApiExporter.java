package dev.fogbank.apigw.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.Deployed;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GetExport: a stage's deployed API as an OpenAPI 3.0.1 ({@code oas30}) or Swagger 2.0 ({@code
 * swagger}) document, in API Gateway's layout (the server/host of the execute-api endpoint and
 * the stage as base path). With {@code extensions=integrations} the integrations are included,
 * with {@code extensions=apigateway} also validators, gateway responses, binary media types and
 * the API key source; {@code authorizers} adds the authorizer extensions to security schemes.
 */
public final class OpenApiExporter {

  private final Deployed api;
  private final String stage;
  private final boolean swagger2;
  private final boolean integrations;
  private final boolean apigateway;
  private final boolean authorizers;

  public OpenApiExporter(Deployed api, String stage, String exportType, String extensions) {
    this.api = api;
    this.stage = stage;
    this.swagger2 = exportType.equals("swagger");
    List<String> ext = List.of(extensions == null ? new String[0] : extensions.split(","));
    this.apigateway = ext.contains("apigateway");
    this.integrations = apigateway || ext.contains("integrations");
    this.authorizers = apigateway || ext.contains("authorizers") || integrations;
  }

  public ObjectNode export() {
    ObjectNode doc = Json.object();
    String host = api.apiId() + ".execute-api." + api.region() + ".amazonaws.com";
    if (swagger2) {
      doc.put("swagger", "2.0");
    } else {
      doc.put("openapi", "3.0.1");
    }
    ObjectNode info = doc.putObject("info");
    if (api.info().hasNonNull("description")) {
      info.put("description", api.info().path("description").asText());
    }
    info.put("title", api.info().path("name").asText());
    info.put("version", api.info().path("version").asText(version()));
    if (swagger2) {
      doc.put("host", host);
      doc.put("basePath", "/" + stage);
      doc.putArray("schemes").add("https");
    } else {
      ObjectNode server = doc.putArray("servers").addObject();
      server.put("url", "https://" + host + "/{basePath}");
      server.putObject("variables").putObject("basePath").put("default", stage);
    }
    ObjectNode paths = doc.putObject("paths");
    List<ApiResource> resources = new ArrayList<>(api.resources().values());
    resources.sort(Comparator.comparing(ApiResource::path));
    boolean usesKeys = false;
    for (ApiResource r : resources) {
      if (r.methods().isEmpty()) {
        continue;
      }
      ObjectNode path = paths.putObject(r.path());
      for (Map.Entry<String, ObjectNode> m : r.methods().entrySet()) {
        String key = m.getKey().equals("ANY") ? "x-amazon-apigateway-any-method" : m.getKey().toLowerCase(Locale.ROOT);
        path.set(key, operation(r, m.getValue()));
        usesKeys |= m.getValue().path("apiKeyRequired").asBoolean(false);
      }
    }
    ObjectNode schemas = Json.object();
    api.models().forEach((name, model) -> {
      try {
        schemas.set(name, Json.parse(model.path("schema").asText("{}")));
      } catch (RuntimeException e) {
        schemas.putObject(name);
      }
    });
    ObjectNode schemes = securitySchemes(usesKeys);
    if (swagger2) {
      if (!schemes.isEmpty()) {
        doc.set("securityDefinitions", schemes);
      }
      if (!schemas.isEmpty()) {
        doc.set("definitions", schemas);
      }
    } else if (!schemas.isEmpty() || !schemes.isEmpty()) {
      ObjectNode components = doc.putObject("components");
      if (!schemas.isEmpty()) {
        components.set("schemas", schemas);
      }
      if (!schemes.isEmpty()) {
        components.set("securitySchemes", schemes);
      }
    }
    if (apigateway) {
      if (!api.validators().isEmpty()) {
        ObjectNode v = doc.putObject("x-amazon-apigateway-request-validators");
        api.validators().values().forEach(val -> v.putObject(val.path("name").asText(val.path("id").asText()))
            .put("validateRequestBody", val.path("validateRequestBody").asBoolean())
            .put("validateRequestParameters", val.path("validateRequestParameters").asBoolean()));
      }
      if (!api.gatewayResponses().isEmpty()) {
        ObjectNode g = doc.putObject("x-amazon-apigateway-gateway-responses");
        api.gatewayResponses().forEach((type, r) -> {
          ObjectNode out = g.putObject(type);
          out.put("statusCode", r.path("statusCode").asText());
          if (r.path("responseParameters").size() > 0) {
            out.set("responseParameters", r.get("responseParameters"));
          }
          if (r.path("responseTemplates").size() > 0) {
            out.set("responseTemplates", r.get("responseTemplates"));
          }
        });
      }
      if (api.info().has("binaryMediaTypes")) {
        doc.set("x-amazon-apigateway-binary-media-types", api.info().get("binaryMediaTypes"));
      }
      if (!api.info().path("apiKeySource").asText("HEADER").equals("HEADER")) {
        doc.put("x-amazon-apigateway-api-key-source", api.info().path("apiKeySource").asText());
      }
    }
    return doc;
  }

  private String version() {
    return java.time.Instant.ofEpochSecond(api.info().path("createdDate").asLong()).toString().replaceAll("\\.\\d+Z$", "Z");
  }

  private ObjectNode operation(ApiResource r, ObjectNode m) {
    ObjectNode op = Json.object();
    if (m.hasNonNull("operationName")) {
      op.put("operationId", m.path("operationName").asText());
    }
    ArrayNode params = Json.NODES.arrayNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.path("requestParameters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      String[] parts = p.getKey().split("\\.", 4);
      if (parts.length != 4) {
        continue;
      }
      String in = switch (parts[2]) {
        case "querystring" -> "query";
        case "path" -> "path";
        case "header" -> "header";
        default -> null;
      };
      if (in == null) {
        continue;
      }
      ObjectNode param = params.addObject();
      param.put("name", parts[3]);
      param.put("in", in);
      param.put("required", in.equals("path") || p.getValue().asBoolean());
      if (swagger2) {
        param.put("type", "string");
      } else {
        param.putObject("schema").put("type", "string");
      }
    }
    String bodyModel = m.path("requestModels").path("application/json").asText(null);
    if (bodyModel != null && swagger2) {
      ObjectNode body = params.addObject();
      body.put("in", "body");
      body.put("name", bodyModel);
      body.put("required", true);
      body.putObject("schema").put("$ref", "#/definitions/" + bodyModel);
    }
    if (!params.isEmpty()) {
      op.set("parameters", params);
    }
    if (!swagger2 && m.path("requestModels").size() > 0) {
      ObjectNode content = op.putObject("requestBody").putObject("content");
      m.path("requestModels").fields().forEachRemaining(e ->
          content.putObject(e.getKey()).putObject("schema").put("$ref", "#/components/schemas/" + e.getValue().asText()));
      ((ObjectNode) op.get("requestBody")).put("required", true);
    }
    ObjectNode responses = op.putObject("responses");
    for (Iterator<Map.Entry<String, JsonNode>> it = m.path("methodResponses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ObjectNode resp = responses.putObject(e.getKey());
      resp.put("description", e.getKey() + " response");
      ObjectNode headers = Json.object();
      e.getValue().path("responseParameters").fieldNames().forEachRemaining(h -> {
        if (h.startsWith("method.response.header.")) {
          ObjectNode header = headers.putObject(h.substring("method.response.header.".length()));
          if (swagger2) {
            header.put("type", "string");
          } else {
            header.putObject("schema").put("type", "string");
          }
        }
      });
      if (!headers.isEmpty()) {
        resp.set("headers", headers);
      }
      JsonNode models = e.getValue().path("responseModels");
      if (models.size() > 0) {
        if (swagger2) {
          resp.putObject("schema").put("$ref", "#/definitions/" + models.elements().next().asText());
        } else {
          ObjectNode content = resp.putObject("content");
          models.fields().forEachRemaining(mm ->
              content.putObject(mm.getKey()).putObject("schema").put("$ref", "#/components/schemas/" + mm.getValue().asText()));
        }
      }
    }
    ArrayNode security = Json.NODES.arrayNode();
    String auth = m.path("authorizationType").asText("NONE");
    if ((auth.equals("CUSTOM") || auth.equals("COGNITO_USER_POOLS")) && api.authorizers().containsKey(m.path("authorizerId").asText())) {
      ArrayNode scopes = security.addObject().putArray(api.authorizers().get(m.path("authorizerId").asText()).path("name").asText());
      m.path("authorizationScopes").forEach(scopes::add);
    } else if (auth.equals("AWS_IAM")) {
      security.addObject().putArray("sigv4");
    }
    if (m.path("apiKeyRequired").asBoolean(false)) {
      security.addObject().putArray("api_key");
    }
    if (!security.isEmpty()) {
      op.set("security", security);
    }
    if (apigateway && m.hasNonNull("requestValidatorId")) {
      ObjectNode v = api.validators().get(m.path("requestValidatorId").asText());
      if (v != null) {
        op.put("x-amazon-apigateway-request-validator", v.path("name").asText(v.path("id").asText()));
      }
    }
    if (integrations && m.has("methodIntegration")) {
      op.set("x-amazon-apigateway-integration", integration((ObjectNode) m.get("methodIntegration")));
    }
    return op;
  }

  private static ObjectNode integration(ObjectNode i) {
    ObjectNode out = Json.object();
    out.put("type", i.path("type").asText().toLowerCase(Locale.ROOT));
    for (String k : List.of("httpMethod", "uri", "credentials", "connectionType", "connectionId", "contentHandling")) {
      if (i.hasNonNull(k)) {
        out.put(k, i.path(k).asText());
      }
    }
    for (String k : List.of("requestParameters", "requestTemplates")) {
      if (i.path(k).size() > 0) {
        out.set(k, i.get(k));
      }
    }
    if (i.path("cacheKeyParameters").size() > 0) {
      out.set("cacheKeyParameters", i.get("cacheKeyParameters"));
    }
    out.put("passthroughBehavior", i.path("passthroughBehavior").asText("WHEN_NO_MATCH").toLowerCase(Locale.ROOT));
    out.put("timeoutInMillis", i.path("timeoutInMillis").asInt(29000));
    if (i.path("integrationResponses").size() > 0) {
      ObjectNode responses = out.putObject("responses");
      i.path("integrationResponses").forEach(r -> {
        ObjectNode o = responses.putObject(r.path("selectionPattern").asText("").isEmpty() ? "default" : r.path("selectionPattern").asText());
        o.put("statusCode", r.path("statusCode").asText());
        for (String k : List.of("responseParameters", "responseTemplates")) {
          if (r.path(k).size() > 0) {
            o.set(k, r.get(k));
          }
        }
      });
    }
    return out;
  }

  private ObjectNode securitySchemes(boolean usesKeys) {
    ObjectNode schemes = Json.object();
    for (ObjectNode a : api.authorizers().values()) {
      ObjectNode s = schemes.putObject(a.path("name").asText());
      s.put("type", "apiKey");
      String source = a.path("identitySource").asText("method.request.header.Authorization");
      s.put("name", source.startsWith("method.request.header.") && !source.contains(",") ? source.substring("method.request.header.".length()) : "Unused");
      s.put("in", "header");
      String type = a.path("type").asText();
      s.put("x-amazon-apigateway-authtype", type.equals("COGNITO_USER_POOLS") ? "cognito_user_pools" : a.path("authType").asText("custom"));
      if (authorizers) {
        ObjectNode ext = s.putObject("x-amazon-apigateway-authorizer");
        ext.put("type", type.toLowerCase(Locale.ROOT));
        for (String k : List.of("authorizerUri", "authorizerCredentials", "identitySource", "identityValidationExpression")) {
          if (a.hasNonNull(k)) {
            ext.put(k, a.path(k).asText());
          }
        }
        if (a.has("providerARNs")) {
          ext.set("providerARNs", a.get("providerARNs"));
        }
        ext.put("authorizerResultTtlInSeconds", a.path("authorizerResultTtlInSeconds").asInt(300));
      }
    }
    if (usesKeys) {
      schemes.putObject("api_key").put("type", "apiKey").put("name", "x-api-key").put("in", "header");
    }
    boolean iam = api.resources().values().stream().anyMatch(r -> r.methods().values().stream()
        .anyMatch(m -> m.path("authorizationType").asText().equals("AWS_IAM")));
    if (iam) {
      schemes.putObject("sigv4").put("type", "apiKey").put("name", "Authorization").put("in", "header")
          .put("x-amazon-apigateway-authtype", "awsSigv4");
    }
    return schemes;
  }
}
