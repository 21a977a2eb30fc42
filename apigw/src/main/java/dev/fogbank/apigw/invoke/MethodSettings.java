package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stage's method settings for one method: the method's own entry ({@code ~1pets/GET}) over the
 * stage-wide {@code *}{@code /*} entry over API Gateway's defaults (throttling at the account's
 * 10 000 requests per second with a burst of 5 000, caching off with a 300 s TTL).
 */
public final class MethodSettings {

  /**
   * A method's merged settings on a stage version, with what throttling reads on every request:
   * the governor's keys for the account and for the stage's method, and the method's limits.
   * The settings are shared: read them, never change them.
   */
  public record Effective(ObjectNode settings, String accountKey, String methodKey, double rate, double burst) {}

  private static final class Key {
    final String apiId;
    final String stageName;
    final String resourcePath;
    final String httpMethod;
    final int hash;

    Key(String apiId, String stageName, String resourcePath, String httpMethod) {
      this.apiId = apiId;
      this.stageName = stageName;
      this.resourcePath = resourcePath;
      this.httpMethod = httpMethod;
      this.hash = ((apiId.hashCode() * 31 + String.valueOf(stageName).hashCode()) * 31 + resourcePath.hashCode()) * 31
          + httpMethod.hashCode();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && hash == k.hash && apiId.equals(k.apiId) && java.util.Objects.equals(stageName, k.stageName)
          && resourcePath.equals(k.resourcePath) && httpMethod.equals(k.httpMethod);
    }
  }

  /** Settings merged for the stage object they were read from; an updated stage is a new object. */
  private record Merged(ObjectNode stage, Effective effective) {}

  private final Map<Key, Merged> merged = new ConcurrentHashMap<>();

  /**
   * The effective settings of the routed method on the invocation's stage, merged once per stage
   * version: UpdateStage replaces a stage's object rather than changing it, so a cached merge is
   * current as long as it was made from the stage object the request sees.
   */
  public Effective of(Invocation inv) {
    String httpMethod = inv.method.path("httpMethod").asText();
    Key key = new Key(inv.apiId(), inv.stageName, inv.resourcePath(), httpMethod);
    Merged m = merged.get(key);
    if (m == null || m.stage() != inv.stage) {
      ObjectNode settings = effective(inv.stage, inv.resourcePath(), httpMethod);
      Effective e = new Effective(
          settings,
          "apigw-account:" + inv.accountId + ":" + inv.region,
          "apigw:" + inv.apiId() + ":" + inv.stageName + ":" + inv.resourcePath() + " " + httpMethod,
          settings.path("throttlingRateLimit").asDouble(10000),
          settings.path("throttlingBurstLimit").asDouble(5000));
      m = new Merged(inv.stage, e);
      merged.put(key, m);
    }
    return m.effective();
  }

  public void reset() {
    merged.clear();
  }

  private static ObjectNode effective(ObjectNode stage, String resourcePath, String httpMethod) {
    ObjectNode out = Json.object();
    out.put("throttlingRateLimit", 10000.0);
    out.put("throttlingBurstLimit", 5000);
    out.put("cachingEnabled", false);
    out.put("cacheTtlInSeconds", 300);
    out.put("requireAuthorizationForCacheControl", true);
    JsonNode all = stage.path("methodSettings");
    merge(out, all.get("*/*"));
    merge(out, all.get(resourcePath.replace("~", "~0").replace("/", "~1") + "/*"));
    merge(out, all.get(resourcePath.replace("~", "~0").replace("/", "~1") + "/" + httpMethod));
    return out;
  }

  private static void merge(ObjectNode into, JsonNode from) {
    if (from != null && from.isObject()) {
      into.setAll((ObjectNode) from.deepCopy());
    }
  }
}
