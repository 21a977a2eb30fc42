package dev.fogbank.lambda.runtime;

import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.time.Clock;
import dev.fogbank.lambda.function.FunctionVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Another way to run execution environments, found with {@link java.util.ServiceLoader} (the
 * {@code docker} module's container executor): consulted for {@code PackageType: Image} functions,
 * and for zip functions when it says it takes them (e.g. {@code lambda.executor=docker}).
 */
public interface EnvironmentExecutor {

  /** Whether this executor runs {@code version}'s environments under {@code config}. */
  boolean runs(FunctionVersion version, EmulatorConfig config);

  /** Starts an environment; {@code launcher} runs a process that speaks the Runtime API. */
  ExecutionEnvironment start(Request request, Launcher launcher);

  /**
   * What an environment is made of, as Fogbank laid it out on this machine: the unpacked code, the
   * layers ({@code /opt}, null when none), a private temporary folder, and the variables Lambda
   * sets, with host paths in them.
   */
  record Request(
      FunctionVersion version, Path code, Path opt, Path tmp, Map<String, String> environment, Clock clock, EmulatorConfig config) {}

  /**
   * Starts a process whose runtime polls the Runtime API at {@code AWS_LAMBDA_RUNTIME_API} (set in
   * its environment, with the log marker variable); {@code marks} says whether the runtime ends
   * each invocation's output with that marker, as Fogbank's bootstraps do.
   */
  @FunctionalInterface
  interface Launcher {
    ExecutionEnvironment launch(List<String> command, Map<String, String> environment, Path workDir, boolean marks);
  }

  /** The variable naming the log marker a Fogbank bootstrap prints after each invocation. */
  String LOG_MARKER_VARIABLE = ProcessEnvironment.MARKER_VARIABLE;
}
