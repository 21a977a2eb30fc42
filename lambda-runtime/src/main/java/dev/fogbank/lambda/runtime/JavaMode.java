package dev.fogbank.lambda.runtime;

import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.lambda.function.FunctionVersion;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code java*} functions run, chosen once for every Java function by the setting {@code
 * lambda.java-mode} (environment variable {@code FOGBANK_LAMBDA_JAVA_MODE}):
 *
 * <ul>
 *   <li>{@code in-process} (the default): the package in a class loader of its own inside
 *       Fogbank's JVM ({@link JavaEnvironment}); no JVM to start, so a cold start costs the class
 *       loading of the function and nothing more;
 *   <li>{@code process}: a child JVM per environment running the official runtime interface
 *       client ({@link RuntimeInterfaceClient}), the code that runs Java functions in Lambda, so
 *       handler resolution, POJO serialization, error documents and logging are Lambda's own.
 * </ul>
 */
public enum JavaMode {
  IN_PROCESS,
  PROCESS;

  /** The setting that picks the mode. */
  public static final String SETTING = "lambda.java-mode";

  /** The environment variable form of {@link #SETTING}, for {@code fogbank start} and containers. */
  public static final String VARIABLE = "FOGBANK_LAMBDA_JAVA_MODE";

  /** The mode {@code config} asks for; the setting wins over the environment variable. */
  public static JavaMode of(EmulatorConfig config) {
    return parse(config.setting(SETTING, System.getenv(VARIABLE)));
  }

  static JavaMode parse(String value) {
    if (value == null || value.isBlank()) {
      return IN_PROCESS;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "in-process", "inprocess" -> IN_PROCESS;
      case "process", "child-jvm", "jvm" -> PROCESS;
      default ->
          throw new IllegalArgumentException(
              "lambda.java-mode must be in-process or process, not " + value);
    };
  }

  /**
   * Starts a child-JVM environment for {@code version}; the caller starts in-process ones itself.
   *
   * @param root Fogbank's Lambda runtime directory, where the client's jars are unpacked
   */
  static ExecutionEnvironment startProcess(
      FunctionVersion version, Path root, Path code, Path opt, Map<String, String> env, EmulatorConfig config) {
    RuntimeInterfaceClient client = RuntimeInterfaceClient.in(root);
    return new RuntimeClientEnvironment(client.command(version, code, opt, config), env, code, root);
  }
}
