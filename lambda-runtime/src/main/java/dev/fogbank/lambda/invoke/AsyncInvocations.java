package dev.fogbank.lambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous (Event) invocations: queued and run on a virtual thread of their own. A throttled
 * event goes back to the queue and is retried (every second here) until it is older than
 * MaximumEventAgeInSeconds (default 6 hours); a function error is retried MaximumRetryAttempts
 * times (default 2), one minute and then two minutes later, as Lambda does. Delays run on the
 * Scheduler, so virtual time drives them.
 */
public final class AsyncInvocations {

  private static final Logger log = LoggerFactory.getLogger(AsyncInvocations.class);
  private static final int DEFAULT_RETRIES = 2;
  private static final long DEFAULT_MAX_AGE_SECONDS = 21_600;
  private static final Duration THROTTLE_RETRY = Duration.ofSeconds(1);

  /** The event invoke config of a function version, read when the event runs. */
  public interface Settings {
    JsonNode config(LambdaFunction fn, String qualifier);
  }

  private final Invoker invoker;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Settings settings;

  public AsyncInvocations(Invoker invoker, Clock clock, Scheduler scheduler, Settings settings) {
    this.invoker = invoker;
    this.clock = clock;
    this.scheduler = scheduler;
    this.settings = settings;
  }

  private record Event(
      LambdaState state,
      LambdaFunction fn,
      FunctionVersion version,
      String invokedArn,
      String qualifier,
      byte[] payload,
      String endpoint,
      long enqueued,
      int attempt) {}

  public void submit(
      LambdaState state, LambdaFunction fn, FunctionVersion version, String invokedArn, String qualifier, byte[] payload, String endpoint) {
    start(new Event(state, fn, version, invokedArn, qualifier, payload, endpoint, clock.millis(), 0));
  }

  private void start(Event e) {
    Thread.ofVirtual().name("lambda-event").start(() -> run(e));
  }

  private void run(Event e) {
    JsonNode config = settings.config(e.fn(), e.qualifier());
    long maxAge = config == null ? DEFAULT_MAX_AGE_SECONDS : config.path("MaximumEventAgeInSeconds").asLong(DEFAULT_MAX_AGE_SECONDS);
    int retries = config == null ? DEFAULT_RETRIES : config.path("MaximumRetryAttempts").asInt(DEFAULT_RETRIES);
    if (clock.millis() - e.enqueued() > maxAge * 1000) {
      log.info("event for {} dropped: older than {} s", e.invokedArn(), maxAge);
      return;
    }
    Invoker.Outcome outcome;
    try {
      outcome = invoker.invoke(e.state(), e.fn(), e.version(), e.invokedArn(), e.payload(), null, e.endpoint());
    } catch (AwsException throttled) {
      scheduler.schedule(THROTTLE_RETRY, () -> start(e));
      return;
    }
    if (outcome.result().error() && e.attempt() < retries) {
      Duration delay = Duration.ofMinutes(e.attempt() + 1L);
      Event retry =
          new Event(e.state(), e.fn(), e.version(), e.invokedArn(), e.qualifier(), e.payload(), e.endpoint(), e.enqueued(), e.attempt() + 1);
      scheduler.schedule(delay, () -> start(retry));
    }
  }
}
