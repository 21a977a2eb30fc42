package dev.fogbank.lambda.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * An execution environment with the log stream Lambda named for it: whichever executor runs it,
 * its output lands in the stream its {@code AWS_LAMBDA_LOG_STREAM_NAME} says.
 */
final class NamedEnvironment implements ExecutionEnvironment {

  private final ExecutionEnvironment environment;
  private final String logStreamName;

  NamedEnvironment(ExecutionEnvironment environment, String logStreamName) {
    this.environment = environment;
    this.logStreamName = logStreamName;
  }

  @Override
  public CompletableFuture<InvocationResult> submit(Invocation invocation) {
    return environment.submit(invocation);
  }

  @Override
  public CompletableFuture<Void> ready() {
    return environment.ready();
  }

  @Override
  public boolean alive() {
    return environment.alive();
  }

  @Override
  public double takeInitDuration() {
    return environment.takeInitDuration();
  }

  @Override
  public long maxMemoryUsedMb() {
    return environment.maxMemoryUsedMb();
  }

  @Override
  public String logStreamName() {
    String own = environment.logStreamName();
    return own != null ? own : logStreamName;
  }

  @Override
  public void close() {
    environment.close();
  }
}
