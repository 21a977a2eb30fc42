package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.Map;

/**
 * API Gateway's gateway responses: the status, {@code x-amzn-ErrorType} and body it answers when
 * a request never reaches (or fails at) the integration. Defaults from the API Gateway developer
 * guide's "Gateway response types" table; an API's own (PutGatewayResponse) overrides status,
 * headers and templates, falling back to DEFAULT_4XX / DEFAULT_5XX.
 */
public final class GatewayResponses {

  /** Type → default status and error type header. */
  private record Default(int status, String errorType) {}

  private static final Map<String, Default> DEFAULTS =
      Map.ofEntries(
          Map.entry("ACCESS_DENIED", new Default(403, "AccessDeniedException")),
          Map.entry("API_CONFIGURATION_ERROR", new Default(500, "InternalServerErrorException")),
          Map.entry("AUTHORIZER_CONFIGURATION_ERROR", new Default(500, "AuthorizerConfigurationException")),
          Map.entry("AUTHORIZER_FAILURE", new Default(500, "AuthorizerFailureException")),
          Map.entry("BAD_REQUEST_PARAMETERS", new Default(400, "BadRequestException")),
          Map.entry("BAD_REQUEST_BODY", new Default(400, "BadRequestException")),
          Map.entry("DEFAULT_4XX", new Default(400, "BadRequestException")),
          Map.entry("DEFAULT_5XX", new Default(500, "InternalServerErrorException")),
          Map.entry("EXPIRED_TOKEN", new Default(403, "ExpiredTokenException")),
          Map.entry("INTEGRATION_FAILURE", new Default(504, "InternalServerErrorException")),
          Map.entry("INTEGRATION_TIMEOUT", new Default(504, "InternalServerErrorException")),
          Map.entry("INVALID_API_KEY", new Default(403, "ForbiddenException")),
          Map.entry("INVALID_SIGNATURE", new Default(403, "InvalidSignatureException")),
          Map.entry("MISSING_AUTHENTICATION_TOKEN", new Default(403, "MissingAuthenticationTokenException")),
          Map.entry("QUOTA_EXCEEDED", new Default(429, "LimitExceededException")),
          Map.entry("REQUEST_TOO_LARGE", new Default(413, "RequestTooLargeException")),
          Map.entry("RESOURCE_NOT_FOUND", new Default(404, "ResourceNotFoundException")),
          Map.entry("THROTTLED", new Default(429, "TooManyRequestsException")),
          Map.entry("UNAUTHORIZED", new Default(401, "UnauthorizedException")),
          Map.entry("UNSUPPORTED_MEDIA_TYPE", new Default(415, "UnsupportedMediaTypeException")),
          Map.entry("WAF_FILTERED", new Default(403, "WAFFilteredException")));

  /** Status an API Gateway-made 502 (a Lambda error, a malformed proxy response) answers with. */
  public static final int BAD_GATEWAY = 502;

  private GatewayResponses() {}

  public static boolean isType(String type) {
    return DEFAULTS.containsKey(type);
  }

  /** The model's GatewayResponse shape of a type as API Gateway reports it before any change. */
  public static ObjectNode defaultResponse(String type) {
    ObjectNode out = Json.object();
    Default d = DEFAULTS.get(type);
    out.put("responseType", type);
    out.put("statusCode", Integer.toString(d.status()));
    out.putObject("responseParameters");
    out.putObject("responseTemplates")
        .put("application/json", type.equals("ACCESS_DENIED") ? "{\"Message\":$context.error.messageString}" : "{\"message\":$context.error.messageString}");
    out.put("defaultResponse", true);
    return out;
  }

  /**
   * The response for an error: the API's own gateway response of the type (or of DEFAULT_4XX /
   * DEFAULT_5XX) when it has one, else the default. {@code status} overrides the type's default
   * status when given (a 502 for a Lambda error is DEFAULT_5XX with status 502).
   */
  public static Rendered render(String type, String message, Integer status, Map<String, ObjectNode> custom) {
    Default d = DEFAULTS.getOrDefault(type, DEFAULTS.get("DEFAULT_5XX"));
    int code = status != null ? status : d.status();
    ObjectNode own = custom.get(type);
    if (own == null) {
      own = custom.get(code >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
    }
    String template = type.equals("ACCESS_DENIED") ? "{\"Message\":" + quote(message) + "}" : "{\"message\":" + quote(message) + "}";
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (own != null) {
      if (own.hasNonNull("statusCode") && custom.containsKey(type)) {
        code = Integer.parseInt(own.path("statusCode").asText());
      }
      JsonNode t = own.path("responseTemplates").get("application/json");
      if (t != null) {
        template = t.asText().replace("$context.error.messageString", quote(message)).replace("$context.error.message", message == null ? "" : message);
      }
      own.path("responseParameters").fields().forEachRemaining(f -> {
        String name = f.getKey();
        if (name.startsWith("gatewayresponse.header.")) {
          String v = f.getValue().asText();
          headers.put(name.substring("gatewayresponse.header.".length()), v.startsWith("'") && v.endsWith("'") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v);
        }
      });
    }
    headers.put("x-amzn-ErrorType", d.errorType());
    return new Rendered(code, headers, template);
  }

  /** A rendered gateway response. */
  public record Rendered(int status, Map<String, String> headers, String body) {}

  private static String quote(String s) {
    return s == null ? "null" : Json.NODES.textNode(s).toString();
  }
}
