package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.time.Clock;
import java.util.Map;

/**
 * Authorizers: JWT (HTTP APIs; issuer and audience) and REQUEST (Lambda; payload format 1.0 or
 * 2.0, simple responses with 2.0 only, result caching up to an hour).
 */
public final class AuthorizerOperations {

  private final ApiWork apis;

  public AuthorizerOperations(ApiStore store, Clock clock) {
    this.apis = new ApiWork(store, clock);
  }

  public void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateAuthorizer", (ctx, in) -> change(ctx, in, api -> {
      ObjectNode input = in.deepCopy();
      if (input.path("AuthorizerType").asText().equals("REQUEST") && !api.isWebSocket()) {
        if (!input.has("AuthorizerResultTtlInSeconds")) {
          input.put("AuthorizerResultTtlInSeconds", 0);
        }
      }
      check(api, input);
      return Resources.create(api.authorizers(), "AuthorizerId", 6, input).deepCopy();
    }));
    handlers.put("GetAuthorizer", (ctx, in) -> read(ctx, in, api -> authorizer(api, ctx, in).deepCopy()));
    handlers.put("GetAuthorizers", (ctx, in) -> read(ctx, in, api -> Resources.items(api.authorizers().values(), in)));
    handlers.put("UpdateAuthorizer", (ctx, in) -> change(ctx, in, api -> {
      ObjectNode authorizer = authorizer(api, ctx, in);
      ObjectNode merged = authorizer.deepCopy();
      Resources.update(merged, in, "AuthorizerId");
      check(api, merged);
      Resources.update(authorizer, in, "AuthorizerId");
      return authorizer.deepCopy();
    }));
    handlers.put("DeleteAuthorizer", (ctx, in) -> change(ctx, in, api -> {
      String id = in.path("AuthorizerId").asText();
      authorizer(api, ctx, in);
      for (ObjectNode route : api.routes().values()) {
        if (route.path("AuthorizerId").asText().equals(id)) {
          throw V2Errors.conflict("Cannot delete authorizer " + id + ", is referenced in route: " + route.path("RouteKey").asText());
        }
      }
      api.authorizers().remove(id);
      return null;
    }));
  }

  private JsonNode read(RequestContext ctx, ObjectNode in, ApiWork.Work work) {
    return apis.read(ctx, in, work);
  }

  private JsonNode change(RequestContext ctx, ObjectNode in, ApiWork.Work work) {
    return apis.change(ctx, in, work);
  }

  private static ObjectNode authorizer(Api api, RequestContext ctx, ObjectNode in) {
    return Resources.get(api.authorizers(), in.path("AuthorizerId").asText(), "Authorizer", ctx.account());
  }

  private static void check(Api api, ObjectNode in) {
    String type = in.path("AuthorizerType").asText();
    switch (type) {
      case "JWT" -> {
        if (api.isWebSocket()) {
          throw V2Errors.badRequest("JWT authorizers are supported only for HTTP APIs");
        }
        JsonNode jwt = in.path("JwtConfiguration");
        if (!jwt.hasNonNull("Issuer")) {
          throw V2Errors.badRequest("JwtConfiguration.Issuer is required for JWT authorizers");
        }
        if (!jwt.path("Audience").isArray() || jwt.path("Audience").isEmpty()) {
          throw V2Errors.badRequest("JwtConfiguration.Audience is required for JWT authorizers");
        }
      }
      case "REQUEST" -> {
        if (!in.hasNonNull("AuthorizerUri")) {
          throw V2Errors.badRequest("AuthorizerUri is required for REQUEST authorizers");
        }
        String version = in.path("AuthorizerPayloadFormatVersion").asText(api.isWebSocket() ? "1.0" : "");
        if (!api.isWebSocket() && !version.equals("1.0") && !version.equals("2.0")) {
          throw V2Errors.badRequest("AuthorizerPayloadFormatVersion must be 1.0 or 2.0 for REQUEST authorizers of HTTP APIs");
        }
        if (in.path("EnableSimpleResponses").asBoolean(false) && !version.equals("2.0")) {
          throw V2Errors.badRequest("Simple responses are supported only for authorizer payload format version 2.0");
        }
        int ttl = in.path("AuthorizerResultTtlInSeconds").asInt(0);
        if (ttl > 0 && (!in.path("IdentitySource").isArray() || in.path("IdentitySource").isEmpty())) {
          throw V2Errors.badRequest("IdentitySource is required when authorizer caching is enabled");
        }
      }
      default -> throw V2Errors.badRequest("Invalid authorizer type " + type);
    }
  }
}
