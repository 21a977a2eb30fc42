package dev.fogbank.lambda.invoke;

import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.lambda.logs.FunctionLogs;
import dev.fogbank.lambda.metrics.CostMeter;
import dev.fogbank.lambda.metrics.LambdaMetrics;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.runtime.EnvironmentFactory;
import dev.fogbank.lambda.runtime.EnvironmentPool;
import dev.fogbank.lambda.runtime.ErrorDocuments;
import dev.fogbank.lambda.runtime.ExecutionEnvironment;
import dev.fogbank.lambda.runtime.Invocation;
import dev.fogbank.lambda.runtime.InvocationResult;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one invocation of a function version: admits it under the concurrency governor, takes a
 * warm execution environment or starts one, hands it the event with its deadline, and ends the
 * environment when the function runs past its timeout (the timer is on the Scheduler, so virtual
 * time drives it in tests).
 */
public final class Invoker {

  private static final Logger log = LoggerFactory.getLogger(Invoker.class);

  /** What the caller of Invoke sees, and the log Lambda writes. */
  public record Outcome(String requestId, InvocationResult result, String log, String executedVersion, double durationMs, long billedMs) {}

  /** Lambda's limit for the init phase of an on-demand environment. */
  static final Duration INIT_ALLOWANCE = Duration.ofSeconds(10);

  private final Clock clock;
  private final Scheduler scheduler;
  private final EnvironmentFactory factory;
  private final Map<String, EnvironmentPool> pools = new ConcurrentHashMap<>();
  private final LambdaMetrics metrics;
  private volatile FunctionLogs logs;
  private final CostMeter costs = new CostMeter();

  public Invoker(Clock clock, Scheduler scheduler, EnvironmentFactory factory) {
    this(clock, scheduler, factory, new LambdaMetrics());
  }

  public Invoker(Clock clock, Scheduler scheduler, EnvironmentFactory factory, LambdaMetrics metrics) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.factory = factory;
    this.metrics = metrics;
  }

  /** What the invocations would cost on AWS, by the public price model. */
  public CostMeter costs() {
    return costs;
  }

  /** Sends every invocation's log to CloudWatch Logs through {@code logs}. */
  public void logTo(FunctionLogs logs) {
    this.logs = logs;
  }

  /** The per-function metrics every invocation adds to. */
  public LambdaMetrics metrics() {
    return metrics;
  }

  /** The pool of a version snapshot: a changed configuration or code gets fresh environments. */
  private EnvironmentPool pool(FunctionVersion version) {
    return pools.computeIfAbsent(key(version), k -> new EnvironmentPool());
  }

  private static String key(FunctionVersion version) {
    return version.configuration().path("FunctionArn").asText() + "#" + version.version() + "#" + version.revisionId();
  }

  /** Ends the warm environments of a version snapshot that is no longer current. */
  public void retire(FunctionVersion version) {
    EnvironmentPool pool = pools.remove(key(version));
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * Pre-starts {@code count} environments of a version for provisioned concurrency, the way an
   * on-demand start does, and waits for each init phase to finish (within Lambda's init
   * allowance) so that their first invocation is warm: Lambda reports no Init Duration for a
   * provisioned environment. Answers how many became ready.
   */
  public int prewarm(LambdaState state, FunctionVersion version, int count, String endpoint) {
    EnvironmentPool pool = pool(version);
    int ready = 0;
    for (int i = 0; i < count; i++) {
      ExecutionEnvironment env;
      try {
        env = pool.start(() -> factory.start(version, state.region(), state.account(), endpoint));
      } catch (RuntimeException e) {
        log.warn("could not pre-start an environment for {}", version.functionName(), e);
        continue;
      }
      CompletableFuture<Void> init = env.ready();
      Scheduler.Timer timer =
          scheduler.schedule(INIT_ALLOWANCE, () -> init.completeExceptionally(new IllegalStateException("init timed out")));
      try {
        init.get();
        env.takeInitDuration();
        pool.provision(env);
        ready++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.discard(env);
        break;
      } catch (ExecutionException e) {
        pool.discard(env);
      } finally {
        timer.cancel();
      }
    }
    return ready;
  }

  /** Ends up to {@code count} provisioned environments of a version (its config went away). */
  public void unprovision(FunctionVersion version, int count) {
    EnvironmentPool pool = pools.get(key(version));
    if (pool != null) {
      pool.unprovision(count);
    }
  }

  /** Provisioned environments of a version alive now. */
  public int provisioned(FunctionVersion version) {
    EnvironmentPool pool = pools.get(key(version));
    return pool == null ? 0 : pool.provisionedCount();
  }

  /** Ends every environment of every function. */
  public void shutdown() {
    pools.values().forEach(EnvironmentPool::kill);
    pools.clear();
  }

  /**
   * Invokes synchronously. Throws TooManyRequestsException when the governor refuses; otherwise
   * answers the function's result or error.
   */
  public Outcome invoke(
      LambdaState state,
      LambdaFunction fn,
      FunctionVersion version,
      String invokedArn,
      byte[] payload,
      String clientContext,
      String endpoint) {
    return invoke(state, fn, version, invokedArn, payload, clientContext, endpoint, UUID.randomUUID().toString());
  }

  /**
   * Invokes synchronously under a given request id (an asynchronous event keeps the id of its
   * Invoke request through every retry). Counts Invocations, Errors, Throttles, Duration and
   * ConcurrentExecutions for the function.
   */
  public Outcome invoke(
      LambdaState state,
      LambdaFunction fn,
      FunctionVersion version,
      String invokedArn,
      byte[] payload,
      String clientContext,
      String endpoint,
      String requestId) {
    LambdaMetrics.FunctionMetrics m = metrics.of(state.account(), state.region(), fn.name());
    ConcurrencyGovernor.Lease lease;
    try {
      lease = state.governor().admit(state, fn);
    } catch (RuntimeException throttled) {
      m.add(LambdaMetrics.Count.Throttles);
      throw throttled;
    }
    m.started();
    try (lease) {
      Outcome outcome = run(state, version, invokedArn, payload, clientContext, endpoint, requestId);
      m.add(LambdaMetrics.Count.Invocations);
      costs.record(
          state.account(),
          state.region(),
          fn.name(),
          version.configuration().path("Architectures").path(0).asText("x86_64"),
          outcome.billedMs(),
          version.memorySize());
      if (outcome.result().error()) {
        m.add(LambdaMetrics.Count.Errors);
      }
      m.sample(LambdaMetrics.Sample.Duration, outcome.durationMs());
      return outcome;
    } finally {
      m.finished();
    }
  }

  private Outcome run(
      LambdaState state,
      FunctionVersion version,
      String invokedArn,
      byte[] payload,
      String clientContext,
      String endpoint,
      String requestId) {
    EnvironmentPool pool = pool(version);
    long started = System.nanoTime();
    long startedAt = clock.millis();
    ExecutionEnvironment env = pool.takeIdle();
    boolean cold = env == null;
    if (env == null) {
      try {
        env = pool.start(() -> factory.start(version, state.region(), state.account(), endpoint));
      } catch (RuntimeException e) {
        log.warn("could not start an execution environment for {}", version.functionName(), e);
        byte[] doc = ErrorDocuments.of("Runtime.InvalidEntrypoint", "RequestId: " + requestId + " Error: " + e.getMessage());
        String text = ExecutionLog.of(requestId, version.version(), "", 0, version.memorySize(), 0, -1, "error");
        writeLog(state, version, EnvironmentFactory.logStreamName(clock, version.version()), startedAt, text);
        return new Outcome(requestId, InvocationResult.failure(doc, "", true), text, version.version(), 0, ExecutionLog.billedMillis(0));
      }
    }
    int timeout = version.timeoutSeconds();
    Invocation invocation =
        new Invocation(requestId, payload, clock.millis() + timeout * 1000L, invokedArn, traceId(), clientContext);
    CompletableFuture<InvocationResult> future = env.submit(invocation);
    // The timeout's error document is built only if the timer fires: formatting it costs more
    // than a warm in-process invocation.
    AtomicReference<InvocationResult> expired = new AtomicReference<>();
    // A cold start's init phase has its own 10 s allowance before the function's timeout runs.
    Duration limit = Duration.ofSeconds(timeout).plus(cold ? INIT_ALLOWANCE : Duration.ZERO);
    Scheduler.Timer timer =
        scheduler.schedule(
            limit,
            () -> {
              InvocationResult timedOutResult = InvocationResult.failure(ErrorDocuments.timedOut(requestId, timeout), "", true);
              expired.set(timedOutResult);
              future.complete(timedOutResult);
            });
    InvocationResult result;
    boolean timedOut;
    try {
      result = future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = InvocationResult.failure(ErrorDocuments.of("Runtime.Unknown", "interrupted"), "", true);
    } catch (ExecutionException e) {
      result = InvocationResult.failure(ErrorDocuments.of("Runtime.Unknown", String.valueOf(e.getCause())), "", true);
    }
    timer.cancel();
    timedOut = result == expired.get();
    double durationMs = (System.nanoTime() - started) / 1e6;
    double initMs = env.takeInitDuration();
    if (initMs > 0) {
      durationMs = Math.max(0, durationMs - initMs);
    }
    long memory = env.maxMemoryUsedMb();
    if (result.fatal() || !env.alive()) {
      pool.discard(env);
    } else {
      pool.release(env);
    }
    String output = result.log();
    String status = null;
    if (timedOut) {
      output = clock.now() + " " + requestId + " " + ErrorDocuments.timeoutMessage(timeout) + "\n";
      durationMs = timeout * 1000.0;
      status = "timeout";
    } else if (result.fatal()) {
      status = "error";
    }
    String text = ExecutionLog.of(requestId, version.version(), output, durationMs, version.memorySize(), memory, initMs, status);
    writeLog(state, version, env.logStreamName(), startedAt, text);
    return new Outcome(requestId, result, text, version.version(), durationMs, ExecutionLog.billedMillis(durationMs, initMs));
  }

  private void writeLog(LambdaState state, FunctionVersion version, String stream, long startedAt, String text) {
    FunctionLogs sink = logs;
    if (sink != null) {
      sink.write(
          state.account(), state.region(), version.functionName(), FunctionLogs.groupName(version), stream, startedAt, clock.millis(), text);
    }
  }

  /** An X-Ray trace header, as Lambda passes one to every invocation. */
  private String traceId() {
    String epoch = Long.toHexString(clock.millis() / 1000);
    String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 8)
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 16);
    return "Root=1-" + epoch + "-" + random + ";Parent=" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
        + ";Sampled=0;Lineage=1:" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ":0";
  }
}
