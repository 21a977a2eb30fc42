package dev.fogbank.apigw.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One REST API: its description (the model's {@code RestApi} shape), its resource tree, and what
 * hangs off it — deployments (each with the frozen {@link Deployed} copy it serves), stages,
 * authorizers, models, request validators and gateway responses. Callers lock on the API for
 * changes; the data plane reads only stages and deployment snapshots, which are replaced rather
 * than changed.
 */
public final class RestApi {

  private final String account;
  private final String region;
  private final ObjectNode info;
  public final Map<String, ApiResource> resources = new LinkedHashMap<>();
  public final Map<String, ObjectNode> deployments = new LinkedHashMap<>();
  public final Map<String, Deployed> snapshots = new ConcurrentHashMap<>();
  public final Map<String, ObjectNode> stages = new ConcurrentHashMap<>();
  public final Map<String, ObjectNode> authorizers = new LinkedHashMap<>();
  public final Map<String, ObjectNode> models = new LinkedHashMap<>();
  public final Map<String, ObjectNode> validators = new LinkedHashMap<>();
  public final Map<String, ObjectNode> gatewayResponses = new LinkedHashMap<>();

  public RestApi(String account, String region, ObjectNode info) {
    this.account = account;
    this.region = region;
    this.info = info;
  }

  public String id() {
    return info.path("id").asText();
  }

  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  /** The model's RestApi shape, as GetRestApi answers it. */
  public ObjectNode info() {
    return info;
  }

  public String rootResourceId() {
    return info.path("rootResourceId").asText();
  }

  /** The resource whose path is {@code path}, or null. */
  public ApiResource byPath(String path) {
    for (ApiResource r : resources.values()) {
      if (r.path().equals(path)) {
        return r;
      }
    }
    return null;
  }

  /** A frozen copy of everything the data plane reads, for a new deployment. */
  public Deployed freeze(String deploymentId) {
    Map<String, ApiResource> copy = new LinkedHashMap<>();
    resources.forEach((k, v) -> copy.put(k, v.copy()));
    return new Deployed(
        id(),
        deploymentId,
        account,
        region,
        info.deepCopy(),
        copy,
        deepCopy(authorizers),
        deepCopy(models),
        deepCopy(validators),
        deepCopy(gatewayResponses));
  }

  private static Map<String, ObjectNode> deepCopy(Map<String, ObjectNode> from) {
    Map<String, ObjectNode> to = new LinkedHashMap<>();
    from.forEach((k, v) -> to.put(k, v.deepCopy()));
    return Map.copyOf(to);
  }
}
