package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.state.ApiGatewayState;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TagResource, UntagResource, GetTags on API Gateway ARNs ({@code
 * arn:aws:apigateway:us-east-1::/restapis/abc}, {@code …::/restapis/abc/stages/prod}, {@code
 * …::/apikeys/x}, {@code …::/usageplans/x}); a tag on a REST API or stage also shows in its
 * {@code tags}.
 */
public final class Tags {

  private final ApiGatewayEngine engine;

  public Tags(ApiGatewayEngine engine) {
    this.engine = engine;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("TagResource", this::tag);
    map.put("UntagResource", this::untag);
    map.put("GetTags", this::get);
  }

  static void put(ApiGatewayState state, String arn, JsonNode tags) {
    Map<String, String> map = state.tags.computeIfAbsent(arn, k -> new ConcurrentHashMap<>());
    tags.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
  }

  /** The tagged resource's own description, so that its {@code tags} member follows; null if none. */
  private ObjectNode owner(RequestContext ctx, String arn) {
    String prefix = "arn:aws:apigateway:" + ctx.region() + "::";
    if (!arn.startsWith(prefix)) {
      throw ApiGatewayErrors.badRequest("Invalid ARN");
    }
    String[] parts = arn.substring(prefix.length()).split("/");
    ApiGatewayState state = engine.state(ctx);
    if (parts.length >= 3 && parts[1].equals("restapis")) {
      RestApi api = engine.api(ctx, parts[2]);
      if (parts.length == 3) {
        return api.info();
      }
      if (parts.length == 5 && parts[3].equals("stages")) {
        ObjectNode stage = api.stages.get(parts[4]);
        if (stage == null) {
          throw ApiGatewayErrors.stageNotFound();
        }
        return stage;
      }
      return null;
    }
    if (parts.length == 3 && parts[1].equals("apikeys")) {
      return require(state.apiKeys.get(parts[2]), "Invalid API Key identifier specified");
    }
    if (parts.length == 3 && parts[1].equals("usageplans")) {
      return require(state.usagePlans.get(parts[2]), "Invalid Usage Plan ID specified");
    }
    if (parts.length == 3 && parts[1].equals("domainnames")) {
      return require(state.domainNames.get(parts[2]), "Invalid domain name identifier specified");
    }
    throw ApiGatewayErrors.notFound("Invalid resource identifier specified");
  }

  private static ObjectNode require(ObjectNode node, String message) {
    if (node == null) {
      throw ApiGatewayErrors.notFound(message);
    }
    return node;
  }

  private JsonNode tag(RequestContext ctx, ObjectNode in) {
    String arn = in.path("resourceArn").asText();
    ObjectNode owner = owner(ctx, arn);
    put(engine.state(ctx), arn, in.path("tags"));
    sync(ctx, arn, owner);
    return null;
  }

  private JsonNode untag(RequestContext ctx, ObjectNode in) {
    String arn = in.path("resourceArn").asText();
    ObjectNode owner = owner(ctx, arn);
    Map<String, String> map = engine.state(ctx).tags.get(arn);
    if (map != null) {
      in.path("tagKeys").forEach(k -> map.remove(k.asText()));
    }
    sync(ctx, arn, owner);
    return null;
  }

  private void sync(RequestContext ctx, String arn, ObjectNode owner) {
    if (owner == null) {
      return;
    }
    Map<String, String> map = engine.state(ctx).tags.getOrDefault(arn, Map.of());
    if (map.isEmpty()) {
      owner.remove("tags");
    } else {
      ObjectNode t = Json.object();
      new LinkedHashMap<>(map).forEach(t::put);
      owner.set("tags", t);
    }
  }

  private JsonNode get(RequestContext ctx, ObjectNode in) {
    String arn = in.path("resourceArn").asText();
    owner(ctx, arn);
    ObjectNode out = Json.object();
    ObjectNode t = out.putObject("tags");
    engine.state(ctx).tags.getOrDefault(arn, Map.of()).forEach(t::put);
    return out;
  }
}
