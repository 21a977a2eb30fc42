package dev.fogbank.lambda.invoke;

import dev.fogbank.lambda.LambdaErrors;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import java.util.HashMap;
import java.util.Map;

/**
 * Lambda's concurrency in one account and region: a function with reserved concurrency runs at
 * most that many invocations at once (0 throttles every invocation); the others share the
 * unreserved pool, the account limit minus every reservation. Over the limit an invocation is
 * throttled with 429 TooManyRequestsException and the {@code Reason} that says which limit.
 */
public final class ConcurrencyGovernor {

  /** Lambda keeps at least this much of the account's concurrency unreserved. */
  public static final int MINIMUM_UNRESERVED = 100;

  private final int accountLimit;
  private final Map<String, Integer> inFlight = new HashMap<>();
  private int unreservedInFlight;

  public ConcurrencyGovernor(int accountLimit) {
    this.accountLimit = accountLimit;
  }

  public int accountLimit() {
    return accountLimit;
  }

  /** A running invocation's claim on concurrency; release it exactly once. */
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /** Admits an invocation of {@code fn} or throws TooManyRequestsException. */
  public Lease admit(LambdaState state, LambdaFunction fn) {
    String name = fn.name();
    Integer reserved = fn.reservedConcurrency();
    synchronized (this) {
      int running = inFlight.getOrDefault(name, 0);
      if (reserved != null) {
        if (running >= reserved) {
          throw LambdaErrors.tooManyRequests("ReservedFunctionConcurrentInvocationLimitExceeded");
        }
      } else {
        if (unreservedInFlight >= unreservedPool(state)) {
          throw LambdaErrors.tooManyRequests("ConcurrentInvocationLimitExceeded");
        }
        unreservedInFlight++;
      }
      inFlight.put(name, running + 1);
    }
    boolean fromPool = reserved == null;
    return new Lease() {
      private boolean released;

      @Override
      public void close() {
        synchronized (ConcurrencyGovernor.this) {
          if (released) {
            return;
          }
          released = true;
          inFlight.merge(name, -1, (a, b) -> a + b == 0 ? null : a + b);
          if (fromPool) {
            unreservedInFlight--;
          }
        }
      }
    };
  }

  /** The account limit less every function's reservation. */
  public int unreservedPool(LambdaState state) {
    int reserved = 0;
    for (LambdaFunction f : state.functions().values()) {
      Integer r = f.reservedConcurrency();
      if (r != null) {
        reserved += r;
      }
    }
    return accountLimit - reserved;
  }

  /**
   * The unreserved concurrency Lambda reports and protects: the shared pool less the provisioned
   * concurrency of functions without a reservation (provisioned concurrency counts against the
   * account's concurrency; a reserved function's provisioned share is inside its reservation).
   */
  public int unreservedConcurrency(LambdaState state) {
    int provisioned = 0;
    for (LambdaFunction f : state.functions().values()) {
      if (f.reservedConcurrency() == null) {
        provisioned += f.provisionedTotal();
      }
    }
    return unreservedPool(state) - provisioned;
  }

  /** Invocations of {@code function} running now. */
  public synchronized int running(String function) {
    return inFlight.getOrDefault(function, 0);
  }
}
