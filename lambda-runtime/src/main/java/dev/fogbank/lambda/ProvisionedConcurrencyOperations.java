package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.Alias;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.function.ProvisionedConcurrencyConfig;
import dev.fogbank.lambda.invoke.ConcurrencyGovernor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Provisioned concurrency (Put, Get, Delete, ListProvisionedConcurrencyConfigs) on a published
 * version or an alias, never $LATEST. A Put answers IN_PROGRESS; a Scheduler task then
 * pre-starts the environments in the version's pool, and the config turns READY once every one
 * has finished init. Provisioned concurrency counts against the function's reservation, or else
 * against the account's unreserved concurrency, which never goes below 100.
 */
final class ProvisionedConcurrencyOperations {

  // Lambda's wording, as clients see it in InvalidParameterValueException and
  // ProvisionedConcurrencyConfigNotFoundException messages.
  static final String UNPUBLISHED = "Provisioned Concurrency Configs cannot be applied to unpublished function versions.";
  static final String NOT_ALIAS_OR_VERSION = "The function resource provided must be an alias or a published version.";
  static final String NOT_FOUND = "No Provisioned Concurrency Config found for this function";

  private final LambdaEngine engine;
  private final AtomicLong generations = new AtomicLong();

  ProvisionedConcurrencyOperations(LambdaEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PutProvisionedConcurrencyConfig", this::put);
    map.put("GetProvisionedConcurrencyConfig", this::get);
    map.put("DeleteProvisionedConcurrencyConfig", this::delete);
    map.put("ListProvisionedConcurrencyConfigs", this::list);
  }

  private static boolean unpublished(String qualifier) {
    return qualifier == null || qualifier.isEmpty() || qualifier.equals(FunctionRef.LATEST);
  }

  private JsonNode put(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    String qualifier = ref.qualifier();
    if (unpublished(qualifier)) {
      throw LambdaErrors.invalidParameter(UNPUBLISHED);
    }
    LambdaFunction fn = engine.function(ctx, ref);
    FunctionVersion version = engine.version(ctx, fn, qualifier);
    LambdaState state = engine.state(ctx);
    int requested = input.get("ProvisionedConcurrentExecutions").asInt();
    ProvisionedConcurrencyConfig config;
    ProvisionedConcurrencyConfig previous;
    synchronized (state.governor()) {
      conflicts(fn, qualifier, version);
      previous = fn.provisionedConcurrency().get(qualifier);
      int others = fn.provisionedTotal() - (previous == null ? 0 : previous.requested());
      Integer reserved = fn.reservedConcurrency();
      if (reserved != null) {
        if (others + requested > reserved) {
          throw LambdaErrors.invalidParameter(
              "Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function");
        }
      } else {
        int unreserved = state.governor().unreservedConcurrency(state) + (previous == null ? 0 : previous.requested()) - requested;
        if (unreserved < ConcurrencyGovernor.MINIMUM_UNRESERVED) {
          throw LambdaErrors.invalidParameter(
              "Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of ["
                  + ConcurrencyGovernor.MINIMUM_UNRESERVED
                  + "].");
        }
      }
      config = new ProvisionedConcurrencyConfig(requested, engine.now(), version, generations.incrementAndGet());
      fn.provisionedConcurrency().put(qualifier, config);
    }
    if (previous != null) {
      engine.invoker().unprovision(previous.version(), previous.requested());
    }
    String endpoint = ctx.endpoint();
    // Allocation runs off the request; environments start in real time, so a virtual thread
    // waits for them rather than the Scheduler's own thread.
    engine.scheduler().schedule(Duration.ZERO, () -> Thread.ofVirtual().name("lambda-provision").start(
        () -> allocate(state, fn, qualifier, config, endpoint)));
    return describe(config, null);
  }

  private void allocate(LambdaState state, LambdaFunction fn, String qualifier, ProvisionedConcurrencyConfig config, String endpoint) {
    int ready = engine.invoker().prewarm(state, config.version(), config.requested(), endpoint);
    if (fn.provisionedConcurrency().get(qualifier) != config || state.functions().get(fn.name()) != fn) {
      // replaced or deleted while the environments started
      engine.invoker().unprovision(config.version(), ready);
      return;
    }
    if (ready == config.requested()) {
      config.ready(ready);
    } else {
      // Lambda's reason when the function's init fails in a provisioned environment.
      config.failed(ready, "FUNCTION_ERROR_INIT_FAILURE");
      engine.invoker().unprovision(config.version(), ready);
    }
  }

  /**
   * An alias and the version it points to cannot both carry provisioned concurrency (Lambda
   * answers ResourceConflictException).
   */
  private static void conflicts(LambdaFunction fn, String qualifier, FunctionVersion version) {
    if (qualifier.chars().allMatch(Character::isDigit)) {
      for (Alias a : fn.aliases().values()) {
        if (a.functionVersion().equals(qualifier) && fn.provisionedConcurrency().containsKey(a.name())) {
          throw LambdaErrors.conflict("Version is pointed by a Provisioned Concurrency alias");
        }
      }
    } else if (fn.provisionedConcurrency().containsKey(version.version())) {
      throw LambdaErrors.conflict("Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version");
    }
  }

  private ProvisionedConcurrencyConfig existing(RequestContext ctx, ObjectNode input, LambdaFunction[] fnOut) {
    FunctionRef ref = engine.ref(ctx, input);
    if (unpublished(ref.qualifier())) {
      throw LambdaErrors.invalidParameter(NOT_ALIAS_OR_VERSION);
    }
    LambdaFunction fn = engine.function(ctx, ref);
    engine.version(ctx, fn, ref.qualifier());
    fnOut[0] = fn;
    return fn.provisionedConcurrency().get(ref.qualifier());
  }

  private JsonNode get(RequestContext ctx, ObjectNode input) {
    ProvisionedConcurrencyConfig config = existing(ctx, input, new LambdaFunction[1]);
    if (config == null) {
      throw new dev.fogbank.core.error.AwsException("ProvisionedConcurrencyConfigNotFoundException", NOT_FOUND, 404);
    }
    return describe(config, null);
  }

  private JsonNode delete(RequestContext ctx, ObjectNode input) {
    LambdaFunction[] fn = new LambdaFunction[1];
    ProvisionedConcurrencyConfig config = existing(ctx, input, fn);
    if (config == null) {
      throw new dev.fogbank.core.error.AwsException("ProvisionedConcurrencyConfigNotFoundException", NOT_FOUND, 404);
    }
    synchronized (engine.state(ctx).governor()) {
      fn[0].provisionedConcurrency().values().remove(config);
    }
    engine.invoker().unprovision(config.version(), config.requested());
    return null;
  }

  private JsonNode list(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = engine.function(ctx, engine.ref(ctx, input));
    List<ObjectNode> items = new ArrayList<>();
    new TreeMap<>(fn.provisionedConcurrency()).forEach((q, c) -> items.add(describe(c, fn.arn() + ":" + q)));
    ObjectNode out = Json.object();
    Pages.page(items, input, 50, out.putArray("ProvisionedConcurrencyConfigs"), out);
    return out;
  }

  /**
   * A config as Lambda describes it; Available is what is allocated and idle-ready (here every
   * allocated environment, since provisioned environments stay warm).
   */
  private static ObjectNode describe(ProvisionedConcurrencyConfig c, String functionArn) {
    ObjectNode out = Json.object();
    if (functionArn != null) {
      out.put("FunctionArn", functionArn);
    }
    out.put("RequestedProvisionedConcurrentExecutions", c.requested());
    out.put("AvailableProvisionedConcurrentExecutions", c.allocated());
    out.put("AllocatedProvisionedConcurrentExecutions", c.allocated());
    out.put("Status", c.status());
    if (c.statusReason() != null) {
      out.put("StatusReason", c.statusReason());
    }
    out.put("LastModified", c.lastModified());
    return out;
  }
}
