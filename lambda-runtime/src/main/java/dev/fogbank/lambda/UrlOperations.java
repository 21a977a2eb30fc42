package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.url.FunctionUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Function URL configs: CreateFunctionUrlConfig, GetFunctionUrlConfig, UpdateFunctionUrlConfig,
 * DeleteFunctionUrlConfig, ListFunctionUrlConfigs. A URL belongs to {@code $LATEST} or an alias
 * (never a version number) and has Lambda's shape with Fogbank's host: {@code
 * http://<url-id>.lambda-url.<region>.localhost:<port>/}, served by {@link
 * dev.fogbank.lambda.url.FunctionUrlServer}.
 */
final class UrlOperations {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final LambdaEngine engine;
  private final FunctionUrls urls;

  UrlOperations(LambdaEngine engine, FunctionUrls urls) {
    this.engine = engine;
    this.urls = urls;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("CreateFunctionUrlConfig", this::create);
    map.put("GetFunctionUrlConfig", this::get);
    map.put("UpdateFunctionUrlConfig", this::update);
    map.put("DeleteFunctionUrlConfig", this::delete);
    map.put("ListFunctionUrlConfigs", this::list);
  }

  private record Target(LambdaFunction fn, String qualifier, String arn) {}

  private Target target(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    String q = ref.qualifier();
    if (q != null && !q.equals(FunctionRef.LATEST)) {
      if (q.chars().allMatch(Character::isDigit)) {
        throw LambdaErrors.invalidParameter("Function URLs can only be configured on $LATEST or an alias.");
      }
      if (!fn.aliases().containsKey(q)) {
        throw LambdaErrors.functionNotFound(fn.arn() + ":" + q);
      }
    }
    String key = q == null ? "" : q;
    return new Target(fn, key, key.isEmpty() ? fn.arn() : fn.arn() + ":" + key);
  }

  private JsonNode create(RequestContext ctx, ObjectNode input) {
    Target t = target(ctx, input);
    synchronized (t.fn()) {
      if (t.fn().urlConfigs().containsKey(t.qualifier())) {
        throw LambdaErrors.conflict(
            "Failed to create function url config for [functionArn = "
                + t.arn()
                + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
      }
      ObjectNode config = Json.object();
      config.put("FunctionUrl", url(ctx));
      config.put("FunctionArn", t.arn());
      config.put("AuthType", input.get("AuthType").asText());
      if (input.has("Cors")) {
        config.set("Cors", input.get("Cors"));
      }
      String now = engine.now();
      config.put("CreationTime", now);
      config.put("LastModifiedTime", now);
      config.put("InvokeMode", input.path("InvokeMode").asText("BUFFERED"));
      t.fn().urlConfigs().put(t.qualifier(), config);
      urls.bind(
          FunctionUrls.idOf(config.get("FunctionUrl").asText()),
          new FunctionUrls.Binding(ctx.account(), ctx.region(), t.fn().name(), t.qualifier()));
      ObjectNode out = config.deepCopy();
      out.remove("LastModifiedTime");
      return out;
    }
  }

  private String url(RequestContext ctx) {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      id.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
    }
    String host = ctx.host() == null ? "localhost:4566" : ctx.host();
    int colon = host.lastIndexOf(':');
    String port = colon > 0 ? host.substring(colon) : "";
    return "http://" + id + ".lambda-url." + ctx.region().toLowerCase(Locale.ROOT) + ".localhost" + port + "/";
  }

  private ObjectNode existing(Target t) {
    ObjectNode config = t.fn().urlConfigs().get(t.qualifier());
    if (config == null) {
      throw LambdaErrors.notFound("The resource you requested does not exist.");
    }
    return config;
  }

  private JsonNode get(RequestContext ctx, ObjectNode input) {
    return existing(target(ctx, input)).deepCopy();
  }

  private JsonNode update(RequestContext ctx, ObjectNode input) {
    Target t = target(ctx, input);
    synchronized (t.fn()) {
      ObjectNode config = existing(t).deepCopy();
      for (String m : List.of("AuthType", "Cors", "InvokeMode")) {
        if (input.has(m)) {
          config.set(m, input.get(m));
        }
      }
      config.put("LastModifiedTime", engine.now());
      t.fn().urlConfigs().put(t.qualifier(), config);
      return config.deepCopy();
    }
  }

  private JsonNode delete(RequestContext ctx, ObjectNode input) {
    Target t = target(ctx, input);
    ObjectNode removed = t.fn().urlConfigs().remove(t.qualifier());
    if (removed == null) {
      throw LambdaErrors.notFound("The resource you requested does not exist.");
    }
    urls.unbind(FunctionUrls.idOf(removed.get("FunctionUrl").asText()));
    return null;
  }

  private JsonNode list(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = engine.function(ctx, engine.ref(ctx, input));
    List<ObjectNode> items = new ArrayList<>();
    new java.util.TreeMap<>(fn.urlConfigs()).values().forEach(c -> items.add(c.deepCopy()));
    ObjectNode out = Json.object();
    Pages.page(items, input, 50, out.putArray("FunctionUrlConfigs"), out);
    return out;
  }
}
