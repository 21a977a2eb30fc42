package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;

/**
 * A stage's method settings for one method: the method's own entry ({@code ~1pets/GET}) over the
 * stage-wide {@code *}{@code /*} entry over API Gateway's defaults (throttling at the account's
 * 10 000 requests per second with a burst of 5 000, caching off with a 300 s TTL).
 */
public final class MethodSettings {

  private MethodSettings() {}

  public static ObjectNode effective(ObjectNode stage, String resourcePath, String httpMethod) {
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
