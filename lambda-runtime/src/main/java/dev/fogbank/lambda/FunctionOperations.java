package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.Alias;
import dev.fogbank.lambda.function.CodePackage;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.function.LayerVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The function lifecycle: CreateFunction, GetFunction(Configuration), UpdateFunctionCode,
 * UpdateFunctionConfiguration, DeleteFunction, ListFunctions, PublishVersion and
 * ListVersionsByFunction.
 *
 * <p>A new function reports {@code State: Pending} and an update {@code LastUpdateStatus:
 * InProgress}; both settle (Active / Successful) on the Scheduler after {@code
 * lambda.state-delay} (default 0: as soon as the scheduler runs), as Lambda reports them.
 */
final class FunctionOperations {

  private final LambdaEngine engine;
  private final Duration settleDelay;
  private final CodeLocations codeLocations;

  FunctionOperations(LambdaEngine engine, Duration settleDelay, CodeLocations codeLocations) {
    this.engine = engine;
    this.settleDelay = settleDelay;
    this.codeLocations = codeLocations;
  }

  /** Lambda's answer to settings an image function cannot have. */
  static final String IMAGE_SETTINGS = "Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.";

  void register(Map<String, OperationHandler> map) {
    map.put("CreateFunction", this::create);
    map.put("GetFunction", this::get);
    map.put("GetFunctionConfiguration", this::getConfiguration);
    map.put("UpdateFunctionCode", this::updateCode);
    map.put("UpdateFunctionConfiguration", this::updateConfiguration);
    map.put("DeleteFunction", this::delete);
    map.put("ListFunctions", this::list);
    map.put("PublishVersion", this::publish);
    map.put("ListVersionsByFunction", this::listVersions);
  }

  // ---------------------------------------------------------------- create

  private JsonNode create(RequestContext ctx, ObjectNode input) {
    LambdaState state = engine.state(ctx);
    FunctionRef ref = engine.ref(ctx, input);
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter("Unsupported function name: qualifiers are not allowed in CreateFunction.");
    }
    String packageType = input.path("PackageType").asText("Zip");
    boolean image = packageType.equals("Image");
    if (image) {
      // An image brings its own runtime, entry point and files (Lambda's wording).
      if (input.hasNonNull("Runtime") || input.hasNonNull("Handler") || !input.path("Layers").isEmpty()) {
        throw LambdaErrors.invalidParameter(IMAGE_SETTINGS);
      }
      if (!input.path("Code").hasNonNull("ImageUri")) {
        throw LambdaErrors.invalidParameter("Please provide ImageUri when the intended function PackageType is Image.");
      }
    } else {
      if (input.path("Code").hasNonNull("ImageUri")) {
        throw LambdaErrors.invalidParameter("Please don't provide ImageUri when the intended function PackageType is Zip.");
      }
      if (!input.hasNonNull("Runtime") || !input.hasNonNull("Handler")) {
        throw LambdaErrors.invalidParameter(
            "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
      }
    }
    String name = ref.name();
    String arn = FunctionRef.arn(ctx.region(), ctx.account(), name);
    ObjectNode config = Json.object();
    config.put("FunctionName", name);
    config.put("FunctionArn", arn);
    config.put("Description", "");
    config.put("Timeout", 3);
    config.put("MemorySize", 128);
    config.put("Version", FunctionRef.LATEST);
    config.putObject("TracingConfig").put("Mode", "PassThrough");
    config.put("PackageType", packageType);
    config.putArray("Architectures").add(input.path("Architectures").path(0).asText("x86_64"));
    config.putObject("EphemeralStorage").put("Size", 512);
    ObjectNode snap = config.putObject("SnapStart");
    snap.put("ApplyOn", "None");
    snap.put("OptimizationStatus", "Off");
    ObjectNode logging = config.putObject("LoggingConfig");
    logging.put("LogFormat", "Text");
    logging.put("LogGroup", "/aws/lambda/" + name);
    List<LayerVersion> layers = FunctionSettings.apply(input, config, state, List.of());
    if (image && input.hasNonNull("ImageConfig")) {
      config.putObject("ImageConfigResponse").set("ImageConfig", input.get("ImageConfig"));
    }
    CodePackage code = engine.code(ctx, input.path("Code"));
    setCode(config, code);
    config.put("LastModified", engine.now());
    config.put("RevisionId", LambdaEngine.revisionId());
    config.put("State", "Pending");
    config.put("StateReason", "The function is being created.");
    config.put("StateReasonCode", "Creating");
    LambdaFunction fn = new LambdaFunction(name, arn, new FunctionVersion(FunctionRef.LATEST, config, code, layers));
    if (state.functions().putIfAbsent(name, fn) != null) {
      throw LambdaErrors.conflict("Function already exist: " + name);
    }
    input.path("Tags").fields().forEachRemaining(e -> fn.tags().put(e.getKey(), e.getValue().asText()));
    ObjectNode out = fn.latest().view();
    if (input.path("Publish").asBoolean(false)) {
      out = publishLatest(fn, null).view();
    }
    engine.scheduler().schedule(settleDelay, () -> settleCreate(fn));
    return out;
  }

  private static void setCode(ObjectNode config, CodePackage code) {
    config.put("CodeSize", code.size());
    config.put("CodeSha256", code.sha256());
    if (code.image()) {
      // Where an executor that runs images finds the image; FunctionConfiguration has no such
      // member, so it never reaches the wire.
      config.put("ImageUri", code.imageUri());
    }
  }

  private static void settleCreate(LambdaFunction fn) {
    synchronized (fn) {
      FunctionVersion v = fn.latest();
      if (!"Pending".equals(v.configuration().path("State").asText())) {
        return;
      }
      ObjectNode config = v.view();
      config.put("State", "Active");
      config.remove("StateReason");
      config.remove("StateReasonCode");
      config.put("LastUpdateStatus", "Successful");
      fn.latest(new FunctionVersion(v.version(), config, v.code(), v.layers()));
    }
  }

  // ---------------------------------------------------------------- read

  private JsonNode get(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    FunctionVersion v = engine.version(ctx, fn, ref.qualifier());
    ObjectNode out = Json.object();
    out.set("Configuration", v.view());
    ObjectNode code = out.putObject("Code");
    if (v.code().image()) {
      code.put("RepositoryType", "ECR");
      code.put("ImageUri", v.code().imageUri());
      code.put("ResolvedImageUri", v.code().resolvedImageUri());
    } else {
      code.put("RepositoryType", "S3");
      code.put("Location", codeLocations.url(ctx, v));
    }
    if (ref.qualifier() == null && !fn.tags().isEmpty()) {
      ObjectNode tags = out.putObject("Tags");
      fn.tags().forEach(tags::put);
    }
    if (fn.reservedConcurrency() != null) {
      out.putObject("Concurrency").put("ReservedConcurrentExecutions", fn.reservedConcurrency());
    }
    return out;
  }

  private JsonNode getConfiguration(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    return engine.version(ctx, fn, ref.qualifier()).view();
  }

  // ---------------------------------------------------------------- update

  private JsonNode updateCode(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    boolean image = fn.latest().code().image();
    if (image && !input.hasNonNull("ImageUri")) {
      throw LambdaErrors.invalidParameter("Please provide ImageUri when updating a function with packageType Image.");
    }
    if (!image && input.hasNonNull("ImageUri")) {
      throw LambdaErrors.invalidParameter("Please don't provide ImageUri when updating a function with packageType Zip.");
    }
    CodePackage code = engine.code(ctx, input);
    boolean dryRun = input.path("DryRun").asBoolean(false);
    FunctionVersion updated;
    synchronized (fn) {
      FunctionVersion current = checkUpdatable(fn, input);
      ObjectNode config = current.view();
      setCode(config, code);
      if (input.has("Architectures")) {
        config.set("Architectures", input.get("Architectures"));
      }
      updated = startUpdate(fn, config, code, current.layers(), dryRun);
    }
    ObjectNode out = updated.view();
    if (!dryRun && input.path("Publish").asBoolean(false)) {
      out = publishLatest(fn, null).view();
    }
    return out;
  }

  private JsonNode updateConfiguration(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    LambdaState state = engine.state(ctx);
    synchronized (fn) {
      FunctionVersion current = checkUpdatable(fn, input);
      ObjectNode config = current.view();
      if (current.code().image()) {
        if (input.hasNonNull("Runtime") || input.hasNonNull("Handler") || !input.path("Layers").isEmpty()) {
          throw LambdaErrors.invalidParameter(IMAGE_SETTINGS);
        }
        if (input.has("ImageConfig")) {
          config.putObject("ImageConfigResponse").set("ImageConfig", input.get("ImageConfig"));
        }
      }
      List<LayerVersion> layers = FunctionSettings.apply(input, config, state, current.layers());
      return startUpdate(fn, config, current.code(), layers, false).view();
    }
  }

  /** An update needs a settled function and, if given, the current RevisionId. */
  private static FunctionVersion checkUpdatable(LambdaFunction fn, ObjectNode input) {
    FunctionVersion current = fn.latest();
    String state = current.configuration().path("State").asText();
    if (state.equals("Pending")) {
      throw LambdaErrors.notReady(state);
    }
    if (current.configuration().path("LastUpdateStatus").asText().equals("InProgress")) {
      throw LambdaErrors.updateInProgress(fn.arn());
    }
    if (input.hasNonNull("RevisionId") && !input.get("RevisionId").asText().equals(current.revisionId())) {
      throw LambdaErrors.revisionMismatch();
    }
    return current;
  }

  private FunctionVersion startUpdate(
      LambdaFunction fn, ObjectNode config, CodePackage code, List<LayerVersion> layers, boolean dryRun) {
    config.put("LastModified", engine.now());
    config.put("RevisionId", LambdaEngine.revisionId());
    if (dryRun) {
      return new FunctionVersion(FunctionRef.LATEST, config, code, layers);
    }
    config.put("LastUpdateStatus", "InProgress");
    config.put("LastUpdateStatusReason", "The function is being created.");
    config.put("LastUpdateStatusReasonCode", "Creating");
    FunctionVersion previous = fn.latest();
    FunctionVersion updated = new FunctionVersion(FunctionRef.LATEST, config, code, layers);
    fn.latest(updated);
    fn.unpublishedChanges(true);
    engine.invoker().retire(previous);
    engine.scheduler().schedule(settleDelay, () -> settleUpdate(fn));
    return updated;
  }

  private static void settleUpdate(LambdaFunction fn) {
    synchronized (fn) {
      FunctionVersion v = fn.latest();
      if (!"InProgress".equals(v.configuration().path("LastUpdateStatus").asText())) {
        return;
      }
      ObjectNode config = v.view();
      config.put("LastUpdateStatus", "Successful");
      config.remove("LastUpdateStatusReason");
      config.remove("LastUpdateStatusReasonCode");
      fn.latest(new FunctionVersion(v.version(), config, v.code(), v.layers()));
    }
  }

  // ---------------------------------------------------------------- delete

  private JsonNode delete(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    LambdaState state = engine.state(ctx);
    String q = ref.qualifier();
    if (q == null) {
      if (state.functions().remove(fn.name(), fn)) {
        engine.invoker().retire(fn.latest());
        fn.versions().forEach(engine.invoker()::retire);
      }
      return null;
    }
    if (q.equals(FunctionRef.LATEST)) {
      throw LambdaErrors.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
    }
    if (!q.chars().allMatch(Character::isDigit)) {
      throw LambdaErrors.invalidParameter("Deletion of aliases is not supported.");
    }
    synchronized (fn) {
      List<String> referencing = new ArrayList<>();
      for (Alias a : fn.aliases().values()) {
        if (a.functionVersion().equals(q) || a.weights().containsKey(q)) {
          referencing.add(a.name());
        }
      }
      if (!referencing.isEmpty()) {
        throw LambdaErrors.conflict(
            "Unable to delete version because the following aliases reference it: " + referencing);
      }
      FunctionVersion removed = fn.removeVersion(Long.parseLong(q));
      if (removed != null) {
        fn.provisionedConcurrency().remove(q);
        engine.invoker().retire(removed);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- list

  private JsonNode list(RequestContext ctx, ObjectNode input) {
    boolean all = "ALL".equals(input.path("FunctionVersion").asText(null));
    List<ObjectNode> items = new ArrayList<>();
    for (LambdaFunction fn : engine.state(ctx).functions().values()) {
      ObjectNode latest = fn.latest().view();
      if (all) {
        latest.put("FunctionArn", fn.arn() + ":" + FunctionRef.LATEST);
      }
      items.add(latest);
      if (all) {
        fn.versions().forEach(v -> items.add(v.view()));
      }
    }
    ObjectNode out = Json.object();
    Pages.page(items, input, 50, out.putArray("Functions"), out);
    return out;
  }

  private JsonNode listVersions(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = engine.function(ctx, engine.ref(ctx, input));
    List<ObjectNode> items = new ArrayList<>();
    ObjectNode latest = fn.latest().view();
    latest.put("FunctionArn", fn.arn() + ":" + FunctionRef.LATEST);
    items.add(latest);
    fn.versions().forEach(v -> items.add(v.view()));
    ObjectNode out = Json.object();
    Pages.page(items, input, 50, out.putArray("Versions"), out);
    return out;
  }

  // ---------------------------------------------------------------- versions

  private JsonNode publish(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = engine.function(ctx, engine.ref(ctx, input));
    synchronized (fn) {
      FunctionVersion latest = fn.latest();
      if (input.hasNonNull("CodeSha256") && !input.get("CodeSha256").asText().equals(latest.code().sha256())) {
        throw LambdaErrors.invalidParameter(
            "CodeSHA256 ("
                + input.get("CodeSha256").asText()
                + ") is different from current CodeSHA256 in $LATEST ("
                + latest.code().sha256()
                + "). Please try again.");
      }
      if (input.hasNonNull("RevisionId") && !input.get("RevisionId").asText().equals(latest.revisionId())) {
        throw LambdaErrors.revisionMismatch();
      }
      String state = latest.configuration().path("State").asText();
      if (state.equals("Pending")) {
        throw LambdaErrors.notReady(state);
      }
      if (latest.configuration().path("LastUpdateStatus").asText().equals("InProgress")) {
        throw LambdaErrors.updateInProgress(fn.arn());
      }
      return publishLatest(fn, input.hasNonNull("Description") ? input.get("Description").asText() : null).view();
    }
  }

  /**
   * Snapshots $LATEST as the next version; an unchanged $LATEST answers the last version instead
   * of publishing a copy, as Lambda does.
   */
  private FunctionVersion publishLatest(LambdaFunction fn, String description) {
    synchronized (fn) {
      FunctionVersion last = fn.lastPublished();
      if (!fn.unpublishedChanges() && last != null) {
        return last;
      }
      long number = fn.nextVersionNumber();
      ObjectNode config = fn.latest().view();
      config.put("Version", Long.toString(number));
      config.put("FunctionArn", fn.arn() + ":" + number);
      config.put("RevisionId", LambdaEngine.revisionId());
      config.put("LastModified", engine.now());
      if (description != null) {
        config.put("Description", description);
      }
      // A published version is immutable and ready the moment it exists.
      if (config.path("State").asText().equals("Pending")) {
        config.put("State", "Active");
        config.remove("StateReason");
        config.remove("StateReasonCode");
      }
      config.put("LastUpdateStatus", "Successful");
      FunctionVersion v = new FunctionVersion(Long.toString(number), config, fn.latest().code(), fn.latest().layers());
      fn.addVersion(number, v);
      fn.unpublishedChanges(false);
      return v;
    }
  }

  static ArrayNode array() {
    return Json.MAPPER.createArrayNode();
  }
}
