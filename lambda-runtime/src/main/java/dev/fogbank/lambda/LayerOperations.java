package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.CodePackage;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.function.LayerVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Layers: PublishLayerVersion, GetLayerVersion, GetLayerVersionByArn, ListLayerVersions,
 * ListLayers, DeleteLayerVersion. A function's layers are unpacked in order into its {@code /opt}.
 */
final class LayerOperations {

  private final LambdaEngine engine;
  private final CodeLocations codeLocations;

  LayerOperations(LambdaEngine engine, CodeLocations codeLocations) {
    this.engine = engine;
    this.codeLocations = codeLocations;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PublishLayerVersion", this::publish);
    map.put("GetLayerVersion", this::get);
    map.put("GetLayerVersionByArn", this::getByArn);
    map.put("ListLayerVersions", this::listVersions);
    map.put("ListLayers", this::listLayers);
    map.put("DeleteLayerVersion", this::delete);
  }

  static String layerArn(String region, String account, String name) {
    return "arn:aws:lambda:" + region + ":" + account + ":layer:" + name;
  }

  /** A layer version by its ARN in this account and region, or null. */
  static LayerVersion find(LambdaState state, String arn) {
    int colon = arn.lastIndexOf(':');
    String prefix = layerArn(state.region(), state.account(), "");
    if (colon < 0 || !arn.startsWith(prefix)) {
      return null;
    }
    String name = arn.substring(prefix.length(), colon);
    try {
      var versions = state.layers().get(name);
      return versions == null ? null : versions.get(Long.parseLong(arn.substring(colon + 1)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The LayerName parameter: a name or a layer ARN. */
  private static String name(ObjectNode input) {
    String name = input.path("LayerName").asText();
    int idx = name.indexOf(":layer:");
    return idx >= 0 ? name.substring(idx + 7) : name;
  }

  private JsonNode publish(RequestContext ctx, ObjectNode input) {
    LambdaState state = engine.state(ctx);
    String name = name(input);
    CodePackage content = engine.code(ctx, input.path("Content"));
    long version = state.nextLayerVersion(name);
    String layerArn = layerArn(ctx.region(), ctx.account(), name);
    ObjectNode d = Json.object();
    ObjectNode c = d.putObject("Content");
    c.put("CodeSha256", content.sha256());
    c.put("CodeSize", content.size());
    d.put("LayerArn", layerArn);
    d.put("LayerVersionArn", layerArn + ":" + version);
    d.put("Description", input.path("Description").asText(""));
    d.put("CreatedDate", engine.now());
    d.put("Version", version);
    for (String m : List.of("CompatibleRuntimes", "LicenseInfo", "CompatibleArchitectures")) {
      if (input.has(m)) {
        d.set(m, input.get(m));
      }
    }
    LayerVersion lv = new LayerVersion(name, version, layerArn + ":" + version, content, d);
    state.layers().computeIfAbsent(name, k -> new ConcurrentSkipListMap<>()).put(version, lv);
    return describe(ctx, lv);
  }

  private ObjectNode describe(RequestContext ctx, LayerVersion lv) {
    ObjectNode out = lv.description().deepCopy();
    ((ObjectNode) out.get("Content")).put("Location", codeLocations.url(ctx, lv.content()));
    return out;
  }

  private LayerVersion lookup(RequestContext ctx, String name, long version) {
    var versions = engine.state(ctx).layers().get(name);
    LayerVersion lv = versions == null ? null : versions.get(version);
    if (lv == null) {
      throw LambdaErrors.notFound("The resource you requested does not exist.");
    }
    return lv;
  }

  private JsonNode get(RequestContext ctx, ObjectNode input) {
    return describe(ctx, lookup(ctx, name(input), input.get("VersionNumber").asLong()));
  }

  private JsonNode getByArn(RequestContext ctx, ObjectNode input) {
    LayerVersion lv = find(engine.state(ctx), input.path("Arn").asText());
    if (lv == null) {
      throw LambdaErrors.notFound("The resource you requested does not exist.");
    }
    return describe(ctx, lv);
  }

  private static ObjectNode listItem(LayerVersion lv) {
    ObjectNode item = lv.description().deepCopy();
    item.remove("Content");
    item.remove("LayerArn");
    return item;
  }

  private static boolean compatible(LayerVersion lv, ObjectNode input) {
    String runtime = input.path("CompatibleRuntime").asText(null);
    String arch = input.path("CompatibleArchitecture").asText(null);
    JsonNode d = lv.description();
    boolean rt = runtime == null || contains(d.path("CompatibleRuntimes"), runtime);
    boolean ar = arch == null || contains(d.path("CompatibleArchitectures"), arch);
    return rt && ar;
  }

  private static boolean contains(JsonNode list, String value) {
    for (JsonNode n : list) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode listVersions(RequestContext ctx, ObjectNode input) {
    var versions = engine.state(ctx).layers().get(name(input));
    List<ObjectNode> items = new ArrayList<>();
    if (versions != null) {
      versions.descendingMap().values().stream().filter(lv -> compatible(lv, input)).forEach(lv -> items.add(listItem(lv)));
    }
    ObjectNode out = Json.object();
    Pages.page(items, input, 50, out.putArray("LayerVersions"), out);
    return out;
  }

  private JsonNode listLayers(RequestContext ctx, ObjectNode input) {
    List<ObjectNode> items = new ArrayList<>();
    engine
        .state(ctx)
        .layers()
        .forEach(
            (name, versions) ->
                versions.descendingMap().values().stream()
                    .filter(lv -> compatible(lv, input))
                    .findFirst()
                    .ifPresent(
                        lv -> {
                          ObjectNode item = Json.object();
                          item.put("LayerName", name);
                          item.put("LayerArn", lv.description().path("LayerArn").asText());
                          item.set("LatestMatchingVersion", listItem(lv));
                          items.add(item);
                        }));
    ObjectNode out = Json.object();
    Pages.page(items, input, 50, out.putArray("Layers"), out);
    return out;
  }

  private JsonNode delete(RequestContext ctx, ObjectNode input) {
    var versions = engine.state(ctx).layers().get(name(input));
    if (versions != null) {
      versions.remove(input.get("VersionNumber").asLong());
    }
    return null;
  }
}
