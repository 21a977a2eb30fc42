package dev.fogbank.apigatewayv2.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deployment froze: the API's settings (CORS, selection expressions), routes,
 * integrations, authorizers and their responses as they were when it was made. A stage serves its
 * deployment; later changes reach it only through a new deployment (or auto-deploy).
 */
public record Deployment(
    String id,
    ObjectNode api,
    Map<String, ObjectNode> routes,
    Map<String, ObjectNode> integrations,
    Map<String, ObjectNode> authorizers,
    Map<String, Map<String, ObjectNode>> routeResponses,
    Map<String, Map<String, ObjectNode>> integrationResponses) {

  static Deployment of(String id, Api api) {
    return new Deployment(
        id,
        api.data().deepCopy(),
        copy(api.routes()),
        copy(api.integrations()),
        copy(api.authorizers()),
        copyNested(api.routeResponses()),
        copyNested(api.integrationResponses()));
  }

  private static Map<String, ObjectNode> copy(Map<String, ObjectNode> from) {
    Map<String, ObjectNode> to = new LinkedHashMap<>();
    from.forEach((k, v) -> to.put(k, v.deepCopy()));
    return to;
  }

  private static Map<String, Map<String, ObjectNode>> copyNested(Map<String, Map<String, ObjectNode>> from) {
    Map<String, Map<String, ObjectNode>> to = new LinkedHashMap<>();
    from.forEach((k, v) -> to.put(k, copy(v)));
    return to;
  }

  /** The route with this key ({@code GET /items/{id}}, {@code $default}), or null. */
  public ObjectNode routeByKey(String key) {
    for (ObjectNode route : routes.values()) {
      if (route.path("RouteKey").asText().equals(key)) {
        return route;
      }
    }
    return null;
  }

  /** The integration a route targets ({@code integrations/abc1234}), or null. */
  public ObjectNode integrationOf(ObjectNode route) {
    String target = route.path("Target").asText("");
    if (!target.startsWith("integrations/")) {
      return null;
    }
    return integrations.get(target.substring("integrations/".length()));
  }
}
