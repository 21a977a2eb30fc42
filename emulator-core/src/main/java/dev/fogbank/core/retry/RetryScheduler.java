package dev.fogbank.core.retry;

import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an attempt, and when it fails schedules the next on the {@link Scheduler} as its {@link
 * RetryPolicy} says; when the policy is exhausted, or an attempt fails for good, the payload goes
 * to its {@link DeadLetterSink}.
 *
 * <p>Attempts run on the executor (virtual threads in the emulator), never on the scheduler's
 * thread: a timer only hands the next attempt over. Delays are on the scheduler's clock, so a test
 * that advances virtual time sees every retry that time covers.
 */
public final class RetryScheduler {

  private static final Logger log = LoggerFactory.getLogger(RetryScheduler.class);

  /** What an attempt came to. */
  public sealed interface Outcome {
    /** Delivered: nothing more to do. */
    record Delivered() implements Outcome {}

    /** Failed in a way a later attempt may not: retry as the policy says. */
    record Retry(String error) implements Outcome {}

    /** Failed in a way no retry would mend (a deleted queue): straight to the dead-letter sink. */
    record Failed(String error) implements Outcome {}

    Outcome DELIVERED = new Delivered();

    static Outcome retry(String error) {
      return new Retry(error);
    }

    static Outcome failed(String error) {
      return new Failed(error);
    }
  }

  /** One delivery attempt; {@code attempt} counts from 1. It may complete later (an HTTP call). */
  @FunctionalInterface
  public interface Attempt<P> {
    CompletionStage<Outcome> run(P payload, int attempt);
  }

  private final Scheduler scheduler;
  private final Executor executor;
  private final AtomicInteger inFlight = new AtomicInteger();

  public RetryScheduler(Scheduler scheduler, Executor executor) {
    this.scheduler = scheduler;
    this.executor = executor;
  }

  /** Starts delivering {@code payload}: the first attempt runs now, on the executor. */
  public <P> void submit(P payload, RetryPolicy policy, Attempt<P> attempt, DeadLetterSink<P> sink) {
    Clock clock = scheduler.clock();
    Delivery<P> delivery = new Delivery<>(payload, policy, attempt, sink, clock.millis());
    inFlight.incrementAndGet();
    executor.execute(() -> delivery.run(1));
  }

  /** Payloads not yet delivered nor dead-lettered: attempts running or waiting for their retry. */
  public int inFlight() {
    return inFlight.get();
  }

  private final class Delivery<P> {
    final P payload;
    final RetryPolicy policy;
    final Attempt<P> attempt;
    final DeadLetterSink<P> sink;
    final long firstAttemptMillis;

    Delivery(P payload, RetryPolicy policy, Attempt<P> attempt, DeadLetterSink<P> sink, long first) {
      this.payload = payload;
      this.policy = policy;
      this.attempt = attempt;
      this.sink = sink;
      this.firstAttemptMillis = first;
    }

    void run(int n) {
      CompletionStage<Outcome> stage;
      try {
        stage = attempt.run(payload, n);
      } catch (RuntimeException e) {
        stage = CompletableFuture.completedFuture(Outcome.retry(String.valueOf(e.getMessage())));
      }
      stage.whenComplete(
          (outcome, error) -> {
            Outcome o = error != null ? Outcome.retry(String.valueOf(error.getMessage())) : outcome;
            settle(n, o);
          });
    }

    private void settle(int n, Outcome outcome) {
      switch (outcome) {
        case Outcome.Delivered d -> inFlight.decrementAndGet();
        case Outcome.Failed f -> deadLetter(n, f.error());
        case Outcome.Retry r -> {
          Duration delay = policy.delayBefore(n, firstAttemptMillis, scheduler.clock().millis());
          if (delay == null) {
            deadLetter(n, r.error());
          } else if (delay.isZero()) {
            executor.execute(() -> run(n + 1));
          } else {
            scheduler.schedule(delay, () -> executor.execute(() -> run(n + 1)));
          }
        }
      }
    }

    private void deadLetter(int attempts, String error) {
      try {
        sink.deadLetter(payload, attempts, error);
      } catch (RuntimeException e) {
        log.warn("dead-letter target refused a payload after {} attempts", attempts, e);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }
}
