package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.time.Clock;

/**
 * How an operation on a part of an API (a route, an integration, an authorizer) runs: on the API
 * the request's {@code ApiId} names (NotFound otherwise), under that API's lock; a change then
 * marks the API changed, which redeploys its auto-deploy stages.
 */
final class ApiWork {

  /** What an operation does with the API. */
  interface Work {
    JsonNode on(Api api);
  }

  private final ApiStore store;
  private final Clock clock;

  ApiWork(ApiStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  JsonNode read(RequestContext ctx, ObjectNode in, Work work) {
    Api api = store.get(ctx.account(), ctx.region(), in.path("ApiId").asText());
    synchronized (api) {
      return work.on(api);
    }
  }

  JsonNode change(RequestContext ctx, ObjectNode in, Work work) {
    Api api = store.get(ctx.account(), ctx.region(), in.path("ApiId").asText());
    synchronized (api) {
      JsonNode out = work.on(api);
      api.changed(clock);
      return out;
    }
  }
}
