package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.invoke.ConcurrencyGovernor;
import java.util.Map;

/**
 * Reserved concurrency (PutFunctionConcurrency, GetFunctionConcurrency,
 * DeleteFunctionConcurrency) and GetAccountSettings. Reservations may never leave the account's
 * unreserved pool below 100.
 */
final class ConcurrencyOperations {

  /** Lambda's code storage quota per region (75 GB). */
  private static final long TOTAL_CODE_SIZE = 80_530_636_800L;

  private final LambdaEngine engine;

  ConcurrencyOperations(LambdaEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PutFunctionConcurrency", this::put);
    map.put("GetFunctionConcurrency", this::get);
    map.put("DeleteFunctionConcurrency", this::delete);
    map.put("GetAccountSettings", this::accountSettings);
  }

  private JsonNode put(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter("Concurrency can only be reserved for the unqualified function.");
    }
    LambdaFunction fn = engine.function(ctx, ref);
    LambdaState state = engine.state(ctx);
    int requested = input.get("ReservedConcurrentExecutions").asInt();
    synchronized (state.governor()) {
      Integer previous = fn.reservedConcurrency();
      // Without a reservation the function's provisioned concurrency was taken from the
      // unreserved pool; the reservation now holds it instead.
      int held = previous == null ? fn.provisionedTotal() : previous;
      int unreserved = state.governor().unreservedConcurrency(state) + held - requested;
      if (unreserved < ConcurrencyGovernor.MINIMUM_UNRESERVED) {
        throw LambdaErrors.invalidParameter(
            "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of ["
                + ConcurrencyGovernor.MINIMUM_UNRESERVED
                + "].");
      }
      fn.reservedConcurrency(requested);
    }
    ObjectNode out = Json.object();
    out.put("ReservedConcurrentExecutions", requested);
    return out;
  }

  private JsonNode get(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = engine.function(ctx, engine.ref(ctx, input));
    ObjectNode out = Json.object();
    if (fn.reservedConcurrency() != null) {
      out.put("ReservedConcurrentExecutions", fn.reservedConcurrency());
    }
    return out;
  }

  private JsonNode delete(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = engine.function(ctx, engine.ref(ctx, input));
    synchronized (engine.state(ctx).governor()) {
      fn.reservedConcurrency(null);
    }
    return null;
  }

  private JsonNode accountSettings(RequestContext ctx, ObjectNode input) {
    LambdaState state = engine.state(ctx);
    long codeSize = 0;
    for (LambdaFunction fn : state.functions().values()) {
      codeSize += fn.latest().code().size();
      for (var v : fn.versions()) {
        codeSize += v.code().size();
      }
    }
    for (var layer : state.layers().values()) {
      for (var lv : layer.values()) {
        codeSize += lv.content().size();
      }
    }
    ObjectNode out = Json.object();
    ObjectNode limit = out.putObject("AccountLimit");
    limit.put("TotalCodeSize", TOTAL_CODE_SIZE);
    limit.put("CodeSizeUnzipped", 262_144_000L);
    limit.put("CodeSizeZipped", 52_428_800L);
    limit.put("ConcurrentExecutions", state.governor().accountLimit());
    limit.put("UnreservedConcurrentExecutions", state.governor().unreservedConcurrency(state));
    ObjectNode usage = out.putObject("AccountUsage");
    usage.put("TotalCodeSize", codeSize);
    usage.put("FunctionCount", state.functions().size());
    return out;
  }
}
