package dev.fogbank.lambda.runtime;

import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.time.Clock;
import dev.fogbank.lambda.LambdaErrors;
import dev.fogbank.lambda.function.CodePackage;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.function.LayerVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts execution environments for a function version: picks the runtime's executor, unpacks the
 * code and layers, makes the environment's own {@code /tmp}, and sets the variables Lambda sets
 * (the function's own plus {@code AWS_LAMBDA_FUNCTION_NAME}, {@code _HANDLER}, {@code
 * LAMBDA_TASK_ROOT}, credentials and an endpoint pointing back at Fogbank, …).
 *
 * <p>Settings: {@code lambda.python} (default {@code python3}) and {@code lambda.node} (default
 * {@code node}) name the interpreters; {@code lambda.java-mode} picks how Java functions run
 * ({@link JavaMode}).
 */
public final class EnvironmentFactory {

  private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final Path root;
  private final Clock clock;
  private final String python;
  private final String node;
  private final Map<String, Path> optDirs = new ConcurrentHashMap<>();
  private volatile Path bootstrapDir;
  private final EmulatorConfig config;
  private static final List<EnvironmentExecutor> EXECUTORS =
      java.util.ServiceLoader.load(EnvironmentExecutor.class, EnvironmentFactory.class.getClassLoader()).stream()
          .map(java.util.ServiceLoader.Provider::get)
          .toList();

  public EnvironmentFactory(Path root, Clock clock, EmulatorConfig config) {
    this.root = root;
    this.clock = clock;
    this.python = config.setting("lambda.python", "python3");
    this.node = config.setting("lambda.node", "node");
    PythonInterpreter.of(python);
    this.config = config;
  }

  /** Whether Fogbank can run functions of this runtime without Docker. */
  public static boolean supports(String runtime) {
    return runtime != null
        && (runtime.startsWith("python3")
            || runtime.startsWith("nodejs")
            || runtime.startsWith("java")
            || runtime.startsWith("provided"));
  }

  /**
   * Starts an environment; {@code endpoint} is where the function's own SDK calls should go
   * (Fogbank, as the caller reached it).
   */
  public ExecutionEnvironment start(FunctionVersion version, String region, String account, String endpoint) {
    String runtime = version.runtime();
    // An image function brings its code in its image.
    Path code = version.code() == null ? null : version.code().directory();
    Path opt = opt(version);
    Path tmp;
    try {
      Files.createDirectories(root.resolve("tmp"));
      tmp = Files.createTempDirectory(root.resolve("tmp"), "env");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = environment(version, region, account, endpoint, code, opt, tmp);
    return new NamedEnvironment(launch(version, runtime, code, opt, tmp, env), env.get("AWS_LAMBDA_LOG_STREAM_NAME"));
  }

  private ExecutionEnvironment launch(
      FunctionVersion version, String runtime, Path code, Path opt, Path tmp, Map<String, String> env) {
    for (EnvironmentExecutor executor : EXECUTORS) {
      if (executor.runs(version, config)) {
        return executor.start(
            new EnvironmentExecutor.Request(version, code, opt, tmp, env, clock, config),
            (cmd, vars, dir, marks) -> new ProcessEnvironment(cmd, vars, dir, marks));
      }
    }
    if (runtime == null) {
      // An image function, and no executor that runs images.
      throw new IllegalStateException(
          "Fogbank runs container image functions only in Docker: image functions need FOGBANK_LAMBDA_EXECUTOR=docker"
              + " (or lambda.executor=docker) and a Docker engine, with the docker module on the class path.");
    }
    if (runtime.startsWith("java")) {
      if (JavaMode.of(config) == JavaMode.PROCESS) {
        return JavaMode.startProcess(version, root, code, opt, env, config);
      }
      return new JavaEnvironment(version.functionName(), version.handler(), code, opt, env, clock);
    }
    List<String> command;
    boolean ours = true;
    if (runtime.startsWith("python3")) {
      command = PythonInterpreter.of(python).join().command(bootstrap("bootstrap.py").toString(), env);
    } else if (runtime.startsWith("nodejs")) {
      command = List.of(node, bootstrap("bootstrap.mjs").toString());
      env.put("NODE_PATH", nodePath(code, opt));
    } else if (runtime.startsWith("provided")) {
      Path bootstrap = code.resolve("bootstrap");
      if (!Files.isRegularFile(bootstrap) && opt != null && Files.isRegularFile(opt.resolve("bootstrap"))) {
        bootstrap = opt.resolve("bootstrap");
      }
      command = List.of(bootstrap.toString());
      ours = false;
    } else {
      throw LambdaErrors.invalidParameter("The runtime parameter of " + runtime + " is not supported by Fogbank without Docker.");
    }
    return new ProcessEnvironment(command, env, code, ours);
  }

  /** Lambda's stream name for a new environment: {@code YYYY/MM/DD/[<version>]<32 hex digits>}. */
  public static String logStreamName(Clock clock, String version) {
    return STREAM_DATE.format(clock.now()) + "/[" + version + "]" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  private Map<String, String> environment(
      FunctionVersion version, String region, String account, String endpoint, Path code, Path opt, Path tmp) {
    Map<String, String> env = new LinkedHashMap<>();
    String path = System.getenv("PATH");
    env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("TMPDIR", tmp.toString());
    env.put("HOME", tmp.toString());
    env.put("PYTHONUNBUFFERED", "1");
    env.putAll(version.variables());
    String name = version.functionName();
    String v = version.version();
    env.put("_HANDLER", version.handler() == null ? "" : version.handler());
    if (version.runtime() != null) {
      env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + version.runtime());
    }
    env.put("AWS_LAMBDA_FUNCTION_NAME", name);
    env.put("AWS_LAMBDA_FUNCTION_VERSION", v);
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(version.memorySize()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", dev.fogbank.lambda.logs.FunctionLogs.groupName(version));
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName(clock, v));
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("LAMBDA_TASK_ROOT", code == null ? "/var/task" : code.toString());
    env.put("LAMBDA_RUNTIME_DIR", root.toString());
    // The function's own SDK calls reach Fogbank, in this account.
    env.put("AWS_ACCESS_KEY_ID", account);
    env.put("AWS_SECRET_ACCESS_KEY", "fogbank");
    env.put("AWS_SESSION_TOKEN", "fogbank");
    if (endpoint != null) {
      env.put("AWS_ENDPOINT_URL", endpoint);
    }
    if (opt != null) {
      env.put("FOGBANK_LAMBDA_OPT", opt.toString());
    }
    return env;
  }

  private static String nodePath(Path code, Path opt) {
    StringBuilder sb = new StringBuilder();
    if (opt != null) {
      sb.append(opt.resolve("nodejs/node_modules")).append(':');
      sb.append(opt.resolve("nodejs/node20/node_modules")).append(':');
    }
    sb.append(code.resolve("node_modules"));
    return sb.toString();
  }

  /**
   * The function's {@code /opt}: its layers unpacked in order, later layers overwriting earlier
   * ones, once per version snapshot.
   */
  private Path opt(FunctionVersion version) {
    List<LayerVersion> layers = version.layers();
    if (layers == null || layers.isEmpty()) {
      return null;
    }
    String key = version.configuration().path("FunctionArn").asText() + "#" + version.revisionId();
    return optDirs.computeIfAbsent(
        key,
        k -> {
          try {
            Files.createDirectories(root.resolve("opt"));
            Path dir = Files.createTempDirectory(root.resolve("opt"), "opt");
            for (LayerVersion layer : layers) {
              CodePackage.unzipInto(layer.content().zip(), dir);
            }
            return dir;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private Path bootstrap(String name) {
    Path dir = bootstrapDir;
    if (dir == null) {
      synchronized (this) {
        if (bootstrapDir == null) {
          try {
            Path d = Files.createDirectories(root.resolve("runtime"));
            for (String file : List.of("bootstrap.py", "bootstrap.mjs")) {
              try (InputStream in = EnvironmentFactory.class.getResourceAsStream(file)) {
                Files.copy(in, d.resolve(file), StandardCopyOption.REPLACE_EXISTING);
              }
            }
            bootstrapDir = d;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        dir = bootstrapDir;
      }
    }
    return dir.resolve(name);
  }
}
