package dev.fogbank.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * {@code lambda-burst}: one {@code java21} function that sleeps 100 ms and answers its event,
 * reserved concurrency unset. A cycle fires {@value #BURST} synchronous (RequestResponse) Invokes
 * at once through one SDK async client (Netty, {@value #BURST} connections) and waits for every
 * answer: the op is the whole burst, so {@code p50_ms} is the wall time of {@value #BURST}
 * concurrent invocations; a burst with any failed invoke (throttled, function error, wrong answer)
 * is an error. Run it with {@code --concurrency 1}. Before the window the driver fires one burst
 * that starts the {@value #BURST} execution environments, reported as {@code cold_burst_ms} and
 * {@code cold_burst_failures}; the measured bursts reuse them warm.
 */
final class LambdaBurst implements Workload {

  static final int BURST = 1000;
  static final String SOURCE =
      """
      package bench;

      import java.io.*;

      public class Nap {
        public void handleRequest(InputStream in, OutputStream out) throws Exception {
          Thread.sleep(100);
          in.transferTo(out);
        }
      }
      """;

  private LambdaClient lambda;
  private LambdaAsyncClient async;
  private String function;
  private double coldBurstMs;
  private int coldBurstFailures;

  @Override
  public void setUp(BenchClients clients, DriverOptions options) {
    lambda = clients.lambda();
    async = clients.lambdaAsync(BURST);
    function = "bench-burst-" + BenchQueues.RUN;
    BenchFunctions.create(
        lambda, function, Runtime.JAVA21, "bench.Nap::handleRequest", 128,
        SdkBytes.fromByteArray(BenchFunctions.javaZip("bench.Nap", SOURCE)));
    long start = System.nanoTime();
    coldBurstFailures = burst();
    coldBurstMs = (System.nanoTime() - start) / 1e6;
  }

  /** Fires {@value #BURST} invokes at once; answers how many failed. */
  private int burst() {
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<?>> calls = new ArrayList<>(BURST);
    for (int i = 0; i < BURST; i++) {
      String event = "{\"i\":" + i + "}";
      calls.add(
          async
              .invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(event)))
              .handle(
                  (r, e) -> {
                    if (e != null || r.functionError() != null || !event.equals(r.payload().asUtf8String())) {
                      if (failed.getAndIncrement() == 0) {
                        System.err.println("burst invoke failed: " + (e != null ? e : r.payload().asUtf8String()));
                      }
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    return failed.get();
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        long start = System.nanoTime();
        int failures = timer.call(LambdaBurst.this::burst);
        if (failures > 0) {
          timer.failedEntries(start);
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void finish(ObjectNode line, DriverOptions options, double serverCpuSeconds) {
    line.put("burst", BURST);
    line.put("cold_burst_ms", LoadDriver.round(coldBurstMs, 1));
    line.put("cold_burst_failures", coldBurstFailures);
  }

  @Override
  public void tearDown() {
    try {
      lambda.deleteFunction(b -> b.functionName(function));
    } catch (SdkException e) {
      System.err.println("could not delete function " + function + ": " + e.getMessage());
    }
  }
}
