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

  private record Key(String apiId, String stageName, String resourcePath, String httpMethod) {}

  /** Settings merged for the stage object they were read from; an updated stage is a new object. */
  private record Merged(ObjectNode stage, ObjectNode settings) {}

  private final Map<Key, Merged> merged = new ConcurrentHashMap<>();

  /**
   * The effective settings of a method on a stage, merged once per stage version: UpdateStage
   * replaces a stage's object rather than changing it, so a cached merge is current as long as it
   * was made from the stage object the request sees. The answer is shared: read it, never change it.
   */
  public ObjectNode of(String apiId, String stageName, ObjectNode stage, String resourcePath, String httpMethod) {
    Key key = new Key(apiId, stageName, resourcePath, httpMethod);
    Merged m = merged.get(key);
    if (m == null || m.stage() != stage) {
      m = new Merged(stage, effective(stage, resourcePath, httpMethod));
      merged.put(key, m);
    }
    return m.settings();
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
