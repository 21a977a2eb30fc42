package dev.fogbank.docker.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.runtime.EnvironmentExecutor;
import dev.fogbank.lambda.runtime.ExecutionEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Lambda execution environments in containers, laid out as the AWS base images are: the
 * function's code at {@code /var/task}, its layers at {@code /opt}, a private {@code /tmp}, and
 * {@code AWS_LAMBDA_RUNTIME_API} pointing at the Runtime API Fogbank serves for that environment
 * (the container shares the host's network, where that API listens on loopback).
 *
 * <p>Takes {@code PackageType: Image} functions, and zip functions when {@code lambda.executor=docker}
 * (or {@code FOGBANK_LAMBDA_EXECUTOR=docker}). A zip function's image is {@code
 * lambda.docker.image.<runtime>} if set, else the AWS base image for its runtime ({@code
 * public.ecr.aws/lambda/python:3.12} for {@code python3.12}). Warm containers are reused by the
 * Lambda engine as any environment is; one idle longer than {@code lambda.docker.idle-timeout}
 * (default {@code PT10M}, on Fogbank's clock) is removed at the next container start or
 * invocation, and every container still running is removed when Fogbank's JVM exits.
 *
 * <p>An image labelled {@code dev.fogbank.lambda.log-marker=true} runs Fogbank's own bootstrap,
 * which marks the end of each invocation's output; for others an invocation's log is what arrived
 * by the time its answer did.
 */
public final class DockerLambdaExecutor implements EnvironmentExecutor {

  private static final Logger log = LoggerFactory.getLogger(DockerLambdaExecutor.class);
  static final String LABEL_OWNER = "dev.fogbank.owner";
  static final String LABEL_FUNCTION = "dev.fogbank.lambda.function";
  static final String MARKER_LABEL = "dev.fogbank.lambda.log-marker";

  /** Variables whose values are paths on this machine: the container gets its own. */
  private static final Set<String> HOST_PATHS =
      Set.of("PATH", "HOME", "TMPDIR", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "FOGBANK_LAMBDA_OPT", "LANG");

  private static final Set<DockerEnvironment> RUNNING = ConcurrentHashMap.newKeySet();
  private static volatile DockerCli shutdownCli;

  private final Map<String, Boolean> marks = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(DockerLambdaExecutor::removeAll));
  }

  @Override
  public boolean runs(FunctionVersion version, EmulatorConfig config) {
    if ("Image".equals(version.configuration().path("PackageType").asText())) {
      return true;
    }
    String executor = config.setting("lambda.executor", System.getenv("FOGBANK_LAMBDA_EXECUTOR"));
    return executor != null && executor.trim().toLowerCase(Locale.ROOT).equals("docker");
  }

  @Override
  public ExecutionEnvironment start(Request request, Launcher launcher) {
    EmulatorConfig config = request.config();
    long idleMillis = Duration.parse(config.setting("lambda.docker.idle-timeout", "PT10M")).toMillis();
    DockerCli docker = DockerCli.find(config.setting("lambda.docker.cli", null));
    shutdownCli = docker;
    reclaimIdle();
    String unreachable = docker.unreachableReason();
    if (unreachable != null) {
      // Lambda's answer when it cannot set up an execution environment.
      throw new AwsException(
          "ServiceException",
          "ServiceException",
          "Fogbank runs " + request.version().functionName() + " in a container, but " + unreachable
              + ". Start Docker, or run zip functions without it (unset lambda.executor / FOGBANK_LAMBDA_EXECUTOR).",
          500,
          false);
    }
    FunctionVersion version = request.version();
    String image = image(version, config);
    boolean fogbankBootstrap = marks.computeIfAbsent(image, i -> marksLog(docker, i));
    String name = containerName(version.functionName());
    Path cidFile = request.tmp().resolveSibling(request.tmp().getFileName() + ".cid");

    List<String> command = new ArrayList<>();
    command.add(docker.executable());
    command.addAll(List.of("run", "--rm", "--name", name, "--cidfile", cidFile.toString()));
    command.addAll(List.of("--label", LABEL_OWNER + "=" + ProcessHandle.current().pid()));
    command.addAll(List.of("--label", LABEL_FUNCTION + "=" + version.functionName()));
    command.addAll(List.of("--network", config.setting("lambda.docker.network", "host")));
    if (request.code() != null) {
      command.addAll(List.of("-v", request.code().toAbsolutePath() + ":/var/task:ro"));
    }
    if (request.opt() != null) {
      command.addAll(List.of("-v", request.opt().toAbsolutePath() + ":/opt:ro"));
    }
    command.addAll(List.of("-v", request.tmp().toAbsolutePath() + ":/tmp"));

    // Values travel in the client's environment and are named with -e NAME, so that they are not
    // on a command line; the Runtime API address and the log marker are added by the launcher.
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : request.environment().entrySet()) {
      if (!HOST_PATHS.contains(e.getKey())) {
        env.put(e.getKey(), e.getValue());
      }
    }
    env.put("LAMBDA_TASK_ROOT", "/var/task");
    env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
    env.put("TMPDIR", "/tmp");
    env.put("LANG", "C.UTF-8");
    if (request.opt() != null) {
      env.put("FOGBANK_LAMBDA_OPT", "/opt");
    }
    for (String n : env.keySet()) {
      command.addAll(List.of("-e", n));
    }
    command.addAll(List.of("-e", "AWS_LAMBDA_RUNTIME_API", "-e", EnvironmentExecutor.LOG_MARKER_VARIABLE));
    JsonNode imageConfig = version.configuration().path("ImageConfigResponse").path("ImageConfig");
    if (imageConfig.path("EntryPoint").isArray() && !imageConfig.path("EntryPoint").isEmpty()) {
      command.addAll(List.of("--entrypoint", imageConfig.path("EntryPoint").get(0).asText()));
    }
    if (imageConfig.hasNonNull("WorkingDirectory")) {
      command.addAll(List.of("-w", imageConfig.path("WorkingDirectory").asText()));
    }
    command.add(image);
    if (imageConfig.path("EntryPoint").size() > 1) {
      for (int i = 1; i < imageConfig.path("EntryPoint").size(); i++) {
        command.add(imageConfig.path("EntryPoint").get(i).asText());
      }
    }
    if (imageConfig.path("Command").isArray() && !imageConfig.path("Command").isEmpty()) {
      imageConfig.path("Command").forEach(a -> command.add(a.asText()));
    } else if (version.handler() != null) {
      // The AWS base images take the handler as the command.
      command.add(version.handler());
    }
    DockerCli.clientEnvironment(env);
    ExecutionEnvironment process =
        launcher.launch(command, env, request.code() != null ? request.code() : request.tmp(), fogbankBootstrap);
    DockerEnvironment environment = new DockerEnvironment(process, name, cidFile, this, request.clock(), idleMillis);
    RUNNING.add(environment);
    log.debug("started container {} ({}) for {}", name, image, version.functionName());
    return environment;
  }

  /** The image a version runs in: its own for an image function, else its runtime's. */
  static String image(FunctionVersion version, EmulatorConfig config) {
    JsonNode c = version.configuration();
    if ("Image".equals(c.path("PackageType").asText())) {
      String uri = c.path("ImageUri").asText(c.path("Code").path("ImageUri").asText(""));
      if (uri.isEmpty()) {
        throw new AwsException("InvalidParameterValueException", "InvalidParameterValueException", "The function has no ImageUri.", 400, true);
      }
      return uri;
    }
    String runtime = version.runtime();
    String configured = config.setting("lambda.docker.image." + runtime, null);
    return configured != null ? configured : awsBaseImage(runtime);
  }

  /** The AWS base image for a managed runtime, e.g. {@code python3.12} → {@code python:3.12}. */
  static String awsBaseImage(String runtime) {
    String repo = "public.ecr.aws/lambda/";
    if (runtime.startsWith("python")) {
      return repo + "python:" + runtime.substring("python".length());
    }
    if (runtime.startsWith("nodejs")) {
      return repo + "nodejs:" + runtime.substring("nodejs".length()).replace(".x", "");
    }
    if (runtime.startsWith("java")) {
      return repo + "java:" + runtime.substring("java".length());
    }
    if (runtime.startsWith("provided")) {
      return repo + "provided:" + (runtime.contains(".") ? runtime.substring(runtime.indexOf('.') + 1) : "alami");
    }
    if (runtime.startsWith("ruby")) {
      return repo + "ruby:" + runtime.substring("ruby".length());
    }
    if (runtime.startsWith("dotnet")) {
      return repo + "dotnet:" + runtime.substring("dotnet".length());
    }
    throw new AwsException(
        "InvalidParameterValueException", "InvalidParameterValueException", "The runtime parameter of " + runtime + " is not supported.", 400, true);
  }

  private static boolean marksLog(DockerCli docker, String image) {
    DockerCli.Result r = docker.run(10, "image", "inspect", "--format", "{{index .Config.Labels \"" + MARKER_LABEL + "\"}}", image);
    return r.ok() && r.output().trim().equals("true");
  }

  private static String containerName(String function) {
    String safe = function.replaceAll("[^a-zA-Z0-9_.-]", "-");
    return "fogbank-lambda-" + safe + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** Closes containers that have waited for work longer than their idle timeout. */
  void reclaimIdle() {
    for (DockerEnvironment env : RUNNING) {
      if (env.idleTooLong()) {
        log.debug("removing idle container {}", env.name());
        env.close();
      }
    }
  }

  void remove(DockerEnvironment env) {
    RUNNING.remove(env);
    DockerCli docker = shutdownCli;
    if (docker != null) {
      docker.run(30, "rm", "-f", env.name());
    }
  }

  /** The containers this JVM started that are still there. */
  public static List<String> running() {
    return RUNNING.stream().map(DockerEnvironment::name).toList();
  }

  /** Removes every container this JVM started; runs when the JVM exits. */
  public static void removeAll() {
    for (DockerEnvironment env : List.copyOf(RUNNING)) {
      env.close();
    }
  }
}
