package dev.fogbank.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code lambda-invoke} (and {@code lambda-invoke-node}, {@code lambda-invoke-java}): one function
 * whose handler returns its event ({@link EchoFunction}: Python by default; the package is built
 * by the driver). A cycle is one synchronous Invoke (RequestResponse) of a small JSON event; an
 * answer other than the event itself, or one with a FunctionError, counts as an error. One op per
 * cycle; the warm-up lets every worker's execution environment start before the window.
 *
 * <p>Cold start: before the workers start, the driver creates {@value #COLD_FUNCTIONS} more
 * functions with the same code and times each one's first Invoke (which has to start a new
 * environment: a {@code python3} or {@code node} process, or a class loader or JVM for Java,
 * and the handler's init), adding {@code cold_start_ms}
 * (the median) and {@code cold_starts_ms} (each) to the report.
 */
final class LambdaInvoke implements Workload {

  static final int COLD_FUNCTIONS = 3;
  private final EchoFunction echo;
  private LambdaClient lambda;
  private final List<String> functions = new ArrayList<>();
  private String function;
  private double[] coldStartsMs = new double[0];

  LambdaInvoke(EchoFunction echo) {
    this.echo = echo;
  }

  @Override
  public void setUp(BenchClients clients, DriverOptions options) {
    lambda = clients.lambda();
    function = create("bench-echo-" + BenchQueues.RUN);
    coldStartsMs = new double[COLD_FUNCTIONS];
    for (int i = 0; i < COLD_FUNCTIONS; i++) {
      String cold = create("bench-cold-" + BenchQueues.RUN + "-" + i);
      SdkBytes event = SdkBytes.fromUtf8String("{\"cold\":" + i + "}");
      long start = System.nanoTime();
      InvokeResponse first = lambda.invoke(b -> b.functionName(cold).payload(event));
      coldStartsMs[i] = (System.nanoTime() - start) / 1e6;
      if (first.functionError() != null) {
        throw new IllegalStateException("cold invoke of " + cold + " failed: " + first.payload().asUtf8String());
      }
    }
  }

  private String create(String name) {
    functions.add(name); // deleted at tear-down even if it never became Active
    echo.create(lambda, name, 128);
    return name;
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    return new Worker() {
      private long n;

      @Override
      public void cycle(OpTimer timer) {
        String event = "{\"worker\":" + index + ",\"n\":" + n++ + "}";
        SdkBytes payload = SdkBytes.fromUtf8String(event);
        long start = System.nanoTime();
        InvokeResponse answer = timer.call(() -> lambda.invoke(b -> b.functionName(function).payload(payload)));
        if (!EchoFunction.echoes(event, answer)) {
          timer.failedEntries(start);
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void finish(ObjectNode line, DriverOptions options, double serverCpuSeconds) {
    double[] sorted = coldStartsMs.clone();
    Arrays.sort(sorted);
    line.put("cold_start_ms", sorted.length == 0 ? 0 : LoadDriver.round(sorted[sorted.length / 2], 1));
    var each = line.putArray("cold_starts_ms");
    for (double ms : coldStartsMs) {
      each.add(LoadDriver.round(ms, 1));
    }
  }

  @Override
  public void tearDown() {
    for (String name : functions) {
      try {
        lambda.deleteFunction(b -> b.functionName(name));
      } catch (SdkException e) {
        System.err.println("could not delete function " + name + ": " + e.getMessage());
      }
    }
  }
}
