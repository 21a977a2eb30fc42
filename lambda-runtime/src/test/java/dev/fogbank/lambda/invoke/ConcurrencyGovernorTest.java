package dev.fogbank.lambda.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.function.ProvisionedConcurrencyConfig;
import org.junit.jupiter.api.Test;

class ConcurrencyGovernorTest {

  private final LambdaState state = new LambdaState("000000000000", "us-east-1", 3);

  private LambdaFunction function(String name, Integer reserved) {
    LambdaFunction fn = new LambdaFunction(name, "arn:aws:lambda:us-east-1:000000000000:function:" + name, null);
    fn.reservedConcurrency(reserved);
    state.functions().put(name, fn);
    return fn;
  }

  @Test
  void reservedFunctionThrottlesAtItsReservation() {
    LambdaFunction fn = function("a", 1);
    ConcurrencyGovernor.Lease lease = state.governor().admit(state, fn);
    AwsException e = assertThrows(AwsException.class, () -> state.governor().admit(state, fn));
    assertEquals(429, e.status());
    assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded", e.details().get("Reason").asText());
    lease.close();
    state.governor().admit(state, fn).close();
  }

  @Test
  void unreservedFunctionsShareTheAccountLimitLessReservations() {
    function("reserved", 1);
    LambdaFunction free = function("free", null);
    // Account limit 3, one reserved: two left for everyone else.
    state.governor().admit(state, free);
    state.governor().admit(state, free);
    AwsException e = assertThrows(AwsException.class, () -> state.governor().admit(state, free));
    assertEquals("ConcurrentInvocationLimitExceeded", e.details().get("Reason").asText());
    assertEquals(2, state.governor().running("free"));
  }

  @Test
  void releasingTwiceCountsOnce() {
    LambdaFunction fn = function("a", 2);
    ConcurrencyGovernor.Lease lease = state.governor().admit(state, fn);
    lease.close();
    lease.close();
    assertEquals(0, state.governor().running("a"));
  }

  @Test
  void provisionedConcurrencyOfUnreservedFunctionsLeavesTheUnreservedPool() {
    LambdaFunction reserved = function("reserved", 1);
    LambdaFunction free = function("free", null);
    // Inside a reservation, provisioned concurrency takes nothing more from the account.
    reserved.provisionedConcurrency().put("1", new ProvisionedConcurrencyConfig(1, "", null, 1));
    assertEquals(2, state.governor().unreservedConcurrency(state));
    free.provisionedConcurrency().put("live", new ProvisionedConcurrencyConfig(2, "", null, 2));
    assertEquals(0, state.governor().unreservedConcurrency(state));
    free.provisionedConcurrency().clear();
    assertEquals(2, state.governor().unreservedConcurrency(state));
  }
}
