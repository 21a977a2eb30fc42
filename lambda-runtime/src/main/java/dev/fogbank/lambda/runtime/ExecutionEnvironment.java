package dev.fogbank.lambda.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * An isolated place where one version of a function runs, one request at a time: a subprocess
 * talking to its own Runtime API, or a class loader inside Fogbank's JVM. Started on demand,
 * reused while warm, discarded after a timeout, a crash or an init error.
 */
public interface ExecutionEnvironment extends AutoCloseable {

  /**
   * Hands the environment an invocation; the future completes with the function's answer. The
   * caller enforces the timeout and closes the environment when it expires.
   */
  CompletableFuture<InvocationResult> submit(Invocation invocation);

  /**
   * Completes when the init phase is over and the environment waits for its first invocation (a
   * provisioned environment is READY only then); fails if the environment dies during init.
   */
  default CompletableFuture<Void> ready() {
    return CompletableFuture.completedFuture(null);
  }

  /** Whether the environment can take another invocation. */
  boolean alive();

  /** Milliseconds the first invocation spent in init, reported once as {@code Init Duration}. */
  double takeInitDuration();

  /** The peak memory the environment has used so far, in MB, for the REPORT line. */
  long maxMemoryUsedMb();

  /**
   * The CloudWatch Logs stream this environment writes to ({@code AWS_LAMBDA_LOG_STREAM_NAME}),
   * or null when whoever started it named none.
   */
  default String logStreamName() {
    return null;
  }

  /** Ends the environment: kills its process or abandons its class loader. */
  @Override
  void close();
}
