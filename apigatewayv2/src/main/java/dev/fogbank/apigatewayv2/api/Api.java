package dev.fogbank.apigatewayv2.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP or WebSocket API and everything under it, each resource kept as the model's members
 * (the tree the control plane answers with). Callers hold the API's monitor while they read or
 * change it; the data plane reads only {@link Deployment}s, which never change.
 */
public final class Api {

  private final String account;
  private final String region;
  private final String id;
  private final ObjectNode data;
  private final Map<String, ObjectNode> routes = new LinkedHashMap<>();
  private final Map<String, ObjectNode> integrations = new LinkedHashMap<>();
  private final Map<String, ObjectNode> authorizers = new LinkedHashMap<>();
  private final Map<String, ObjectNode> models = new LinkedHashMap<>();
  private final Map<String, ObjectNode> stages = new LinkedHashMap<>();
  private final Map<String, ObjectNode> deployments = new LinkedHashMap<>();
  private final Map<String, Deployment> snapshots = new LinkedHashMap<>();
  private final Map<String, Map<String, ObjectNode>> routeResponses = new LinkedHashMap<>();
  private final Map<String, Map<String, ObjectNode>> integrationResponses = new LinkedHashMap<>();

  public Api(String account, String region, String id, ObjectNode data) {
    this.account = account;
    this.region = region;
    this.id = id;
    this.data = data;
  }

  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  public String id() {
    return id;
  }

  /** The Api shape's members: Name, ProtocolType, RouteSelectionExpression, CorsConfiguration… */
  public ObjectNode data() {
    return data;
  }

  public boolean isWebSocket() {
    return "WEBSOCKET".equals(data.path("ProtocolType").asText());
  }

  public Map<String, ObjectNode> routes() {
    return routes;
  }

  public Map<String, ObjectNode> integrations() {
    return integrations;
  }

  public Map<String, ObjectNode> authorizers() {
    return authorizers;
  }

  public Map<String, ObjectNode> models() {
    return models;
  }

  public Map<String, ObjectNode> stages() {
    return stages;
  }

  public Map<String, ObjectNode> deployments() {
    return deployments;
  }

  public Map<String, Map<String, ObjectNode>> routeResponses() {
    return routeResponses;
  }

  public Map<String, Map<String, ObjectNode>> integrationResponses() {
    return integrationResponses;
  }

  /** A deployment's frozen configuration, or null. */
  public synchronized Deployment snapshot(String deploymentId) {
    return deploymentId == null ? null : snapshots.get(deploymentId);
  }

  /** The configuration a stage serves, or null when the stage has none deployed. */
  public synchronized Deployment deployed(String stageName) {
    ObjectNode stage = stages.get(stageName);
    return stage == null ? null : snapshots.get(stage.path("DeploymentId").asText(null));
  }

  /** Freezes the current configuration as a new deployment (caller holds the monitor). */
  public ObjectNode deploy(Clock clock, String description, boolean auto) {
    String deploymentId = Ids.next(6);
    ObjectNode d = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    d.put("DeploymentId", deploymentId);
    d.put("DeploymentStatus", "DEPLOYED");
    d.put("CreatedDate", clock.now().getEpochSecond());
    d.put("AutoDeployed", auto);
    if (description != null) {
      d.put("Description", description);
    }
    deployments.put(deploymentId, d);
    snapshots.put(deploymentId, Deployment.of(deploymentId, this));
    return d;
  }

  /**
   * Something a deployment captures changed: every stage with AutoDeploy gets a fresh deployment,
   * as API Gateway does for HTTP APIs (caller holds the monitor).
   */
  public void changed(Clock clock) {
    ObjectNode auto = null;
    for (ObjectNode stage : stages.values()) {
      if (stage.path("AutoDeploy").asBoolean(false)) {
        if (auto == null) {
          auto = deploy(clock, "Automatic deployment triggered by changes to the Api configuration", true);
        }
        stage.put("DeploymentId", auto.path("DeploymentId").asText());
        stage.put("LastUpdatedDate", clock.now().getEpochSecond());
        stage.put("LastDeploymentStatusMessage", "Successfully deployed stage with deployment ID '" + auto.path("DeploymentId").asText() + "'");
      }
    }
    if (auto != null) {
      dropUnservedAutoSnapshots();
    }
  }

  /**
   * An automatic deployment no stage serves any more keeps its record (GetDeployments lists it)
   * but not its frozen copy, so that a run of changes under AutoDeploy does not hold one copy of
   * the API per change.
   */
  private void dropUnservedAutoSnapshots() {
    java.util.Set<String> served = new java.util.HashSet<>();
    for (ObjectNode stage : stages.values()) {
      served.add(stage.path("DeploymentId").asText());
    }
    snapshots.keySet().removeIf(id -> !served.contains(id) && deployments.get(id) != null && deployments.get(id).path("AutoDeployed").asBoolean(false));
  }

  public void dropSnapshot(String deploymentId) {
    snapshots.remove(deploymentId);
  }
}
