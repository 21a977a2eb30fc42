package dev.fogbank.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.fogbank.core.Emulator;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.Version;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.engine.ServiceRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fogbank start}: serves every selected service on one port until interrupted. Each flag
 * has a {@code FOGBANK_*} environment variable ({@code FOGBANK_SETTINGS=a=b,c=d} for {@code --set});
 * the flag wins.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Start Fogbank and serve until Ctrl-C.")
final class StartCommand implements Runnable {

  private static volatile boolean serving;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "${env:FOGBANK_PORT:-4566}", description = "Port to listen on (default: ${DEFAULT-VALUE}; env FOGBANK_PORT).")
  int port;

  @Option(names = "--host", defaultValue = "${env:FOGBANK_HOST:-0.0.0.0}", description = "Address to bind (default: ${DEFAULT-VALUE}; env FOGBANK_HOST).")
  String host;

  @Option(names = "--services", split = ",", defaultValue = "${env:FOGBANK_SERVICES}", description = "Services to run, comma-separated (default: all; env FOGBANK_SERVICES).")
  List<String> services;

  @Option(names = "--region", defaultValue = "${env:FOGBANK_REGION:-us-east-1}", description = "Region for requests that name none (default: ${DEFAULT-VALUE}; env FOGBANK_REGION).")
  String region;

  @Option(names = "--account", defaultValue = "${env:FOGBANK_ACCOUNT_ID:-000000000000}", description = "Account for access keys that are not a 12-digit account id (default: ${DEFAULT-VALUE}; env FOGBANK_ACCOUNT_ID).")
  String account;

  @Option(names = "--virtual-time", defaultValue = "${env:FOGBANK_VIRTUAL_TIME:-false}", description = "Run on a virtual clock that POST /_fogbank/clock can move (env FOGBANK_VIRTUAL_TIME).")
  boolean virtualTime;

  @Option(names = "--log-level", defaultValue = "${env:FOGBANK_LOG_LEVEL:-info}", description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}; env FOGBANK_LOG_LEVEL).")
  String logLevel;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A service setting, e.g. sqs.queue-url-style=domain (repeatable).")
  Map<String, String> settings = new TreeMap<>();

  static boolean isServing() {
    return serving;
  }

  @Override
  public void run() {
    applyLocalStackAliases();
    validate();
    setLogLevel(logLevel);
    EmulatorConfig config =
        EmulatorConfig.defaults()
            .withHost(host)
            .withPort(port)
            .withRegion(region)
            .withAccount(account)
            .withServices(services == null ? Set.of() : new LinkedHashSet<>(services))
            .withVirtualTime(virtualTime, false)
            .withSettings(settings);
    List<ServiceModule> available = ServiceRegistry.discover(EmulatorConfig.defaults());
    Set<String> known = available.stream().map(ServiceModule::name).collect(Collectors.toCollection(TreeSet::new));
    for (String s : config.services()) {
      if (!known.contains(s)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Unknown service '" + s + "' (available: " + String.join(",", known) + ")");
      }
    }
    List<ServiceModule> modules = available.stream().filter(m -> config.runs(m.name())).toList();
    Emulator emulator;
    try {
      emulator = Emulator.start(config, modules);
    } catch (RuntimeException e) {
      System.err.println("fogbank: cannot start on " + host + ":" + port + ": " + rootMessage(e));
      throw new CommandLine.ExecutionException(spec.commandLine(), rootMessage(e), e);
    }
    InitHooks hooks = new InitHooks(InitHooks.defaultRoots(), hookEnvironment(emulator.port(), region));
    hooks.register(emulator.admin());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .unstarted(
                    () -> {
                      hooks.run(InitHooks.Stage.SHUTDOWN);
                      emulator.close();
                      stopped.countDown();
                    }));
    serving = true;
    long startedMs = startupMillis();
    String names = modules.stream().map(ServiceModule::name).collect(Collectors.joining(","));
    System.out.println(
        "Fogbank "
            + Version.get()
            + " ready on http://localhost:"
            + emulator.port()
            + " in "
            + startedMs
            + " ms (services: "
            + names
            + (virtualTime ? "; virtual time" : "")
            + ")");
    System.out.flush();
    // Ready hooks run once requests are served; "Ready." follows them, as LocalStack's log does, so
    // whoever waits for that line (Testcontainers' LocalStackContainer) sees what they created.
    Thread.ofPlatform()
        .name("init-ready")
        .start(
            () -> {
              hooks.run(InitHooks.Stage.READY);
              System.out.println("Ready.");
              System.out.flush();
            });
  }

  /**
   * LocalStack's variables stand in for Fogbank's when neither the flag nor the {@code FOGBANK_*}
   * variable is given; see {@link LocalStackAliases}.
   */
  private void applyLocalStackAliases() {
    LocalStackAliases aliases = LocalStackAliases.fromSystem();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (services == null && !parsed.hasMatchedOption("--services")) {
      Set<String> known =
          ServiceRegistry.discover(EmulatorConfig.defaults()).stream()
              .map(ServiceModule::name)
              .collect(Collectors.toCollection(TreeSet::new));
      List<String> dropped = new java.util.ArrayList<>();
      List<String> wanted = aliases.services(known, dropped);
      if (wanted != null) {
        if (!dropped.isEmpty()) {
          LoggerFactory.getLogger(StartCommand.class).warn("SERVICES names services Fogbank does not serve: {}", dropped);
        }
        services = wanted.isEmpty() ? null : wanted;
      }
    }
    if (!parsed.hasMatchedOption("--region") && System.getenv("FOGBANK_REGION") == null && aliases.region() != null) {
      region = aliases.region();
    }
    if (!parsed.hasMatchedOption("--log-level") && System.getenv("FOGBANK_LOG_LEVEL") == null && aliases.logLevel() != null) {
      logLevel = aliases.logLevel();
    }
    if (!parsed.hasMatchedOption("--port") && System.getenv("FOGBANK_PORT") == null && aliases.port() != null) {
      port = aliases.port();
    }
    // FOGBANK_SETTINGS=name=value,name=value: what --set gives, for containers; --set wins.
    String more = System.getenv("FOGBANK_SETTINGS");
    if (more != null) {
      for (String pair : more.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          settings.putIfAbsent(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
    }
    String dataDir = System.getenv("FOGBANK_DATA_DIR");
    if (dataDir != null && !dataDir.isBlank()) {
      settings.putIfAbsent("s3.data-dir", java.nio.file.Path.of(dataDir, "s3").toString());
    }
    if (aliases.persistence()) {
      LoggerFactory.getLogger(StartCommand.class)
          .warn(
              "PERSISTENCE=1: Fogbank keeps resources in memory and does not restore them after a restart{}",
              dataDir == null ? "" : "; S3 object data is written under " + dataDir);
    }
  }

  /** What an init script needs to reach this Fogbank with the AWS CLI or an SDK. */
  private static Map<String, String> hookEnvironment(int port, String region) {
    Map<String, String> env = new TreeMap<>();
    env.put("AWS_ENDPOINT_URL", "http://localhost:" + port);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("AWS_REGION", region);
    if (System.getenv("AWS_ACCESS_KEY_ID") == null) {
      env.put("AWS_ACCESS_KEY_ID", "test");
      env.put("AWS_SECRET_ACCESS_KEY", "test");
    }
    return env;
  }

  private void validate() {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid --port " + port + ": must be 0-65535");
    }
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid --region '" + region + "'");
    }
    if (!account.matches("\\d{12}")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid --account '" + account + "': must be 12 digits");
    }
    if (Level.toLevel(logLevel, null) == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid --log-level '" + logLevel + "'");
    }
  }

  private static void setLogLevel(String level) {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.toLevel(level, Level.INFO));
    }
  }

  /**
   * Milliseconds since launch: {@code ./fogbank} passes the launch time ({@code
   * -Dfogbank.launched}); otherwise the process's start time (jiffy-precise, and cheaper than the
   * management beans, which load dozens of classes).
   */
  private static long startupMillis() {
    long now = System.currentTimeMillis();
    String launched = System.getProperty("fogbank.launched");
    if (launched != null && launched.matches("\\d{13}")) {
      return now - Long.parseLong(launched);
    }
    return ProcessHandle.current().info().startInstant().map(start -> now - start.toEpochMilli()).orElse(-1L);
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
