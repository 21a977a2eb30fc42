package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP API as OpenAPI 3.0 (ExportApi, specification {@code OAS30}): routes as paths and
 * methods with a default response and their path parameters; with extensions, each route's
 * integration, authorizers as security schemes and CORS — the shape the import reads back.
 */
final class OpenApiExport {

  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}+]+)\\+?}");

  private OpenApiExport() {}

  static ObjectNode of(
      ObjectNode api,
      Map<String, ObjectNode> routes,
      Map<String, ObjectNode> integrations,
      Map<String, ObjectNode> authorizers,
      boolean extensions,
      String serverUrl) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.0.1");
    ObjectNode info = doc.putObject("info");
    info.put("title", api.path("Name").asText());
    if (api.hasNonNull("Description")) {
      info.put("description", api.path("Description").asText());
    }
    info.put("version", api.path("Version").asText(java.time.Instant.ofEpochSecond(api.path("CreatedDate").asLong()).toString()));
    doc.putArray("servers").addObject().put("url", serverUrl);
    ObjectNode paths = doc.putObject("paths");
    for (ObjectNode route : routes.values()) {
      String key = route.path("RouteKey").asText();
      String method;
      String path;
      if (key.equals("$default")) {
        method = OpenApiImport.ANY_METHOD;
        path = "/$default";
      } else {
        int space = key.indexOf(' ');
        String m = key.substring(0, space);
        method = m.equals("ANY") ? OpenApiImport.ANY_METHOD : m.toLowerCase(Locale.ROOT);
        path = key.substring(space + 1);
      }
      ObjectNode op = (paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path)).putObject(method);
      op.putObject("responses").putObject("default").put("description", "Default response for " + key);
      Matcher vars = PATH_VARIABLE.matcher(path);
      Set<String> names = new LinkedHashSet<>();
      while (vars.find()) {
        names.add(vars.group(1));
      }
      if (!names.isEmpty()) {
        ArrayNode parameters = op.putArray("parameters");
        for (String name : names) {
          ObjectNode p = parameters.addObject();
          p.put("name", name);
          p.put("in", "path");
          p.put("description", "Generated path parameter for " + name);
          p.put("required", true);
          p.putObject("schema").put("type", "string");
        }
      }
      ObjectNode authorizer = authorizers.get(route.path("AuthorizerId").asText(""));
      if (authorizer != null) {
        ArrayNode scopes = op.putArray("security").addObject().putArray(authorizer.path("Name").asText());
        route.path("AuthorizationScopes").forEach(s -> scopes.add(s.asText()));
      }
      String target = route.path("Target").asText("");
      ObjectNode integration = target.startsWith("integrations/") ? integrations.get(target.substring(13)) : null;
      if (extensions && integration != null) {
        op.set("x-amazon-apigateway-integration", integrationOf(integration));
      }
    }
    if (!authorizers.isEmpty()) {
      ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
      for (ObjectNode a : authorizers.values()) {
        ObjectNode scheme = schemes.putObject(a.path("Name").asText());
        boolean jwt = a.path("AuthorizerType").asText().equals("JWT");
        scheme.put("type", jwt ? "oauth2" : "apiKey");
        if (!jwt) {
          scheme.put("name", "Unused");
          scheme.put("in", "header");
        } else {
          scheme.putObject("flows");
        }
        if (extensions) {
          scheme.set("x-amazon-apigateway-authorizer", authorizerOf(a));
        }
      }
    }
    if (extensions) {
      JsonNode cors = api.get("CorsConfiguration");
      if (cors != null && cors.isObject()) {
        ObjectNode c = doc.putObject("x-amazon-apigateway-cors");
        cors.fields().forEachRemaining(f -> c.set(Character.toLowerCase(f.getKey().charAt(0)) + f.getKey().substring(1), f.getValue().deepCopy()));
      }
      doc.put("x-amazon-apigateway-importexport-version", "1.0");
    }
    return doc;
  }

  private static ObjectNode integrationOf(ObjectNode integration) {
    ObjectNode out = Json.object();
    out.put("payloadFormatVersion", integration.path("PayloadFormatVersion").asText("1.0"));
    out.put("type", integration.path("IntegrationType").asText().toLowerCase(Locale.ROOT));
    if (integration.hasNonNull("IntegrationSubtype")) {
      out.put("integrationSubtype", integration.path("IntegrationSubtype").asText());
    }
    if (integration.hasNonNull("IntegrationMethod")) {
      out.put("httpMethod", integration.path("IntegrationMethod").asText());
    }
    if (integration.hasNonNull("IntegrationUri")) {
      out.put("uri", integration.path("IntegrationUri").asText());
    }
    out.put("connectionType", integration.path("ConnectionType").asText("INTERNET"));
    out.put("timeoutInMillis", integration.path("TimeoutInMillis").asInt(30000));
    if (integration.path("RequestParameters").isObject()) {
      out.set("requestParameters", integration.get("RequestParameters").deepCopy());
    }
    if (integration.path("ResponseParameters").isObject()) {
      out.set("responseParameters", integration.get("ResponseParameters").deepCopy());
    }
    return out;
  }

  private static ObjectNode authorizerOf(ObjectNode a) {
    ObjectNode out = Json.object();
    boolean jwt = a.path("AuthorizerType").asText().equals("JWT");
    out.put("type", jwt ? "jwt" : "request");
    out.set("identitySource", a.path("IdentitySource").deepCopy());
    if (jwt) {
      ObjectNode config = out.putObject("jwtConfiguration");
      config.put("issuer", a.path("JwtConfiguration").path("Issuer").asText());
      config.set("audience", a.path("JwtConfiguration").path("Audience").deepCopy());
    } else {
      out.put("authorizerUri", a.path("AuthorizerUri").asText());
      out.put("authorizerPayloadFormatVersion", a.path("AuthorizerPayloadFormatVersion").asText());
      out.put("enableSimpleResponses", a.path("EnableSimpleResponses").asBoolean(false));
      out.put("authorizerResultTtlInSeconds", a.path("AuthorizerResultTtlInSeconds").asInt(0));
    }
    return out;
  }
}
