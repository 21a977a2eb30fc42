package dev.fogbank.apigatewayv2.api;

import dev.fogbank.apigatewayv2.V2Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every API of every account and region, indexed by id as well: the data plane knows only the id
 * (the {@code {apiId}.execute-api} host), and ids are unique across accounts as AWS makes them.
 */
public final class ApiStore {

  private final Map<String, Api> byId = new ConcurrentHashMap<>();

  public void put(Api api) {
    byId.put(api.id(), api);
  }

  /** Any account's API with this id, or null: for the data plane. */
  public Api find(String id) {
    return id == null ? null : byId.get(id);
  }

  /** The caller's API, or NotFoundException. */
  public Api get(String account, String region, String id) {
    Api api = byId.get(id);
    if (api == null || !api.account().equals(account) || !api.region().equals(region)) {
      throw V2Errors.notFound("API", account, id);
    }
    return api;
  }

  public List<Api> list(String account, String region) {
    List<Api> out = new ArrayList<>();
    for (Api api : byId.values()) {
      if (api.account().equals(account) && api.region().equals(region)) {
        out.add(api);
      }
    }
    // Creation order, ties by id: a stable order for pages of GetApis.
    out.sort(java.util.Comparator.<Api>comparingLong(a -> a.data().path("CreatedDate").asLong()).thenComparing(Api::id));
    return out;
  }

  public Api remove(String account, String region, String id) {
    Api api = get(account, region, id);
    byId.remove(id);
    return api;
  }

  public void reset() {
    byId.clear();
  }
}
