package dev.fogbank.apigw;

import dev.fogbank.apigw.state.ApiGatewayState;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.state.AccountRegionStore;
import dev.fogbank.core.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway's state and shared runtime: the per-account/region stores, an index of every REST
 * API id (the invoke URL names only the id), and the clock, scheduler, governor and in-process
 * client the data plane uses.
 */
public final class ApiGatewayEngine {

  private final AccountRegionStore<ApiGatewayState> store = new AccountRegionStore<>(ApiGatewayState::new);
  private final Map<String, RestApi> byId = new ConcurrentHashMap<>();
  private final ServiceContext context;

  public ApiGatewayEngine(ServiceContext context) {
    this.context = context;
  }

  public ServiceContext context() {
    return context;
  }

  public Clock clock() {
    return context.clock();
  }

  public ApiGatewayState state(RequestContext ctx) {
    return store.get(ctx.account(), ctx.region());
  }

  public ApiGatewayState state(String account, String region) {
    return store.get(account, region);
  }

  /** The API of the caller's account and region, or NotFoundException. */
  public RestApi api(RequestContext ctx, String apiId) {
    RestApi api = state(ctx).apis.get(apiId);
    if (api == null) {
      throw ApiGatewayErrors.apiNotFound(ctx.account(), apiId);
    }
    return api;
  }

  /** Any account's API by id, for the invoke URL; null if none. */
  public RestApi apiById(String apiId) {
    return byId.get(apiId);
  }

  public void register(RestApi api) {
    byId.put(api.id(), api);
    state(api.account(), api.region()).apis.put(api.id(), api);
  }

  public void unregister(RestApi api) {
    byId.remove(api.id());
    state(api.account(), api.region()).apis.remove(api.id());
    context.governor().forget("apigw:" + api.id() + ":");
  }

  public void reset() {
    store.reset();
    byId.clear();
    context.governor().forget("apigw");
  }

  /** Epoch seconds now, as the model's timestamps are kept in the engine tree. */
  public long nowSeconds() {
    return clock().now().getEpochSecond();
  }
}
