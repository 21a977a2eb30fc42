package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAPI 3.0 definition (JSON or YAML) with API Gateway's extensions as an HTTP API's routes,
 * integrations, authorizers and CORS (AWS: "Working with OpenAPI definitions for HTTP APIs"):
 * each path and method a route, {@code x-amazon-apigateway-any-method} as {@code ANY}, the path
 * {@code $default} as the default route; {@code x-amazon-apigateway-integration} an integration;
 * security schemes with {@code x-amazon-apigateway-authorizer} authorizers, the operation's
 * {@code security} the route's authorizer and scopes; {@code x-amazon-apigateway-cors} the API's
 * CORS configuration. What API Gateway does not support becomes a warning.
 */
final class OpenApiImport {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String ANY_METHOD = "x-amazon-apigateway-any-method";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", ANY_METHOD);

  private OpenApiImport() {}

  static JsonNode parse(String body) {
    JsonNode doc;
    try {
      String trimmed = body.stripLeading();
      doc = trimmed.startsWith("{") ? Json.MAPPER.readTree(trimmed) : YAML.readTree(trimmed);
    } catch (IOException e) {
      throw V2Errors.badRequest("Invalid OpenAPI input: the definition is neither JSON nor YAML.");
    }
    if (doc == null || !doc.isObject() || !doc.has("openapi") && !doc.has("swagger")) {
      throw V2Errors.badRequest("Invalid OpenAPI input: the definition has no openapi version.");
    }
    if (!doc.path("openapi").asText("").startsWith("3.")) {
      throw V2Errors.badRequest("Invalid OpenAPI input: only OpenAPI 3.0 definitions are supported for HTTP APIs.");
    }
    return doc;
  }

  /** Fills an API (its monitor held, its routes empty) from a definition; returns the warnings. */
  static List<String> apply(JsonNode doc, Api api, String basepath) {
    List<String> warnings = new ArrayList<>();
    String prefix = prefix(doc, basepath);
    JsonNode info = doc.path("info");
    if (info.hasNonNull("title")) {
      api.data().put("Name", info.path("title").asText());
    }
    if (info.hasNonNull("version")) {
      api.data().put("Version", info.path("version").asText());
    }
    if (info.hasNonNull("description")) {
      api.data().put("Description", info.path("description").asText());
    }
    JsonNode cors = doc.get("x-amazon-apigateway-cors");
    if (cors != null && cors.isObject()) {
      api.data().set("CorsConfiguration", corsOf(cors));
    } else {
      api.data().remove("CorsConfiguration");
    }
    Map<String, String> authorizerIds = new java.util.HashMap<>();
    JsonNode schemes = doc.path("components").path("securitySchemes");
    for (Iterator<Map.Entry<String, JsonNode>> it = schemes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> scheme = it.next();
      JsonNode ext = scheme.getValue().get("x-amazon-apigateway-authorizer");
      if (ext == null) {
        warnings.add("Unsupported security scheme " + scheme.getKey() + ": only x-amazon-apigateway-authorizer schemes are imported");
        continue;
      }
      ObjectNode authorizer = authorizerOf(scheme.getKey(), ext);
      authorizerIds.put(scheme.getKey(), Resources.create(api.authorizers(), "AuthorizerId", 6, authorizer).path("AuthorizerId").asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String method = op.getKey().toLowerCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
          continue;
        }
        String p = path.getKey().equals("/$default") || path.getKey().equals("$default") ? path.getKey() : prefix + path.getKey();
        String routeKey =
            p.equals("$default") || p.equals("/$default") ? "$default" : (method.equals(ANY_METHOD) ? "ANY" : method.toUpperCase(Locale.ROOT)) + " " + p;
        ObjectNode route = Json.object();
        route.put("RouteKey", routeKey);
        route.put("AuthorizationType", "NONE");
        route.put("ApiKeyRequired", false);
        JsonNode integration = op.getValue().get("x-amazon-apigateway-integration");
        if (integration != null && integration.isObject()) {
          ObjectNode created = Resources.create(api.integrations(), "IntegrationId", 7, integrationOf(integration, warnings));
          route.put("Target", "integrations/" + created.path("IntegrationId").asText());
        } else {
          warnings.add("Route " + routeKey + " has no x-amazon-apigateway-integration");
        }
        JsonNode security = op.getValue().has("security") ? op.getValue().get("security") : doc.get("security");
        if (security != null && security.isArray() && !security.isEmpty()) {
          Map.Entry<String, JsonNode> requirement = security.get(0).fields().hasNext() ? security.get(0).fields().next() : null;
          if (requirement != null && authorizerIds.containsKey(requirement.getKey())) {
            ObjectNode authorizer = api.authorizers().get(authorizerIds.get(requirement.getKey()));
            route.put("AuthorizerId", authorizer.path("AuthorizerId").asText());
            route.put("AuthorizationType", authorizer.path("AuthorizerType").asText().equals("JWT") ? "JWT" : "CUSTOM");
            if (requirement.getValue().isArray() && !requirement.getValue().isEmpty()) {
              route.set("AuthorizationScopes", requirement.getValue().deepCopy());
            }
          }
        }
        Resources.create(api.routes(), "RouteId", 7, route);
      }
    }
    return warnings;
  }

  /**
   * The Basepath import parameter: {@code ignore} (default) drops the servers' base path,
   * {@code prepend} puts it before every route path, {@code split} puts it there without its
   * first segment. The base path is the path of the first server URL, or its {@code basePath}
   * variable's default.
   */
  private static String prefix(JsonNode doc, String basepath) {
    String mode = basepath == null ? "ignore" : basepath;
    if (!mode.equals("ignore") && !mode.equals("prepend") && !mode.equals("split")) {
      throw V2Errors.badRequest("Invalid basepath " + basepath + ". Valid values are ignore, prepend and split");
    }
    if (mode.equals("ignore")) {
      return "";
    }
    JsonNode server = doc.path("servers").path(0);
    String base = server.path("variables").path("basePath").path("default").asText("");
    if (base.isEmpty()) {
      String url = server.path("url").asText("");
      int scheme = url.indexOf("://");
      int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
      base = slash < 0 ? "" : url.substring(slash);
    }
    base = base.replaceAll("/+$", "");
    if (!base.isEmpty() && !base.startsWith("/")) {
      base = "/" + base;
    }
    if (mode.equals("split")) {
      int next = base.indexOf('/', 1);
      base = next < 0 ? "" : base.substring(next);
    }
    return base;
  }

  private static ObjectNode corsOf(JsonNode cors) {
    ObjectNode out = Json.object();
    copyList(cors, "allowOrigins", out, "AllowOrigins");
    copyList(cors, "allowMethods", out, "AllowMethods");
    copyList(cors, "allowHeaders", out, "AllowHeaders");
    copyList(cors, "exposeHeaders", out, "ExposeHeaders");
    if (cors.has("maxAge")) {
      out.put("MaxAge", cors.path("maxAge").asInt());
    }
    if (cors.has("allowCredentials")) {
      out.put("AllowCredentials", cors.path("allowCredentials").asBoolean());
    }
    return out;
  }

  private static void copyList(JsonNode from, String name, ObjectNode to, String member) {
    JsonNode v = from.get(name);
    if (v != null && v.isArray()) {
      to.set(member, v.deepCopy());
    }
  }

  private static ObjectNode integrationOf(JsonNode ext, List<String> warnings) {
    ObjectNode out = Json.object();
    String type = ext.path("type").asText("aws_proxy").toUpperCase(Locale.ROOT);
    out.put("IntegrationType", type);
    if (ext.hasNonNull("uri")) {
      out.put("IntegrationUri", ext.path("uri").asText());
    }
    out.put("IntegrationMethod", ext.path("httpMethod").asText(type.equals("AWS_PROXY") ? "POST" : "ANY"));
    out.put("PayloadFormatVersion", ext.path("payloadFormatVersion").asText("1.0"));
    out.put("ConnectionType", ext.path("connectionType").asText("INTERNET"));
    out.put("TimeoutInMillis", ext.path("timeoutInMillis").asInt(30000));
    if (ext.hasNonNull("integrationSubtype")) {
      out.put("IntegrationSubtype", ext.path("integrationSubtype").asText());
    }
    if (ext.hasNonNull("credentials")) {
      out.put("CredentialsArn", ext.path("credentials").asText());
    }
    if (ext.path("requestParameters").isObject()) {
      out.set("RequestParameters", ext.get("requestParameters").deepCopy());
    }
    if (ext.path("responseParameters").isObject()) {
      out.set("ResponseParameters", ext.get("responseParameters").deepCopy());
    }
    if (!type.equals("AWS_PROXY") && !type.equals("HTTP_PROXY")) {
      warnings.add("Unsupported integration type " + type + " for HTTP APIs");
    }
    return out;
  }

  private static ObjectNode authorizerOf(String name, JsonNode ext) {
    ObjectNode out = Json.object();
    out.put("Name", name);
    String type = ext.path("type").asText("jwt").toUpperCase(Locale.ROOT);
    out.put("AuthorizerType", type.equals("JWT") ? "JWT" : "REQUEST");
    ArrayNode sources = out.putArray("IdentitySource");
    JsonNode identity = ext.get("identitySource");
    if (identity != null && identity.isArray()) {
      identity.forEach(s -> sources.add(s.asText()));
    } else if (identity != null) {
      for (String s : identity.asText().split(",")) {
        sources.add(s.trim());
      }
    } else if (type.equals("JWT")) {
      sources.add("$request.header.Authorization");
    }
    if (type.equals("JWT")) {
      ObjectNode jwt = out.putObject("JwtConfiguration");
      jwt.put("Issuer", ext.path("jwtConfiguration").path("issuer").asText());
      jwt.set("Audience", ext.path("jwtConfiguration").path("audience").deepCopy());
    } else {
      out.put("AuthorizerUri", ext.path("authorizerUri").asText());
      out.put("AuthorizerPayloadFormatVersion", ext.path("authorizerPayloadFormatVersion").asText("2.0"));
      out.put("EnableSimpleResponses", ext.path("enableSimpleResponses").asBoolean(false));
      out.put("AuthorizerResultTtlInSeconds", ext.path("authorizerResultTtlInSeconds").asInt(0));
    }
    return out;
  }
}
