package dev.fogbank.apigatewayv2;

import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.apigatewayv2.control.ApiOperations;
import dev.fogbank.apigatewayv2.control.AuthorizerOperations;
import dev.fogbank.apigatewayv2.control.DomainNameOperations;
import dev.fogbank.apigatewayv2.control.ModelOperations;
import dev.fogbank.apigatewayv2.control.IntegrationOperations;
import dev.fogbank.apigatewayv2.control.OpenApiOperations;
import dev.fogbank.apigatewayv2.control.RouteOperations;
import dev.fogbank.apigatewayv2.control.StageOperations;
import dev.fogbank.apigatewayv2.control.Tags;
import dev.fogbank.apigatewayv2.http.HttpApiServer;
import dev.fogbank.apigatewayv2.ws.ConnectionsApi;
import dev.fogbank.apigatewayv2.ws.WebSocketApiEndpoint;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.InputValidator;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon API Gateway v2: HTTP APIs and WebSocket APIs. The control plane is the REST-JSON API
 * under {@code /v2/}; the data plane answers on {@code {apiId}.execute-api.localhost…} hosts and
 * on the path form {@code /_fogbank/apigatewayv2/{apiId}/{stage}/…}, for API ids of this store
 * only, so that REST APIs (v1) on the same host forms reach their own module.
 */
public final class ApiGatewayV2Module implements ServiceModule {

  private final ServiceModel model = ServiceModel.load(getClass(), "apigatewayv2-2018-11-29");
  private final ApiStore store = new ApiStore();
  private final Tags tags = new Tags();
  private volatile Map<String, OperationHandler> handlers = Map.of();
  private volatile HttpApiServer http;
  private volatile WebSocketApiEndpoint webSockets;
  private volatile DomainNameOperations domainNames;

  @Override
  public String name() {
    return "apigatewayv2";
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  @Override
  public void start(ServiceContext context) {
    DomainNameOperations domainNames = new DomainNameOperations(store, context.clock(), tags);
    HttpApiServer http = new HttpApiServer(store, context, domainNames);
    WebSocketApiEndpoint webSockets = new WebSocketApiEndpoint(store, context);
    ConnectionsApi connections = new ConnectionsApi(store, webSockets);
    Map<String, OperationHandler> map = new HashMap<>();
    ApiOperations apis =
        new ApiOperations(
            store,
            context.clock(),
            tags,
            apiId -> {
              webSockets.closeAll(apiId, null);
              context.governor().forget("apigatewayv2/" + apiId + "/");
            });
    apis.register(map);
    new OpenApiOperations(store, context.clock(), apis).register(map);
    new RouteOperations(store, context.clock()).register(map);
    new IntegrationOperations(store, context.clock()).register(map);
    new StageOperations(
            store,
            context.clock(),
            tags,
            prefix -> {
              http.resetAuthorizerCache(prefix);
              webSockets.resetAuthorizerCache(prefix);
            },
            webSockets::closeAll).register(map);
    new AuthorizerOperations(store, context.clock()).register(map);
    new ModelOperations(store).register(map);
    domainNames.register(map);
    tags.register(map);
    this.handlers = Map.copyOf(map);
    this.http = http;
    this.domainNames = domainNames;
    this.webSockets = webSockets;
    if (context.admin() != null) {
      // @connections first: it shares the API's host and stage prefix with the API's own routes.
      context.admin().route(connections::matches, connections::serve);
      context.admin().route(http::matches, http::serve);
      context.admin().webSocket(webSockets);
    }
  }

  public ApiStore store() {
    return store;
  }

  @Override
  public Map<String, OperationHandler> handlers() {
    return handlers;
  }

  @Override
  public void reset() {
    store.reset();
    tags.reset();
    if (domainNames != null) {
      domainNames.reset();
    }
    if (webSockets != null) {
      webSockets.reset();
    }
    if (http != null) {
      http.reset();
    }
  }

  @Override
  public void stop() {
    if (webSockets != null) {
      webSockets.stop();
    }
    if (http != null) {
      http.integrations().close();
    }
  }

  /** The control plane of v2 is under {@code /v2/}; v1's REST APIs are elsewhere. */
  @Override
  public boolean claims(AwsRequest request) {
    return request.path().startsWith("/v2/");
  }

  @Override
  public boolean mayBlock(String operation) {
    return false;
  }

  /** API Gateway reports invalid input as BadRequestException, not Coral's ValidationException. */
  @Override
  public AwsException validationError(Protocol protocol, List<Violation> violations) {
    return V2Errors.badRequest(InputValidator.summary(violations));
  }
}
