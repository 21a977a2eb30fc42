package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.apigatewayv2.api.Ids;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CreateApi, GetApi, GetApis, UpdateApi, DeleteApi, DeleteCorsConfiguration — with HTTP APIs'
 * quick create ({@code Target}: an integration, a route and an auto-deployed {@code $default}
 * stage in one call).
 */
public final class ApiOperations {

  /** The route selection expression every HTTP API has (API Gateway sets it; it cannot change). */
  public static final String HTTP_ROUTE_SELECTION = "${request.method} ${request.path}";

  private final ApiStore store;
  private final Clock clock;
  private final Tags tags;
  private final java.util.function.Consumer<String> deleted;

  /** {@code deleted} hears of each deleted API's id (its connections close, its buckets go). */
  public ApiOperations(ApiStore store, Clock clock, Tags tags, java.util.function.Consumer<String> deleted) {
    this.store = store;
    this.clock = clock;
    this.tags = tags;
    this.deleted = deleted;
  }

  public void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateApi", this::createApi);
    handlers.put("GetApi", (ctx, in) -> view(store.get(ctx.account(), ctx.region(), in.path("ApiId").asText())));
    handlers.put("GetApis", this::getApis);
    handlers.put("UpdateApi", this::updateApi);
    handlers.put("DeleteApi", this::deleteApi);
    handlers.put("DeleteCorsConfiguration", this::deleteCors);
  }

  /** The host an API's invoke URL uses here: {@code {apiId}.execute-api.localhost:<port>}. */
  public static String endpoint(RequestContext ctx, String apiId, boolean webSocket) {
    String host = ctx.host();
    int colon = host.lastIndexOf(':');
    String port = colon > 0 && host.indexOf(']') < colon ? host.substring(colon) : "";
    return (webSocket ? "ws://" : "http://") + apiId + ".execute-api.localhost" + port;
  }

  private JsonNode createApi(RequestContext ctx, ObjectNode in) {
    String protocol = in.path("ProtocolType").asText();
    boolean ws = protocol.equals("WEBSOCKET");
    if (ws) {
      if (!in.hasNonNull("RouteSelectionExpression")) {
        throw V2Errors.badRequest("RouteSelectionExpression is required for WEBSOCKET APIs");
      }
      if (in.has("CorsConfiguration")) {
        throw V2Errors.badRequest("CORS is not supported for WebSocket APIs");
      }
      if (in.has("Target") || in.has("RouteKey")) {
        throw V2Errors.badRequest("Quick create is not supported for WebSocket APIs");
      }
    } else {
      String rse = Resources.text(in, "RouteSelectionExpression");
      if (rse != null && !rse.equals(HTTP_ROUTE_SELECTION)) {
        throw V2Errors.badRequest("Unsupported route selection expression for HTTP API: " + rse);
      }
      if (in.has("RouteKey") && !in.has("Target")) {
        throw V2Errors.badRequest("RouteKey can only be specified together with Target");
      }
    }
    String id = Ids.next(10);
    ObjectNode data = Json.object();
    data.put("ApiId", id);
    data.put("Name", in.path("Name").asText());
    data.put("ProtocolType", protocol);
    data.put("ApiEndpoint", endpoint(ctx, id, ws));
    data.put("ApiKeySelectionExpression", in.path("ApiKeySelectionExpression").asText("$request.header.x-api-key"));
    data.put("CreatedDate", clock.now().getEpochSecond());
    data.put("DisableExecuteApiEndpoint", in.path("DisableExecuteApiEndpoint").asBoolean(false));
    data.put("RouteSelectionExpression", ws ? in.path("RouteSelectionExpression").asText() : HTTP_ROUTE_SELECTION);
    for (String member : List.of("Description", "Version", "CorsConfiguration", "DisableSchemaValidation")) {
      if (in.hasNonNull(member)) {
        data.set(member, in.get(member).deepCopy());
      }
    }
    Api api = new Api(ctx.account(), ctx.region(), id, data);
    if (in.hasNonNull("Target")) {
      quickCreate(api, in);
    }
    store.put(api);
    tags.put(Tags.apiArn(ctx.region(), id), in.path("Tags"));
    return view(api);
  }

  /**
   * Quick create: a Lambda ARN target becomes an AWS_PROXY integration (payload 2.0), a URL an
   * HTTP_PROXY one (method ANY); the route is {@code RouteKey} or {@code $default}; the stage
   * {@code $default} deploys automatically. All three are API Gateway managed.
   */
  private void quickCreate(Api api, ObjectNode in) {
    String target = in.path("Target").asText();
    synchronized (api) {
      ObjectNode integration = Json.object();
      boolean lambda = target.startsWith("arn:");
      integration.put("IntegrationType", lambda ? "AWS_PROXY" : "HTTP_PROXY");
      integration.put("IntegrationUri", target);
      integration.put("IntegrationMethod", lambda ? "POST" : "ANY");
      integration.put("PayloadFormatVersion", lambda ? "2.0" : "1.0");
      integration.put("ConnectionType", "INTERNET");
      integration.put("TimeoutInMillis", 30000);
      integration.put("ApiGatewayManaged", true);
      if (in.hasNonNull("CredentialsArn")) {
        integration.put("CredentialsArn", in.path("CredentialsArn").asText());
      }
      ObjectNode created = Resources.create(api.integrations(), "IntegrationId", 7, integration);
      ObjectNode route = Json.object();
      route.put("RouteKey", in.path("RouteKey").asText("$default"));
      route.put("Target", "integrations/" + created.path("IntegrationId").asText());
      route.put("AuthorizationType", "NONE");
      route.put("ApiKeyRequired", false);
      route.put("ApiGatewayManaged", true);
      Resources.create(api.routes(), "RouteId", 7, route);
      ObjectNode stage = Json.object();
      stage.put("StageName", "$default");
      stage.put("AutoDeploy", true);
      stage.put("ApiGatewayManaged", true);
      stage.put("CreatedDate", clock.now().getEpochSecond());
      stage.put("LastUpdatedDate", clock.now().getEpochSecond());
      stage.putObject("DefaultRouteSettings").put("DetailedMetricsEnabled", false);
      stage.putObject("RouteSettings");
      stage.putObject("StageVariables");
      api.stages().put("$default", stage);
      api.changed(clock);
    }
  }

  ObjectNode view(Api api) {
    synchronized (api) {
      ObjectNode out = api.data().deepCopy();
      ObjectNode t = tags.get(Tags.apiArn(api.region(), api.id()));
      if (t != null) {
        out.set("Tags", t);
      }
      return out;
    }
  }

  private JsonNode getApis(RequestContext ctx, ObjectNode in) {
    List<ObjectNode> items = new ArrayList<>();
    for (Api api : store.list(ctx.account(), ctx.region())) {
      items.add(view(api));
    }
    return Resources.items(items, in);
  }

  private JsonNode updateApi(RequestContext ctx, ObjectNode in) {
    Api api = store.get(ctx.account(), ctx.region(), in.path("ApiId").asText());
    synchronized (api) {
      if (api.isWebSocket() && in.has("CorsConfiguration")) {
        throw V2Errors.badRequest("CORS is not supported for WebSocket APIs");
      }
      if (!api.isWebSocket() && in.hasNonNull("RouteSelectionExpression")
          && !in.path("RouteSelectionExpression").asText().equals(HTTP_ROUTE_SELECTION)) {
        throw V2Errors.badRequest("Unsupported route selection expression for HTTP API: " + in.path("RouteSelectionExpression").asText());
      }
      for (String member :
          List.of("Name", "Description", "Version", "CorsConfiguration", "ApiKeySelectionExpression", "DisableSchemaValidation", "DisableExecuteApiEndpoint", "RouteSelectionExpression")) {
        if (in.hasNonNull(member)) {
          api.data().set(member, in.get(member).deepCopy());
        }
      }
      quickUpdate(api, in);
      api.changed(clock);
    }
    return view(api);
  }

  /**
   * UpdateApi's quick-create members change what quick create made: {@code Target} the managed
   * integration's URI, {@code RouteKey} the managed route's key.
   */
  private static void quickUpdate(Api api, ObjectNode in) {
    if (!in.hasNonNull("Target") && !in.hasNonNull("RouteKey") && !in.hasNonNull("CredentialsArn")) {
      return;
    }
    ObjectNode integration = null;
    for (ObjectNode i : api.integrations().values()) {
      if (i.path("ApiGatewayManaged").asBoolean(false)) {
        integration = i;
      }
    }
    ObjectNode route = null;
    for (ObjectNode r : api.routes().values()) {
      if (r.path("ApiGatewayManaged").asBoolean(false)) {
        route = r;
      }
    }
    if (integration == null || route == null) {
      throw V2Errors.badRequest("Target, RouteKey and CredentialsArn can be updated only for APIs made by quick create");
    }
    if (in.hasNonNull("Target")) {
      String target = in.path("Target").asText();
      boolean lambda = target.startsWith("arn:");
      integration.put("IntegrationUri", target);
      integration.put("IntegrationType", lambda ? "AWS_PROXY" : "HTTP_PROXY");
      integration.put("IntegrationMethod", lambda ? "POST" : "ANY");
      integration.put("PayloadFormatVersion", lambda ? "2.0" : "1.0");
    }
    if (in.hasNonNull("CredentialsArn")) {
      integration.put("CredentialsArn", in.path("CredentialsArn").asText());
    }
    if (in.hasNonNull("RouteKey")) {
      String key = in.path("RouteKey").asText();
      for (ObjectNode r : api.routes().values()) {
        if (r != route && r.path("RouteKey").asText().equals(key)) {
          throw V2Errors.conflict("Route with key " + key + " already exists for this API");
        }
      }
      route.put("RouteKey", key);
    }
  }

  private JsonNode deleteApi(RequestContext ctx, ObjectNode in) {
    Api api = store.remove(ctx.account(), ctx.region(), in.path("ApiId").asText());
    tags.removeUnder(Tags.apiArn(api.region(), api.id()));
    deleted.accept(api.id());
    return null;
  }

  private JsonNode deleteCors(RequestContext ctx, ObjectNode in) {
    Api api = store.get(ctx.account(), ctx.region(), in.path("ApiId").asText());
    synchronized (api) {
      if (api.data().remove("CorsConfiguration") == null) {
        throw V2Errors.notFound("Invalid CORS configuration identifier specified " + ctx.account() + ":" + api.id());
      }
      api.changed(clock);
    }
    return null;
  }
}
