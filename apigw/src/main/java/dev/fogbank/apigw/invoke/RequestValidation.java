package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A method's request validator: required request parameters ({@code method.request.querystring.q}
 * = true) present, else 400 "Missing required request parameters: [q]"; the body valid against
 * the method's request model for its Content-Type, else 400 "Invalid request body".
 */
public final class RequestValidation {

  public void validate(Invocation inv) {
    String validatorId = inv.method.path("requestValidatorId").asText(null);
    if (validatorId == null) {
      return;
    }
    ObjectNode validator = inv.deployed.validators().get(validatorId);
    if (validator == null) {
      return;
    }
    if (validator.path("validateRequestParameters").asBoolean(false)) {
      List<String> missing = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = inv.method.path("requestParameters").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        if (!p.getValue().asBoolean(false)) {
          continue;
        }
        String v = ContextVariables.requestSource(inv, p.getKey());
        if (v == null || (v.isEmpty() && !p.getKey().contains(".querystring."))) {
          missing.add(p.getKey().substring(p.getKey().lastIndexOf('.') + 1));
        }
      }
      if (!missing.isEmpty()) {
        throw new GatewayError("BAD_REQUEST_PARAMETERS", "Missing required request parameters: [" + String.join(", ", missing) + "]");
      }
    }
    if (validator.path("validateRequestBody").asBoolean(false)) {
      JsonNode models = inv.method.path("requestModels");
      String type = Mapping.mediaType(inv.header("Content-Type"));
      JsonNode modelName = models.get(type == null ? "application/json" : type);
      if (modelName == null && models.size() == 1) {
        modelName = models.elements().next();
      }
      if (modelName == null || modelName.asText().equals("Empty")) {
        return;
      }
      ObjectNode model = inv.deployed.models().get(modelName.asText());
      if (model == null || !model.hasNonNull("schema")) {
        return;
      }
      JsonNode schema;
      JsonNode doc;
      try {
        schema = Json.parse(model.path("schema").asText());
        doc = Json.parse(inv.bodyText().isBlank() ? "null" : inv.bodyText());
      } catch (RuntimeException e) {
        throw new GatewayError("BAD_REQUEST_BODY", "Invalid request body");
      }
      if (!new SchemaCheck(schema).valid(doc)) {
        throw new GatewayError("BAD_REQUEST_BODY", "Invalid request body");
      }
    }
  }
}
