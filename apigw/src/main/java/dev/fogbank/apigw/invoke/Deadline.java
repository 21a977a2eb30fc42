package dev.fogbank.apigw.invoke;

import dev.fogbank.core.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs an integration call under its {@code timeoutInMillis}: the call runs on a virtual thread,
 * and a Scheduler timer (on the emulator's clock, so virtual time moves it too) gives up on it
 * with API Gateway's 504 "Endpoint request timed out".
 */
public final class Deadline {

  private final Scheduler scheduler;

  public Deadline(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  public <T> T run(int timeoutMillis, Supplier<T> call) {
    return run(timeoutMillis, call, false);
  }

  /**
   * @param interrupt whether a call that outlives the deadline is interrupted (an HTTP exchange,
   *     which the JDK client then abandons); a Lambda invocation runs on to its own timeout, as in AWS
   */
  public <T> T run(int timeoutMillis, Supplier<T> call, boolean interrupt) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Thread worker = Thread.ofVirtual().start(() -> {
      try {
        future.complete(call.get());
      } catch (Throwable t) {
        future.completeExceptionally(t);
      }
    });
    Scheduler.Timer timer =
        scheduler.schedule(
            Duration.ofMillis(timeoutMillis),
            () -> {
              if (future.completeExceptionally(new GatewayError("INTEGRATION_TIMEOUT", "Endpoint request timed out")) && interrupt) {
                worker.interrupt();
              }
            });
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayError("INTEGRATION_FAILURE", "Internal server error");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new GatewayError("INTEGRATION_FAILURE", "Internal server error");
    } finally {
      timer.cancel();
    }
  }
}
