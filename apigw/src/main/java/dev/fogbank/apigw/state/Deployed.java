package dev.fogbank.apigw.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What a deployment serves: a copy of the API's resources, methods, integrations, authorizers,
 * models, validators and gateway responses as they were when it was created. Changes to the API
 * reach callers only through a new deployment, as in API Gateway.
 */
public record Deployed(
    String apiId,
    String deploymentId,
    String account,
    String region,
    ObjectNode info,
    Map<String, ApiResource> resources,
    Map<String, ObjectNode> authorizers,
    Map<String, ObjectNode> models,
    Map<String, ObjectNode> validators,
    Map<String, ObjectNode> gatewayResponses) {

  public ApiResource root() {
    return resources.get(info.path("rootResourceId").asText());
  }
}
