package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Scheduler;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What HTTP and WebSocket APIs call: Lambda functions (by ARN or by the {@code
 * arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations} form) through
 * the in-process client, each call bounded by the integration's timeout on the Scheduler's clock.
 */
public final class Integrations {

  /** The integration did not answer within its timeout. */
  public static final class Timeout extends RuntimeException {
    Timeout() {
      super("integration timeout", null, false, false);
    }
  }

  /** The function failed (an error result, or Lambda refused the call). */
  public static final class FunctionFailed extends RuntimeException {
    final int lambdaStatus;

    FunctionFailed(String message, int lambdaStatus) {
      super(message, null, false, false);
      this.lambdaStatus = lambdaStatus;
    }

    public int lambdaStatus() {
      return lambdaStatus;
    }
  }

  private final InProcessClient client;
  private final Scheduler scheduler;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public Integrations(InProcessClient client, Scheduler scheduler) {
    this.client = client;
    this.scheduler = scheduler;
  }

  public InProcessClient client() {
    return client;
  }

  /** The function ARN an integration or authorizer URI names. */
  public static String functionArn(String uri) {
    String marker = "/functions/";
    int at = uri.indexOf(marker);
    if (uri.startsWith("arn:aws:apigateway:") && at >= 0) {
      String rest = uri.substring(at + marker.length());
      int end = rest.indexOf("/invocations");
      return end < 0 ? rest : rest.substring(0, end);
    }
    return uri;
  }

  /** Invokes a function synchronously; the result payload. */
  public byte[] invokeLambda(String uri, String account, String region, ObjectNode event, int timeoutMillis) {
    String arn = functionArn(uri);
    String[] parts = arn.split(":");
    String fnAccount = parts.length > 4 && !parts[4].isEmpty() ? parts[4] : account;
    String fnRegion = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : region;
    ObjectNode input = Json.object();
    input.put("FunctionName", arn);
    input.put("InvocationType", "RequestResponse");
    input.put("Payload", Base64.getEncoder().encodeToString(Json.bytes(event)));
    JsonNode out =
        within(
            timeoutMillis,
            () -> {
              try {
                return client.call("lambda", "Invoke", fnAccount, fnRegion, input);
              } catch (AwsException e) {
                throw new FunctionFailed(e.code() + ": " + e.getMessage(), e.status());
              }
            });
    byte[] payload = out.hasNonNull("Payload") ? Base64.getDecoder().decode(out.path("Payload").asText()) : new byte[0];
    if (out.hasNonNull("FunctionError")) {
      throw new FunctionFailed(new String(payload, java.nio.charset.StandardCharsets.UTF_8), 200);
    }
    return payload;
  }

  /**
   * Runs work on a virtual thread and gives up after the timeout, as measured by the Scheduler. The
   * timer starts before the work does, so that the timeout counts from the call on any clock.
   */
  public <T> T within(int timeoutMillis, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Scheduler.Timer timer = scheduler.schedule(Duration.ofMillis(timeoutMillis), () -> result.completeExceptionally(new Timeout()));
    executor.execute(
        () -> {
          try {
            result.complete(work.get());
          } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    } finally {
      timer.cancel();
    }
  }

  public void close() {
    executor.shutdownNow();
  }
}
