package dev.fogbank.apigatewayv2.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.VirtualClock;
import org.junit.jupiter.api.Test;

/** Deployments freeze an API; AutoDeploy stages follow every change. */
class ApiTest {

  private final VirtualClock clock = new VirtualClock(true);

  private static Api api() {
    return new Api("000000000000", "us-east-1", "a1b2c3d4e5", Json.object().put("ProtocolType", "HTTP"));
  }

  private static void route(Api api, String id, String key) {
    api.routes().put(id, Json.object().put("RouteId", id).put("RouteKey", key));
  }

  @Test
  void aStageServesItsDeploymentNotLaterChanges() {
    Api api = api();
    route(api, "r1", "GET /one");
    ObjectNode d = api.deploy(clock, null, false);
    api.stages().put("prod", Json.object().put("StageName", "prod").put("DeploymentId", d.path("DeploymentId").asText()));
    route(api, "r2", "GET /two");
    api.changed(clock);
    Deployment served = api.deployed("prod");
    assertNotNull(served.routeByKey("GET /one"));
    assertNull(served.routeByKey("GET /two"));
  }

  @Test
  void autoDeployStagesGetEveryChangeAndOldAutoCopiesAreDropped() {
    Api api = api();
    api.stages().put("$default", Json.object().put("StageName", "$default").put("AutoDeploy", true));
    route(api, "r1", "GET /one");
    api.changed(clock);
    String first = api.stages().get("$default").path("DeploymentId").asText();
    route(api, "r2", "GET /two");
    api.changed(clock);
    String second = api.stages().get("$default").path("DeploymentId").asText();
    assertNotNull(api.deployed("$default").routeByKey("GET /two"));
    assertEquals(2, api.deployments().size());
    assertNull(api.snapshot(first), "no stage serves it");
    assertNotNull(api.snapshot(second));
  }
}
