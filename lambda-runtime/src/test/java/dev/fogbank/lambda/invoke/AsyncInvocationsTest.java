package dev.fogbank.lambda.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import dev.fogbank.lambda.function.CodePackage;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.metrics.LambdaMetrics;
import dev.fogbank.lambda.runtime.EnvironmentFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous queue driven directly, without HTTP, on a virtual clock: when retries happen
 * and when an event is given up ("Error handling and automatic retries in Lambda", Developer Guide).
 */
class AsyncInvocationsTest {

  private final VirtualClock clock = VirtualClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final Scheduler scheduler = new Scheduler(clock);
  private final Path root = temp();
  private final LambdaMetrics metrics = new LambdaMetrics();
  private final Invoker invoker =
      new Invoker(clock, scheduler, new EnvironmentFactory(root, clock, EmulatorConfig.defaults()), metrics);
  private final Map<String, ObjectNode> configs = new ConcurrentHashMap<>();
  private final AsyncInvocations async =
      new AsyncInvocations(invoker, clock, scheduler, (fn, q) -> configs.get(fn.name()), new EventDestinations(null));
  private final LambdaState state = new LambdaState("000000000000", "us-east-1", 1000);

  private static Path temp() {
    try {
      return Files.createTempDirectory("fogbank-async-test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() {
    invoker.shutdown();
    scheduler.close();
  }

  private LambdaFunction failing(String name) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("app.py"));
      zip.write("def handler(e, c):\n    raise ValueError('no')\n".getBytes(StandardCharsets.UTF_8));
    }
    ObjectNode config = Json.object();
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + name;
    config.put("FunctionName", name);
    config.put("FunctionArn", arn);
    config.put("Runtime", "python3.12");
    config.put("Handler", "app.handler");
    config.put("Timeout", 3);
    config.put("MemorySize", 128);
    config.put("RevisionId", "r1");
    FunctionVersion version = new FunctionVersion("$LATEST", config, CodePackage.of(out.toByteArray(), root.resolve("code")), List.of());
    LambdaFunction fn = new LambdaFunction(name, arn, version);
    state.functions().put(name, fn);
    return fn;
  }

  private void submit(LambdaFunction fn) {
    async.submit(state, fn, fn.latest(), fn.arn(), null, "{}".getBytes(StandardCharsets.UTF_8), null, "req-1");
  }

  private LambdaMetrics.FunctionMetrics m(LambdaFunction fn) {
    return metrics.of("000000000000", "us-east-1", fn.name());
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting");
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** Advances, then waits until nothing the advance started is still running. */
  private void advance(LambdaFunction fn, Duration d) {
    scheduler.advance(d);
    await(() -> m(fn).get(LambdaMetrics.Count.AsyncEventsDropped) > 0 || running(fn) == 0);
  }

  private long running(LambdaFunction fn) {
    return Json.MAPPER.valueToTree(metrics.json(fn.name())).path("Functions").get(0).path("Metrics").path("AsyncQueue").path("Running").asLong();
  }

  @Test
  void functionErrorsAreRetriedAboutOneAndThreeMinutesLaterThenDropped() throws Exception {
    LambdaFunction fn = failing("fails");
    submit(fn);
    await(() -> m(fn).get(LambdaMetrics.Count.Invocations) == 1 && running(fn) == 0);
    // The first retry comes 54 to 60 s later (one minute less up to a tenth of jitter).
    advance(fn, Duration.ofSeconds(53));
    assertEquals(1, m(fn).get(LambdaMetrics.Count.Invocations));
    advance(fn, Duration.ofSeconds(7));
    assertEquals(2, m(fn).get(LambdaMetrics.Count.Invocations));
    // The second, 108 to 120 s after the first retry.
    advance(fn, Duration.ofSeconds(107));
    assertEquals(2, m(fn).get(LambdaMetrics.Count.Invocations));
    advance(fn, Duration.ofSeconds(13));
    assertEquals(3, m(fn).get(LambdaMetrics.Count.Invocations));
    assertEquals(3, m(fn).get(LambdaMetrics.Count.Errors));
    assertEquals(1, m(fn).get(LambdaMetrics.Count.AsyncEventsDropped));
    assertEquals(0, scheduler.pending(), "nothing left to retry");
  }

  @Test
  void maximumRetryAttemptsZeroDropsAfterTheFirstFailure() throws Exception {
    LambdaFunction fn = failing("once");
    configs.put(fn.name(), Json.object().put("MaximumRetryAttempts", 0));
    submit(fn);
    await(() -> m(fn).get(LambdaMetrics.Count.AsyncEventsDropped) == 1);
    assertEquals(1, m(fn).get(LambdaMetrics.Count.Invocations));
  }

  @Test
  void throttledEventsBackOffExponentiallyWithoutRunningAndExpireAtTheMaximumAge() throws Exception {
    LambdaFunction fn = failing("throttled");
    fn.reservedConcurrency(0);
    configs.put(fn.name(), Json.object().put("MaximumEventAgeInSeconds", 60));
    submit(fn);
    await(() -> m(fn).get(LambdaMetrics.Count.Throttles) == 1 && running(fn) == 0);
    for (int s = 0; s < 300 && m(fn).get(LambdaMetrics.Count.AsyncEventsDropped) == 0; s++) {
      advance(fn, Duration.ofSeconds(1));
    }
    // 1, 2, 4, 8, 16, 32, 64 s apart (less up to a tenth): six or seven retries fit in 60 s, and
    // the first that would run past it drops the event.
    long throttles = m(fn).get(LambdaMetrics.Count.Throttles);
    assertTrue(throttles >= 6 && throttles <= 8, "throttles: " + throttles);
    assertEquals(1, m(fn).get(LambdaMetrics.Count.AsyncEventsDropped));
    assertEquals(0, m(fn).get(LambdaMetrics.Count.Invocations));
    assertTrue(clock.millis() - Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() > 60_000, "not before the maximum age");
  }
}
