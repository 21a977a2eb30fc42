package dev.fogbank.sns.delivery;

import dev.fogbank.core.governor.Governor;
import dev.fogbank.core.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The {@code throttlePolicy} of an HTTP/S delivery policy: at most {@code maxReceivesPerSecond}
 * deliveries a second to the subscription's endpoint. A delivery over the rate waits for a token
 * rather than failing — SNS holds it back, it does not count as a failed attempt — so the wait
 * runs on the Scheduler and virtual time drives it.
 */
public final class DeliveryThrottle {

  private final Governor governor;
  private final Scheduler scheduler;

  public DeliveryThrottle(Governor governor, Scheduler scheduler) {
    this.governor = governor;
    this.scheduler = scheduler;
  }

  /**
   * Runs {@code attempt} once the endpoint's bucket admits it; at once when the subscription sets
   * no rate. The bucket holds one second of deliveries.
   */
  public <T> CompletionStage<T> admit(String subscriptionArn, Integer maxReceivesPerSecond, Supplier<CompletionStage<T>> attempt) {
    if (maxReceivesPerSecond == null) {
      return attempt.get();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    tryNow(subscriptionArn, maxReceivesPerSecond, attempt, result);
    return result;
  }

  private <T> void tryNow(String key, int rate, Supplier<CompletionStage<T>> attempt, CompletableFuture<T> result) {
    if (governor.admit("sns/throttle/" + key, rate, rate)) {
      attempt.get().whenComplete((value, error) -> {
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(value);
        }
      });
    } else {
      // The next token comes 1/rate seconds later.
      scheduler.schedule(Duration.ofMillis(Math.max(1, 1000L / rate)), () -> tryNow(key, rate, attempt, result));
    }
  }

  /** Drops the buckets of every subscription (a reset). */
  public void reset() {
    governor.forget("sns/throttle/");
  }
}
