package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Routes and their route responses (the two-way WebSocket routes' answers). */
public final class RouteOperations {

  /**
   * An HTTP API route key: {@code $default}, or a method (or ANY) and a path whose last segment
   * may be greedy ({@code /{proxy+}}).
   */
  private static final Pattern HTTP_ROUTE_KEY =
      Pattern.compile("(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /([^\\s]*)");

  private static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "JWT");

  private final ApiWork apis;

  public RouteOperations(ApiStore store, Clock clock) {
    this.apis = new ApiWork(store, clock);
  }

  public void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateRoute", this::createRoute);
    handlers.put("GetRoute", (ctx, in) -> read(ctx, in, api -> route(api, ctx, in).deepCopy()));
    handlers.put("GetRoutes", (ctx, in) -> read(ctx, in, api -> Resources.items(api.routes().values(), in)));
    handlers.put("UpdateRoute", this::updateRoute);
    handlers.put("DeleteRoute", (ctx, in) -> change(ctx, in, api -> {
      ObjectNode removed = Resources.remove(api.routes(), in.path("RouteId").asText(), "Route", ctx.account());
      api.routeResponses().remove(removed.path("RouteId").asText());
      return null;
    }));
    handlers.put("DeleteRouteRequestParameter", (ctx, in) -> change(ctx, in, api -> {
      ObjectNode route = route(api, ctx, in);
      JsonNode params = route.get("RequestParameters");
      String key = in.path("RequestParameterKey").asText();
      if (params == null || !params.has(key)) {
        throw V2Errors.notFound("Invalid request parameter key specified " + ctx.account() + ":" + key);
      }
      ((ObjectNode) params).remove(key);
      return null;
    }));
    handlers.put("CreateRouteResponse", (ctx, in) -> change(ctx, in, api -> {
      route(api, ctx, in);
      Map<String, ObjectNode> responses = api.routeResponses().computeIfAbsent(in.path("RouteId").asText(), k -> new LinkedHashMap<>());
      String key = in.path("RouteResponseKey").asText();
      for (ObjectNode existing : responses.values()) {
        if (existing.path("RouteResponseKey").asText().equals(key)) {
          throw V2Errors.conflict("Route response with key " + key + " already exists for this route");
        }
      }
      return Resources.create(responses, "RouteResponseId", 6, in, "RouteId").deepCopy();
    }));
    handlers.put("GetRouteResponse", (ctx, in) -> read(ctx, in, api -> routeResponse(api, ctx, in).deepCopy()));
    handlers.put("GetRouteResponses", (ctx, in) -> read(ctx, in, api -> {
      route(api, ctx, in);
      return Resources.items(api.routeResponses().getOrDefault(in.path("RouteId").asText(), Map.of()).values(), in);
    }));
    handlers.put("UpdateRouteResponse", (ctx, in) -> change(ctx, in, api -> {
      ObjectNode r = routeResponse(api, ctx, in);
      Resources.update(r, in, "RouteResponseId", "RouteId");
      return r.deepCopy();
    }));
    handlers.put("DeleteRouteResponse", (ctx, in) -> change(ctx, in, api -> {
      routeResponse(api, ctx, in);
      api.routeResponses().get(in.path("RouteId").asText()).remove(in.path("RouteResponseId").asText());
      return null;
    }));
  }

  private JsonNode read(RequestContext ctx, ObjectNode in, ApiWork.Work work) {
    return apis.read(ctx, in, work);
  }

  private JsonNode change(RequestContext ctx, ObjectNode in, ApiWork.Work work) {
    return apis.change(ctx, in, work);
  }

  private static ObjectNode route(Api api, RequestContext ctx, ObjectNode in) {
    return Resources.get(api.routes(), in.path("RouteId").asText(), "Route", ctx.account());
  }

  private static ObjectNode routeResponse(Api api, RequestContext ctx, ObjectNode in) {
    route(api, ctx, in);
    Map<String, ObjectNode> responses = api.routeResponses().getOrDefault(in.path("RouteId").asText(), Map.of());
    return Resources.get(responses, in.path("RouteResponseId").asText(), "RouteResponse", ctx.account());
  }

  private JsonNode createRoute(RequestContext ctx, ObjectNode in) {
    return change(ctx, in, api -> {
      String key = in.path("RouteKey").asText();
      checkKey(api, key, null);
      ObjectNode input = in.deepCopy();
      if (!input.has("AuthorizationType")) {
        input.put("AuthorizationType", "NONE");
      }
      if (!input.has("ApiKeyRequired")) {
        input.put("ApiKeyRequired", false);
      }
      check(api, ctx, input);
      return Resources.create(api.routes(), "RouteId", 7, input).deepCopy();
    });
  }

  private JsonNode updateRoute(RequestContext ctx, ObjectNode in) {
    return change(ctx, in, api -> {
      ObjectNode route = route(api, ctx, in);
      if (in.hasNonNull("RouteKey")) {
        checkKey(api, in.path("RouteKey").asText(), route.path("RouteId").asText());
      }
      ObjectNode merged = route.deepCopy();
      Resources.update(merged, in, "RouteId");
      check(api, ctx, merged);
      Resources.update(route, in, "RouteId");
      return route.deepCopy();
    });
  }

  private static void checkKey(Api api, String key, String self) {
    if (!api.isWebSocket() && !key.equals("$default") && !HTTP_ROUTE_KEY.matcher(key).matches()) {
      throw V2Errors.badRequest("Unable to create route " + key + ". Route key must be $default or an HTTP method and a resource path, e.g. GET /pets");
    }
    if (!api.isWebSocket() && key.contains("+}") && !key.endsWith("+}")) {
      throw V2Errors.badRequest("Greedy path variables must be the last segment of the route key: " + key);
    }
    for (ObjectNode existing : api.routes().values()) {
      if (existing.path("RouteKey").asText().equals(key) && !existing.path("RouteId").asText().equals(self)) {
        throw V2Errors.conflict("Route with key " + key + " already exists for this API");
      }
    }
  }

  /** A route's target must name an integration of the API, its authorizer one of its authorizers. */
  private static void check(Api api, RequestContext ctx, ObjectNode route) {
    String target = Resources.text(route, "Target");
    if (target != null) {
      if (!target.startsWith("integrations/") || !api.integrations().containsKey(target.substring(13))) {
        throw V2Errors.badRequest("Invalid integration target specified: " + target);
      }
    }
    String type = route.path("AuthorizationType").asText("NONE");
    if (!AUTHORIZATION_TYPES.contains(type)) {
      throw V2Errors.badRequest("Invalid authorization type specified: " + type);
    }
    if (type.equals("JWT") || type.equals("CUSTOM")) {
      String authorizerId = Resources.text(route, "AuthorizerId");
      ObjectNode authorizer = authorizerId == null ? null : api.authorizers().get(authorizerId);
      if (authorizer == null) {
        throw V2Errors.badRequest("Invalid authorizer identifier specified " + ctx.account() + ":" + authorizerId);
      }
      String expected = authorizer.path("AuthorizerType").asText().equals("JWT") ? "JWT" : "CUSTOM";
      if (!expected.equals(type)) {
        throw V2Errors.badRequest("AuthorizationType " + type + " does not match the authorizer's type " + authorizer.path("AuthorizerType").asText());
      }
    } else if (route.hasNonNull("AuthorizerId") && type.equals("NONE")) {
      route.remove("AuthorizerId");
    }
    if (route.has("AuthorizationScopes") && !type.equals("JWT") && !route.path("AuthorizationScopes").isEmpty()) {
      throw V2Errors.badRequest("AuthorizationScopes are supported only for JWT authorizers");
    }
  }
}
