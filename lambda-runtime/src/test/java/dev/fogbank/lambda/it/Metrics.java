package dev.fogbank.lambda.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Reads {@code GET /_fogbank/lambda/metrics} and waits for what runs on its own threads (an
 * asynchronous attempt, a poller) to reach a state, so that a test moves virtual time only once
 * the work due so far is done.
 */
final class Metrics {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A bound on waiting for work already due: far above what any step takes. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final FogbankExtension fogbank;

  Metrics(FogbankExtension fogbank) {
    this.fogbank = fogbank;
  }

  /** One function's metrics object. */
  JsonNode of(String function) {
    URI uri = fogbank.endpoint().resolve("/_fogbank/lambda/metrics?FunctionName=" + function);
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      JsonNode functions = JSON.readTree(r.body()).path("Functions");
      return functions.isEmpty() ? JSON.createObjectNode() : functions.get(0).path("Metrics");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  long count(String function, String metric) {
    return of(function).path(metric).asLong();
  }

  /** Waits until no asynchronous attempt of the function is running. */
  void settled(String function) {
    await(() -> of(function).path("AsyncQueue").path("Running").asLong() == 0, function + " still running");
  }

  /** Advances virtual time, then waits for the attempts it started to finish. */
  void advance(String function, Duration d) {
    fogbank.advance(d);
    settled(function);
  }

  /**
   * Advances virtual time a step at a time until the condition holds: for retries whose timers are
   * set by a poller's own thread, when the test cannot know the moment the timer is set.
   */
  void advanceUntil(Duration step, BooleanSupplier condition, String what) {
    await(
        () -> {
          if (condition.getAsBoolean()) {
            return true;
          }
          fogbank.advance(step);
          return false;
        },
        what);
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting: " + what);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }
}
