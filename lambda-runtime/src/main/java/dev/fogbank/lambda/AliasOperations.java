package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.Alias;
import dev.fogbank.lambda.function.LambdaFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aliases: CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases. */
final class AliasOperations {

  private final LambdaEngine engine;

  AliasOperations(LambdaEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("CreateAlias", this::create);
    map.put("GetAlias", this::get);
    map.put("UpdateAlias", this::update);
    map.put("DeleteAlias", this::delete);
    map.put("ListAliases", this::list);
  }

  private LambdaFunction function(RequestContext ctx, ObjectNode input) {
    return engine.function(ctx, engine.ref(ctx, input));
  }

  private JsonNode create(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = function(ctx, input);
    String name = input.get("Name").asText();
    synchronized (fn) {
      String version = input.get("FunctionVersion").asText();
      engine.version(ctx, fn, version);
      Map<String, Double> weights = weights(ctx, fn, version, input.path("RoutingConfig"));
      if (fn.aliases().containsKey(name)) {
        throw LambdaErrors.conflict("Alias already exists: " + fn.arn() + ":" + name);
      }
      Alias alias = new Alias(name, version, input.path("Description").asText(""), weights, LambdaEngine.revisionId());
      fn.aliases().put(name, alias);
      return alias.configuration(fn.arn());
    }
  }

  private Alias alias(LambdaFunction fn, String name) {
    Alias alias = fn.aliases().get(name);
    if (alias == null) {
      throw LambdaErrors.notFound("Cannot find alias arn: " + fn.arn() + ":" + name);
    }
    return alias;
  }

  private JsonNode get(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = function(ctx, input);
    return alias(fn, input.get("Name").asText()).configuration(fn.arn());
  }

  private JsonNode update(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = function(ctx, input);
    synchronized (fn) {
      Alias current = alias(fn, input.get("Name").asText());
      if (input.hasNonNull("RevisionId") && !input.get("RevisionId").asText().equals(current.revisionId())) {
        throw LambdaErrors.revisionMismatch();
      }
      String version = input.path("FunctionVersion").asText(current.functionVersion());
      engine.version(ctx, fn, version);
      Map<String, Double> weights =
          input.has("RoutingConfig") ? weights(ctx, fn, version, input.get("RoutingConfig")) : current.weights();
      Alias updated =
          new Alias(
              current.name(),
              version,
              input.path("Description").asText(current.description()),
              weights,
              LambdaEngine.revisionId());
      fn.aliases().put(updated.name(), updated);
      return updated.configuration(fn.arn());
    }
  }

  private JsonNode delete(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = function(ctx, input);
    fn.aliases().remove(input.get("Name").asText());
    return null;
  }

  private JsonNode list(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = function(ctx, input);
    String version = input.path("FunctionVersion").asText(null);
    List<ObjectNode> items = new ArrayList<>();
    fn.aliases().values().stream()
        .sorted(java.util.Comparator.comparing(Alias::name))
        .filter(a -> version == null || a.functionVersion().equals(version))
        .forEach(a -> items.add(a.configuration(fn.arn())));
    ObjectNode out = Json.object();
    Pages.page(items, input, 50, out.putArray("Aliases"), out);
    return out;
  }

  /**
   * {@code RoutingConfig.AdditionalVersionWeights}: published versions other than the alias's
   * own, weights in [0, 1] that leave the primary version its share.
   */
  private Map<String, Double> weights(RequestContext ctx, LambdaFunction fn, String primary, JsonNode routing) {
    Map<String, Double> weights = new LinkedHashMap<>();
    JsonNode w = routing.path("AdditionalVersionWeights");
    if (!w.isObject() || w.isEmpty()) {
      return weights;
    }
    if (primary.equals(FunctionRef.LATEST)) {
      throw LambdaErrors.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
    }
    double total = 0;
    for (var it = w.fields(); it.hasNext(); ) {
      var e = it.next();
      String version = e.getKey();
      if (version.equals(FunctionRef.LATEST)) {
        throw LambdaErrors.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
      }
      if (version.equals(primary)) {
        throw LambdaErrors.invalidParameter(
            "Invalid function version " + version + ". Function version " + version + " is already included in routing configuration.");
      }
      engine.version(ctx, fn, version);
      double weight = e.getValue().asDouble();
      if (weight < 0 || weight > 1) {
        throw LambdaErrors.invalidParameter("Routing weight must be between 0.0 and 1.0.");
      }
      total += weight;
      weights.put(version, weight);
    }
    if (total > 1) {
      throw LambdaErrors.invalidParameter("The sum of additional version weights must not exceed 1.0.");
    }
    return weights;
  }
}
