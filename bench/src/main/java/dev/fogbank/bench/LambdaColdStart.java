package dev.fogbank.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code lambda-cold-start} (and {@code lambda-cold-start-node}, {@code lambda-cold-start-java}):
 * every cycle creates a new echo function ({@link EchoFunction}), waits until it is Active, and
 * times its first Invoke, which must start a new execution environment (an interpreter process
 * and the handler's import for Python and Node; a class loader, or a JVM in child-JVM mode, for
 * Java); then deletes the function. Only the Invoke is an op, so {@code p50_ms} is the median cold
 * start as a client sees it (the SDK round trip included). Run it with {@code --concurrency 1}:
 * concurrent cold starts measure the machine's cores, not the start.
 */
final class LambdaColdStart implements Workload {

  private final EchoFunction echo;

  LambdaColdStart(EchoFunction echo) {
    this.echo = echo;
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    LambdaClient lambda = clients.lambda();
    return new Worker() {
      private long n;
      private boolean warned;

      @Override
      public void cycle(OpTimer timer) {
        String name = "bench-cold-" + BenchQueues.RUN + "-" + index + "-" + n++;
        try {
          echo.create(lambda, name, 512);
        } catch (RuntimeException e) {
          // Not an op: the setup of one failed, said once per run.
          if (!warned) {
            warned = true;
            System.err.println("could not create function " + name + ": " + e);
          }
          throw e;
        }
        try {
          String event = "{\"cold\":" + n + "}";
          SdkBytes payload = SdkBytes.fromUtf8String(event);
          long start = System.nanoTime();
          InvokeResponse answer = timer.call(() -> lambda.invoke(b -> b.functionName(name).payload(payload)));
          if (!EchoFunction.echoes(event, answer)) {
            timer.failedEntries(start);
          }
        } finally {
          try {
            lambda.deleteFunction(b -> b.functionName(name));
          } catch (SdkException e) {
            System.err.println("could not delete function " + name + ": " + e.getMessage());
          }
        }
      }

      @Override
      public void close() {}
    };
  }
}
