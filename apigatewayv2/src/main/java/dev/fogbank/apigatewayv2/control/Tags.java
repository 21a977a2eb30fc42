package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Tags by resource ARN ({@code arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5}, {@code
 * …/apis/a1b2c3d4e5/stages/prod}): TagResource, GetTags, UntagResource, and the {@code Tags} of
 * CreateApi and CreateStage.
 */
public final class Tags {

  private static final Pattern ARN = Pattern.compile("arn:aws:apigateway:[a-z0-9-]+::/(apis|domainnames|vpclinks)/.+");

  private final Map<String, ObjectNode> byArn = new ConcurrentHashMap<>();

  public static String apiArn(String region, String apiId) {
    return "arn:aws:apigateway:" + region + "::/apis/" + apiId;
  }

  public static String stageArn(String region, String apiId, String stage) {
    return apiArn(region, apiId) + "/stages/" + stage;
  }

  public void register(Map<String, OperationHandler> handlers) {
    handlers.put("TagResource", this::tagResource);
    handlers.put("GetTags", this::getTags);
    handlers.put("UntagResource", this::untagResource);
  }

  void put(String arn, JsonNode tags) {
    if (tags != null && tags.isObject() && !tags.isEmpty()) {
      byArn.computeIfAbsent(arn, a -> Json.object()).setAll((ObjectNode) tags.deepCopy());
    }
  }

  ObjectNode get(String arn) {
    ObjectNode t = byArn.get(arn);
    return t == null ? null : t.deepCopy();
  }

  void removeUnder(String arn) {
    byArn.keySet().removeIf(k -> k.equals(arn) || k.startsWith(arn + "/"));
  }

  private static String arn(ObjectNode in) {
    String arn = in.path("ResourceArn").asText();
    if (!ARN.matcher(arn).matches()) {
      throw V2Errors.badRequest("Invalid resource ARN: " + arn);
    }
    return arn;
  }

  private JsonNode tagResource(RequestContext ctx, ObjectNode in) {
    put(arn(in), in.path("Tags"));
    return null;
  }

  private JsonNode getTags(RequestContext ctx, ObjectNode in) {
    ObjectNode out = Json.object();
    ObjectNode t = get(arn(in));
    out.set("Tags", t == null ? Json.object() : t);
    return out;
  }

  private JsonNode untagResource(RequestContext ctx, ObjectNode in) {
    ObjectNode t = byArn.get(arn(in));
    if (t != null) {
      for (JsonNode key : in.path("TagKeys")) {
        t.remove(key.asText());
      }
    }
    return null;
  }

  public void reset() {
    byArn.clear();
  }
}
