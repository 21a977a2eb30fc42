package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage caching: when the stage's cache cluster is on and the method's {@code cachingEnabled}
 * setting is true, a response is kept for {@code cacheTtlInSeconds} (300 by default) on the
 * emulator's clock, under a key of the stage, method, resource path and the integration's {@code
 * cacheKeyParameters} values. A client's {@code Cache-Control: max-age=0} skips and refreshes the
 * entry — when {@code requireAuthorizationForCacheControl} is false (otherwise it needs an IAM
 * caller, and is ignored).
 */
public final class ResponseCache {

  private record Entry(long expiresMillis, Mapping.MethodResult result) {}

  /** Entries past their TTL are dropped when the cache grows to this many. */
  private static final int SWEEP_AT = 10_000;

  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public ResponseCache(Clock clock) {
    this.clock = clock;
  }

  /** The cache key, or null when this method's responses are not cached. */
  public String key(Invocation inv, ObjectNode settings) {
    if (!inv.stage.path("cacheClusterEnabled").asBoolean() || !settings.path("cachingEnabled").asBoolean()) {
      return null;
    }
    if (settings.path("cacheTtlInSeconds").asInt(300) <= 0) {
      return null;
    }
    StringBuilder b = new StringBuilder(inv.apiId()).append('/').append(inv.stageName).append('/')
        .append(inv.httpMethod).append(' ').append(inv.resourcePath());
    JsonNode integration = inv.method.path("methodIntegration");
    for (JsonNode p : integration.path("cacheKeyParameters")) {
      b.append('|').append(p.asText()).append('=').append(ContextVariables.requestSource(inv, p.asText()));
    }
    return b.toString();
  }

  public Mapping.MethodResult get(Invocation inv, ObjectNode settings, String key) {
    if (invalidates(inv, settings)) {
      entries.remove(key);
      return null;
    }
    Entry e = entries.get(key);
    if (e == null || e.expiresMillis() <= clock.millis()) {
      return null;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    e.result().headers().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
    return new Mapping.MethodResult(e.result().status(), headers, e.result().body());
  }

  public void put(Invocation inv, ObjectNode settings, String key, Mapping.MethodResult result) {
    long ttl = settings.path("cacheTtlInSeconds").asLong(300) * 1000;
    long now = clock.millis();
    if (entries.size() >= SWEEP_AT) {
      entries.values().removeIf(e -> e.expiresMillis() <= now);
    }
    entries.put(key, new Entry(now + ttl, result));
  }

  private static boolean invalidates(Invocation inv, ObjectNode settings) {
    String cc = inv.header("Cache-Control");
    if (cc == null || !cc.replace(" ", "").toLowerCase().contains("max-age=0")) {
      return false;
    }
    return !settings.path("requireAuthorizationForCacheControl").asBoolean(true)
        || inv.method.path("authorizationType").asText().equals("AWS_IAM");
  }

  /** Drops a stage's entries (FlushStageCache). */
  public void flush(String apiId, String stage) {
    entries.keySet().removeIf(k -> k.startsWith(apiId + "/" + stage + "/"));
  }

  public void reset() {
    entries.clear();
  }
}
