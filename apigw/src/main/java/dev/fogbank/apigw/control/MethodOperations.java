package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Json;
import java.util.Map;
import java.util.Set;

/**
 * Methods and what they hold: PutMethod/GetMethod/UpdateMethod/DeleteMethod, method responses,
 * the integration, and integration responses. Everything is kept nested in the method's {@code
 * Method} shape, so GetMethod answers it as one document, as API Gateway does.
 */
public final class MethodOperations {

  private static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
  private static final Set<String> TYPES = Set.of("HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY", "MOCK");

  private final ApiGatewayEngine engine;
  private final ServiceModel model;

  public MethodOperations(ApiGatewayEngine engine, ServiceModel model) {
    this.engine = engine;
    this.model = model;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("PutMethod", this::putMethod);
    map.put("GetMethod", (ctx, in) -> read(ctx, in, m -> m));
    map.put("UpdateMethod", this::updateMethod);
    map.put("DeleteMethod", this::deleteMethod);
    map.put("PutMethodResponse", this::putMethodResponse);
    map.put("GetMethodResponse", (ctx, in) -> read(ctx, in, m -> child(m, "methodResponses", in.path("statusCode").asText())));
    map.put("UpdateMethodResponse", this::updateMethodResponse);
    map.put("DeleteMethodResponse", (ctx, in) -> change(ctx, in, m -> removeChild(m, "methodResponses", in.path("statusCode").asText())));
    map.put("PutIntegration", this::putIntegration);
    map.put("GetIntegration", (ctx, in) -> read(ctx, in, MethodOperations::integration));
    map.put("UpdateIntegration", this::updateIntegration);
    map.put("DeleteIntegration", (ctx, in) -> change(ctx, in, m -> {
      integration(m);
      m.remove("methodIntegration");
      return null;
    }));
    map.put("PutIntegrationResponse", this::putIntegrationResponse);
    map.put("GetIntegrationResponse", (ctx, in) -> read(ctx, in, m -> child(integration(m), "integrationResponses", in.path("statusCode").asText())));
    map.put("UpdateIntegrationResponse", this::updateIntegrationResponse);
    map.put("DeleteIntegrationResponse", (ctx, in) -> change(ctx, in, m -> removeChild(integration(m), "integrationResponses", in.path("statusCode").asText())));
  }

  private interface MethodStep {
    JsonNode apply(ObjectNode method);
  }

  private JsonNode read(RequestContext ctx, ObjectNode in, MethodStep step) {
    return change(ctx, in, step);
  }

  /** Runs {@code step} on the method the input names, under the API's lock. */
  private JsonNode change(RequestContext ctx, ObjectNode in, MethodStep step) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    synchronized (api) {
      ApiResource r = ResourceOperations.resource(api, in.path("resourceId").asText());
      ObjectNode method = r.methods().get(in.path("httpMethod").asText());
      if (method == null) {
        throw ApiGatewayErrors.methodNotFound();
      }
      JsonNode out = step.apply(method);
      return out == null ? null : out.deepCopy();
    }
  }

  static ObjectNode integration(ObjectNode method) {
    JsonNode i = method.get("methodIntegration");
    if (i == null) {
      throw ApiGatewayErrors.integrationNotFound();
    }
    return (ObjectNode) i;
  }

  private static ObjectNode child(ObjectNode parent, String map, String statusCode) {
    JsonNode c = parent.path(map).get(statusCode);
    if (c == null) {
      throw ApiGatewayErrors.responseNotFound();
    }
    return (ObjectNode) c;
  }

  private static JsonNode removeChild(ObjectNode parent, String map, String statusCode) {
    child(parent, map, statusCode);
    ((ObjectNode) parent.get(map)).remove(statusCode);
    if (parent.get(map).isEmpty()) {
      parent.remove(map);
    }
    return null;
  }

  // ---------------------------------------------------------------- methods

  private JsonNode putMethod(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    String verb = in.path("httpMethod").asText();
    if (!VERBS.contains(verb)) {
      throw ApiGatewayErrors.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
    }
    synchronized (api) {
      ApiResource r = ResourceOperations.resource(api, in.path("resourceId").asText());
      if (r.methods().containsKey(verb)) {
        throw ApiGatewayErrors.conflict("Method already exists for this resource");
      }
      ObjectNode method = method(api, in, verb);
      r.methods().put(verb, method);
      return method.deepCopy();
    }
  }

  /** The Method shape from PutMethod's input; also the OpenAPI import's way in. */
  public static ObjectNode method(RestApi api, ObjectNode in, String verb) {
    String auth = in.path("authorizationType").asText("NONE");
    if (!Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS").contains(auth)) {
      throw ApiGatewayErrors.badRequest("Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS");
    }
    if ((auth.equals("CUSTOM") || auth.equals("COGNITO_USER_POOLS"))) {
      String authorizerId = in.path("authorizerId").asText(null);
      if (authorizerId == null || !api.authorizers.containsKey(authorizerId)) {
        throw ApiGatewayErrors.badRequest("Invalid authorizer ID specified. Setting the authorization type to "
            + auth + " requires a valid authorizer.");
      }
    }
    ObjectNode method = Json.object();
    method.put("httpMethod", verb);
    method.put("authorizationType", auth);
    RestApiOperations.copy(in, method, "authorizerId", "requestValidatorId", "operationName", "requestParameters",
        "requestModels", "authorizationScopes");
    method.put("apiKeyRequired", in.path("apiKeyRequired").asBoolean(false));
    return method;
  }

  private JsonNode updateMethod(RequestContext ctx, ObjectNode in) {
    return change(ctx, in, m -> {
      ObjectNode copy = m.deepCopy();
      Patch.apply(copy, in, model.shape("Method"), Set.of("httpMethod", "methodResponses", "methodIntegration"));
      m.removeAll();
      m.setAll(copy);
      return m;
    });
  }

  private JsonNode deleteMethod(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    synchronized (api) {
      ApiResource r = ResourceOperations.resource(api, in.path("resourceId").asText());
      if (r.methods().remove(in.path("httpMethod").asText()) == null) {
        throw ApiGatewayErrors.methodNotFound();
      }
    }
    return null;
  }

  private JsonNode putMethodResponse(RequestContext ctx, ObjectNode in) {
    return change(ctx, in, m -> {
      ObjectNode response = Json.object();
      response.put("statusCode", in.path("statusCode").asText());
      RestApiOperations.copy(in, response, "responseParameters", "responseModels");
      (m.has("methodResponses") ? (ObjectNode) m.get("methodResponses") : m.putObject("methodResponses"))
          .set(in.path("statusCode").asText(), response);
      return response;
    });
  }

  private JsonNode updateMethodResponse(RequestContext ctx, ObjectNode in) {
    return change(ctx, in, m -> {
      ObjectNode response = child(m, "methodResponses", in.path("statusCode").asText());
      Patch.apply(response, in, model.shape("MethodResponse"), Set.of("statusCode"));
      return response;
    });
  }

  // ---------------------------------------------------------------- integrations

  private JsonNode putIntegration(RequestContext ctx, ObjectNode in) {
    return change(ctx, in, m -> {
      ObjectNode integration = integration(in, in.path("resourceId").asText());
      JsonNode old = m.path("methodIntegration").get("integrationResponses");
      if (old != null) {
        // PutIntegration replaces the integration but keeps its responses, as API Gateway does.
        integration.set("integrationResponses", old);
      }
      m.set("methodIntegration", integration);
      return integration;
    });
  }

  /** The Integration shape from PutIntegration's input, checked as API Gateway checks it. */
  public static ObjectNode integration(ObjectNode in, String resourceId) {
    String type = in.path("type").asText();
    if (!TYPES.contains(type)) {
      throw ApiGatewayErrors.badRequest("Invalid integration type specified. Valid options are HTTP,HTTP_PROXY,AWS,AWS_PROXY,MOCK");
    }
    String httpMethod = in.path("integrationHttpMethod").asText(null);
    String uri = in.path("uri").asText(null);
    if (!type.equals("MOCK")) {
      if (httpMethod == null || httpMethod.isEmpty()) {
        throw ApiGatewayErrors.badRequest("Enumeration value for HttpMethod must be non-empty");
      }
      if (uri == null || uri.isEmpty()) {
        throw ApiGatewayErrors.badRequest("Invalid HTTP endpoint specified for URI");
      }
      if ((type.equals("AWS") || type.equals("AWS_PROXY")) && !uri.startsWith("arn:aws:apigateway:")) {
        throw ApiGatewayErrors.badRequest("AWS ARN for integration must contain path or action");
      }
      if ((type.equals("HTTP") || type.equals("HTTP_PROXY")) && !uri.startsWith("http://") && !uri.startsWith("https://")) {
        throw ApiGatewayErrors.badRequest("Invalid HTTP endpoint specified for URI");
      }
      if (type.equals("AWS_PROXY") && !uri.contains(":lambda:path/")) {
        throw ApiGatewayErrors.badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
      }
    }
    int timeout = in.path("timeoutInMillis").asInt(29000);
    if (timeout < 50 || timeout > 29000) {
      throw ApiGatewayErrors.badRequest("Timeout should be between 50 ms and 29000 ms");
    }
    ObjectNode integration = Json.object();
    integration.put("type", type);
    if (httpMethod != null) {
      integration.put("httpMethod", httpMethod);
    }
    RestApiOperations.copy(in, integration, "uri", "connectionType", "connectionId", "credentials", "requestParameters",
        "requestTemplates", "contentHandling", "tlsConfig");
    integration.put("passthroughBehavior", in.path("passthroughBehavior").asText("WHEN_NO_MATCH"));
    integration.put("timeoutInMillis", timeout);
    integration.put("cacheNamespace", in.path("cacheNamespace").asText(resourceId));
    integration.set("cacheKeyParameters", in.has("cacheKeyParameters") ? in.get("cacheKeyParameters") : Json.NODES.arrayNode());
    return integration;
  }

  private JsonNode updateIntegration(RequestContext ctx, ObjectNode in) {
    return change(ctx, in, m -> {
      ObjectNode integration = integration(m);
      ObjectNode copy = integration.deepCopy();
      Patch.apply(copy, in, model.shape("Integration"), Set.of("integrationResponses"));
      int timeout = copy.path("timeoutInMillis").asInt(29000);
      if (timeout < 50 || timeout > 29000) {
        throw ApiGatewayErrors.badRequest("Timeout should be between 50 ms and 29000 ms");
      }
      integration.removeAll();
      integration.setAll(copy);
      return integration;
    });
  }

  private JsonNode putIntegrationResponse(RequestContext ctx, ObjectNode in) {
    return change(ctx, in, m -> {
      ObjectNode integration = integration(m);
      String status = in.path("statusCode").asText();
      ObjectNode response = Json.object();
      response.put("statusCode", status);
      RestApiOperations.copy(in, response, "selectionPattern", "responseParameters", "responseTemplates", "contentHandling");
      (integration.has("integrationResponses") ? (ObjectNode) integration.get("integrationResponses") : integration.putObject("integrationResponses"))
          .set(status, response);
      return response;
    });
  }

  private JsonNode updateIntegrationResponse(RequestContext ctx, ObjectNode in) {
    return change(ctx, in, m -> {
      ObjectNode response = child(integration(m), "integrationResponses", in.path("statusCode").asText());
      Patch.apply(response, in, model.shape("IntegrationResponse"), Set.of("statusCode"));
      return response;
    });
  }
}
