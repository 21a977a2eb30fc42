package dev.fogbank.lambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.retry.RetryPolicy;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.metrics.LambdaMetrics;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous (Event) invocations, as "How Lambda handles errors and retries with asynchronous
 * invocation" (Developer Guide) describes them:
 *
 * <ul>
 *   <li>an event the function fails on is retried MaximumRetryAttempts times (default 2): the first
 *       retry about one minute later, the second about two minutes after that, with jitter;
 *   <li>an event that is throttled (429) or meets a system error (5xx) goes back to the queue and
 *       is retried with exponential backoff from 1 second to 5 minutes, without counting against
 *       MaximumRetryAttempts, until it is older than MaximumEventAgeInSeconds (default 6 hours);
 *   <li>an event Lambda gives up on goes to the function's dead-letter queue (DeadLetterConfig)
 *       and to its OnFailure destination, both when both are set, with condition RetriesExhausted
 *       or EventAgeExceeded; a successful one to its OnSuccess destination.
 * </ul>
 *
 * Every delay is a timer on the Scheduler, so virtual time covers an event's whole life; attempts
 * run on virtual threads of their own.
 */
public final class AsyncInvocations {

  private static final Logger log = LoggerFactory.getLogger(AsyncInvocations.class);

  /** Lambda's defaults for an asynchronous invocation without an event invoke config. */
  static final int DEFAULT_RETRIES = 2;

  static final long DEFAULT_MAX_AGE_SECONDS = 21_600;

  /** Jitter for the retry delays; java.util.Random is safe to share between threads. */
  private static final Random JITTER = new Random();

  /** The function error retry schedule: 1 minute, then 2 more, each shortened by up to a tenth. */
  private static final RetryPolicy FUNCTION_ERROR_RETRIES =
      RetryPolicy.exponential(DEFAULT_RETRIES, Duration.ofMinutes(1), Duration.ofMinutes(2), 0.1, JITTER);

  /** Throttles and system errors: exponential backoff from 1 second to 5 minutes. */
  private static final RetryPolicy THROTTLE_BACKOFF =
      RetryPolicy.exponential(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofMinutes(5), 0.1, JITTER);

  /** The event invoke config of a function version, read when the event runs. */
  public interface Settings {
    JsonNode config(LambdaFunction fn, String qualifier);
  }

  private final Invoker invoker;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Settings settings;
  private final EventDestinations destinations;
  private final Set<Scheduler.Timer> timers = ConcurrentHashMap.newKeySet();
  private final AtomicLong generation = new AtomicLong();

  public AsyncInvocations(
      Invoker invoker, Clock clock, Scheduler scheduler, Settings settings, EventDestinations destinations) {
    this.invoker = invoker;
    this.clock = clock;
    this.scheduler = scheduler;
    this.settings = settings;
    this.destinations = destinations;
  }

  /** One queued event and what became of its attempts so far. */
  private static final class Event {
    final LambdaState state;
    final LambdaFunction fn;
    final FunctionVersion version;
    final String invokedArn;
    final String qualifier;
    final byte[] payload;
    final String endpoint;
    final String requestId;
    final long enqueued;
    final long generation;
    /** Invocations that ran the function (Lambda's approximateInvokeCount). */
    int invocations;
    /** Function errors retried so far. */
    int retries;
    /** Throttles and system errors retried so far. */
    int backoffs;
    int lastStatus = 429;
    String lastErrorMessage = "Rate Exceeded.";
    Invoker.Outcome lastOutcome;

    Event(
        LambdaState state,
        LambdaFunction fn,
        FunctionVersion version,
        String invokedArn,
        String qualifier,
        byte[] payload,
        String endpoint,
        String requestId,
        long enqueued,
        long generation) {
      this.state = state;
      this.fn = fn;
      this.version = version;
      this.invokedArn = invokedArn;
      this.qualifier = qualifier;
      this.payload = payload;
      this.endpoint = endpoint;
      this.requestId = requestId;
      this.enqueued = enqueued;
      this.generation = generation;
    }

    String functionArn() {
      return fn.arn() + ":" + (qualifier == null ? "$LATEST" : qualifier);
    }
  }

  /** Queues an event; {@code requestId} is the Invoke request's id, kept through every retry. */
  public void submit(
      LambdaState state,
      LambdaFunction fn,
      FunctionVersion version,
      String invokedArn,
      String qualifier,
      byte[] payload,
      String endpoint,
      String requestId) {
    metrics(state, fn).add(LambdaMetrics.Count.AsyncEventsReceived);
    Event e =
        new Event(state, fn, version, invokedArn, qualifier, payload, endpoint, requestId, clock.millis(), generation.get());
    start(e);
  }

  /** Drops every queued event and pending retry (a reset). */
  public void reset() {
    generation.incrementAndGet();
    timers.forEach(Scheduler.Timer::cancel);
    timers.clear();
  }

  private LambdaMetrics.FunctionMetrics metrics(LambdaState state, LambdaFunction fn) {
    return invoker.metrics().of(state.account(), state.region(), fn.name());
  }

  private void start(Event e) {
    metrics(e.state, e.fn).asyncRunning(1);
    Thread.ofVirtual().name("lambda-event").start(() -> run(e));
  }

  private void later(Event e, Duration delay) {
    LambdaMetrics.FunctionMetrics m = metrics(e.state, e.fn);
    m.asyncWaiting(1);
    Scheduler.Timer[] holder = new Scheduler.Timer[1];
    holder[0] =
        scheduler.schedule(
            delay,
            () -> {
              timers.remove(holder[0]);
              m.asyncWaiting(-1);
              if (e.generation == generation.get()) {
                start(e);
              }
            });
    timers.add(holder[0]);
  }

  private void run(Event e) {
    try {
      attempt(e);
    } catch (RuntimeException failure) {
      log.error("asynchronous invocation of {} failed", e.invokedArn, failure);
    } finally {
      metrics(e.state, e.fn).asyncRunning(-1);
    }
  }

  private void attempt(Event e) {
    JsonNode config = settings.config(e.fn, e.qualifier);
    long maxAge = config == null ? DEFAULT_MAX_AGE_SECONDS : config.path("MaximumEventAgeInSeconds").asLong(DEFAULT_MAX_AGE_SECONDS);
    int maxRetries = config == null ? DEFAULT_RETRIES : config.path("MaximumRetryAttempts").asInt(DEFAULT_RETRIES);
    long age = clock.millis() - e.enqueued;
    if (age > maxAge * 1000) {
      fail(e, config, InvocationRecord.Condition.EventAgeExceeded);
      return;
    }
    LambdaMetrics.FunctionMetrics m = metrics(e.state, e.fn);
    Invoker.Outcome outcome;
    try {
      outcome = invoker.invoke(e.state, e.fn, e.version, e.invokedArn, e.payload, null, e.endpoint, e.requestId);
    } catch (AwsException refused) {
      if (refused.status() == 429 || refused.status() >= 500) {
        e.lastStatus = refused.status();
        e.lastErrorMessage = refused.getMessage();
        e.backoffs++;
        later(e, THROTTLE_BACKOFF.delayBefore(e.backoffs, e.enqueued, clock.millis()));
      } else {
        e.lastStatus = refused.status();
        e.lastErrorMessage = refused.getMessage();
        fail(e, config, InvocationRecord.Condition.RetriesExhausted);
      }
      return;
    }
    m.sample(LambdaMetrics.Sample.AsyncEventAge, age);
    e.invocations++;
    e.lastOutcome = outcome;
    e.lastStatus = 200;
    if (!outcome.result().error()) {
      succeed(e, config);
      return;
    }
    e.lastErrorMessage = errorMessage(outcome.result().payload());
    if (e.retries < maxRetries) {
      e.retries++;
      later(e, FUNCTION_ERROR_RETRIES.delayBefore(e.retries, e.enqueued, clock.millis()));
    } else {
      fail(e, config, InvocationRecord.Condition.RetriesExhausted);
    }
  }

  private static String errorMessage(byte[] errorDocument) {
    JsonNode doc = InvocationRecord.payload(errorDocument);
    if (doc != null && doc.hasNonNull("errorMessage")) {
      return doc.get("errorMessage").asText();
    }
    return doc == null ? "Unhandled" : doc.toString();
  }

  private static String destination(JsonNode config, String which) {
    if (config == null) {
      return null;
    }
    String arn = config.path("DestinationConfig").path(which).path("Destination").asText(null);
    return arn == null || arn.isEmpty() ? null : arn;
  }

  private void succeed(Event e, JsonNode config) {
    String arn = destination(config, "OnSuccess");
    if (arn != null) {
      send(e, arn, record(e, InvocationRecord.Condition.Success), true);
    }
  }

  private void fail(Event e, JsonNode config, InvocationRecord.Condition condition) {
    LambdaMetrics.FunctionMetrics m = metrics(e.state, e.fn);
    m.add(LambdaMetrics.Count.AsyncEventsDropped);
    log.info("event {} for {} discarded: {}", e.requestId, e.invokedArn, condition);
    String dlq = e.version.configuration().path("DeadLetterConfig").path("TargetArn").asText(null);
    if (dlq != null && !dlq.isEmpty()) {
      try {
        destinations.deadLetter(dlq, e.payload, e.requestId, e.lastStatus, e.lastErrorMessage);
      } catch (RuntimeException refused) {
        m.add(LambdaMetrics.Count.DeadLetterErrors);
        log.warn("dead-letter queue {} refused event {}", dlq, e.requestId, refused);
      }
    }
    String arn = destination(config, "OnFailure");
    if (arn != null) {
      send(e, arn, record(e, condition), false);
    }
  }

  private void send(Event e, String arn, ObjectNode record, boolean success) {
    try {
      destinations.deliver(arn, record, success);
    } catch (RuntimeException refused) {
      metrics(e.state, e.fn).add(LambdaMetrics.Count.DestinationDeliveryFailures);
      log.warn("destination {} refused the record of {}", arn, e.requestId, refused);
    }
  }

  private ObjectNode record(Event e, InvocationRecord.Condition condition) {
    Invoker.Outcome o = e.lastOutcome;
    boolean ran = o != null && e.lastStatus == 200;
    return InvocationRecord.of(
        clock.now(),
        e.requestId,
        e.functionArn(),
        condition,
        e.invocations,
        e.payload,
        e.lastStatus,
        ran ? o.executedVersion() : null,
        ran && o.result().error() ? "Unhandled" : null,
        ran ? o.result().payload() : null);
  }
}
