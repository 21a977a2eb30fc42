package dev.fogbank.sns;

import static dev.fogbank.sns.Inputs.stringMap;
import static dev.fogbank.sns.Inputs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sns.topic.SnsState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mobile push: platform applications and their endpoints, accepted and recorded — messages
 * published to an endpoint are listed by the admin endpoint, never pushed to a device.
 */
final class PlatformOperations {

  /** The platforms CreatePlatformApplication names. */
  private static final Set<String> PLATFORMS = Set.of("ADM", "APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX", "BAIDU", "GCM", "MACOS", "MACOS_SANDBOX", "MPNS", "WNS");

  private final SnsEngine engine;

  PlatformOperations(SnsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreatePlatformApplication", this::createPlatformApplication);
    handlers.put("GetPlatformApplicationAttributes", this::getPlatformApplicationAttributes);
    handlers.put("SetPlatformApplicationAttributes", this::setPlatformApplicationAttributes);
    handlers.put("DeletePlatformApplication", this::deletePlatformApplication);
    handlers.put("ListPlatformApplications", this::listPlatformApplications);
    handlers.put("CreatePlatformEndpoint", this::createPlatformEndpoint);
    handlers.put("GetEndpointAttributes", this::getEndpointAttributes);
    handlers.put("SetEndpointAttributes", this::setEndpointAttributes);
    handlers.put("DeleteEndpoint", this::deleteEndpoint);
    handlers.put("ListEndpointsByPlatformApplication", this::listEndpointsByPlatformApplication);
  }

  private JsonNode createPlatformApplication(RequestContext ctx, ObjectNode in) {
    String name = text(in, "Name");
    String platform = text(in, "Platform");
    if (!name.matches("[A-Za-z0-9_.-]{1,256}")) {
      throw SnsErrors.invalidParameter("Invalid parameter: Name");
    }
    if (!PLATFORMS.contains(platform)) {
      throw SnsErrors.invalidParameter("Invalid parameter: Platform");
    }
    String arn = "arn:aws:sns:" + ctx.region() + ":" + ctx.account() + ":app/" + platform + "/" + name;
    Map<String, String> attributes = new ConcurrentHashMap<>(stringMap(in, "Attributes"));
    // Credentials are write-only: SNS never returns them.
    attributes.remove("PlatformCredential");
    attributes.remove("PlatformPrincipal");
    attributes.putIfAbsent("Enabled", "true");
    engine.state(ctx).platformApplications.put(arn, attributes);
    return Json.object().put("PlatformApplicationArn", arn);
  }

  private Map<String, String> application(RequestContext ctx, String arn) {
    Map<String, String> app = engine.state(ctx).platformApplications.get(arn);
    if (app == null) {
      throw SnsErrors.notFound("PlatformApplication does not exist");
    }
    return app;
  }

  private JsonNode getPlatformApplicationAttributes(RequestContext ctx, ObjectNode in) {
    return Inputs.attributes(application(ctx, text(in, "PlatformApplicationArn")));
  }

  private JsonNode setPlatformApplicationAttributes(RequestContext ctx, ObjectNode in) {
    Map<String, String> app = application(ctx, text(in, "PlatformApplicationArn"));
    stringMap(in, "Attributes").forEach((k, v) -> {
      if (!k.equals("PlatformCredential") && !k.equals("PlatformPrincipal")) {
        app.put(k, v);
      }
    });
    return null;
  }

  private JsonNode deletePlatformApplication(RequestContext ctx, ObjectNode in) {
    String arn = text(in, "PlatformApplicationArn");
    SnsState state = engine.state(ctx);
    state.platformApplications.remove(arn);
    String prefix = arn.replace(":app/", ":endpoint/") + "/";
    state.platformEndpoints.keySet().removeIf(e -> e.startsWith(prefix));
    return null;
  }

  private JsonNode listPlatformApplications(RequestContext ctx, ObjectNode in) {
    return Inputs.page(
        List.copyOf(engine.state(ctx).platformApplications.entrySet()),
        Map.Entry::getKey,
        e -> {
          ObjectNode node = Json.object().put("PlatformApplicationArn", e.getKey());
          ObjectNode a = node.putObject("Attributes");
          e.getValue().forEach(a::put);
          return node;
        },
        text(in, "NextToken"),
        "PlatformApplications");
  }

  private JsonNode createPlatformEndpoint(RequestContext ctx, ObjectNode in) {
    String appArn = text(in, "PlatformApplicationArn");
    application(ctx, appArn);
    String token = text(in, "Token");
    SnsState state = engine.state(ctx);
    Map<String, String> attributes = stringMap(in, "Attributes");
    String custom = text(in, "CustomUserData");
    String prefix = appArn.replace(":app/", ":endpoint/") + "/";
    synchronized (state.platformEndpoints) {
      for (Map.Entry<String, Map<String, String>> e : state.platformEndpoints.entrySet()) {
        if (e.getKey().startsWith(prefix) && token.equals(e.getValue().get("Token"))) {
          boolean same = attributes.entrySet().stream().allMatch(a -> a.getValue().equals(e.getValue().get(a.getKey())))
              && (custom == null || custom.equals(e.getValue().get("CustomUserData")));
          if (!same) {
            throw SnsErrors.invalidParameter(
                "Invalid parameter: Token Reason: Endpoint " + e.getKey() + " already exists with the same Token, but different attributes.");
          }
          return Json.object().put("EndpointArn", e.getKey());
        }
      }
      String arn = prefix + UUID.randomUUID();
      Map<String, String> endpoint = new ConcurrentHashMap<>();
      endpoint.put("Enabled", "true");
      endpoint.put("Token", token);
      if (custom != null) {
        endpoint.put("CustomUserData", custom);
      }
      endpoint.putAll(attributes);
      state.platformEndpoints.put(arn, endpoint);
      return Json.object().put("EndpointArn", arn);
    }
  }

  private Map<String, String> endpoint(RequestContext ctx, String arn) {
    Map<String, String> endpoint = engine.state(ctx).platformEndpoints.get(arn);
    if (endpoint == null) {
      throw SnsErrors.notFound("Endpoint does not exist");
    }
    return endpoint;
  }

  private JsonNode getEndpointAttributes(RequestContext ctx, ObjectNode in) {
    return Inputs.attributes(endpoint(ctx, text(in, "EndpointArn")));
  }

  private JsonNode setEndpointAttributes(RequestContext ctx, ObjectNode in) {
    endpoint(ctx, text(in, "EndpointArn")).putAll(stringMap(in, "Attributes"));
    return null;
  }

  private JsonNode deleteEndpoint(RequestContext ctx, ObjectNode in) {
    // DeleteEndpoint is idempotent.
    engine.state(ctx).platformEndpoints.remove(text(in, "EndpointArn"));
    return null;
  }

  private JsonNode listEndpointsByPlatformApplication(RequestContext ctx, ObjectNode in) {
    String appArn = text(in, "PlatformApplicationArn");
    application(ctx, appArn);
    String prefix = appArn.replace(":app/", ":endpoint/") + "/";
    return Inputs.page(
        engine.state(ctx).platformEndpoints.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).toList(),
        Map.Entry::getKey,
        e -> {
          ObjectNode node = Json.object().put("EndpointArn", e.getKey());
          ObjectNode a = node.putObject("Attributes");
          e.getValue().forEach(a::put);
          return node;
        },
        text(in, "NextToken"),
        "Endpoints");
  }
}
