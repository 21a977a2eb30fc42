package dev.fogbank.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.admin.AdminApi;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Init hooks as LocalStack runs them: the executable scripts in {@code <dir>/ready.d/} run once
 * Fogbank serves requests, {@code shutdown.d/} when it stops; in alphanumerical order, a folder's
 * own scripts before its subfolders; a failing script is logged and the rest still run. Each
 * stage's state is served at {@code GET /_localstack/init} and {@code /_localstack/init/<stage>}
 * in LocalStack's shape. The directories are {@code /etc/fogbank/init} and LocalStack's {@code
 * /etc/localstack/init} ({@code FOGBANK_INIT_DIRS}, colon-separated, replaces them).
 */
final class InitHooks {

  private static final Logger log = LoggerFactory.getLogger(InitHooks.class);

  enum Stage {
    BOOT,
    START,
    READY,
    SHUTDOWN
  }

  /** A script's state, as LocalStack names them. */
  enum State {
    UNKNOWN,
    RUNNING,
    SUCCESSFUL,
    ERROR
  }

  private static final class Script {
    final Stage stage;
    final Path path;
    volatile State state = State.UNKNOWN;

    Script(Stage stage, Path path) {
      this.stage = stage;
      this.path = path;
    }
  }

  private final Map<Stage, List<Script>> scripts = new EnumMap<>(Stage.class);
  private final Map<Stage, Boolean> completed = new EnumMap<>(Stage.class);
  private final Map<String, String> environment;

  InitHooks(List<Path> roots, Map<String, String> environment) {
    this.environment = environment;
    for (Stage stage : Stage.values()) {
      List<Script> found = new ArrayList<>();
      for (Path root : roots) {
        collect(stage, root.resolve(stage.name().toLowerCase(Locale.ROOT) + ".d"), found);
      }
      scripts.put(stage, found);
      completed.put(stage, false);
    }
    // Fogbank has no separate boot and start phases: by the time hooks are read, both are over.
    completed.put(Stage.BOOT, true);
    completed.put(Stage.START, true);
  }

  static List<Path> defaultRoots() {
    String dirs = System.getenv("FOGBANK_INIT_DIRS");
    if (dirs != null && !dirs.isBlank()) {
      return Stream.of(dirs.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
    return List.of(Path.of("/etc/fogbank/init"), Path.of("/etc/localstack/init"));
  }

  private static void collect(Stage stage, Path dir, List<Script> into) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.sorted().toList();
    } catch (IOException e) {
      log.warn("cannot read init folder {}: {}", dir, e.getMessage());
      return;
    }
    for (Path p : entries) {
      if (Files.isRegularFile(p)) {
        into.add(new Script(stage, p));
      }
    }
    for (Path p : entries) {
      if (Files.isDirectory(p)) {
        collect(stage, p, into);
      }
    }
  }

  /** Serves {@code /_localstack/init[/<stage>]} and the same under {@code /_fogbank/init}. */
  void register(AdminApi admin) {
    for (String prefix : List.of("/_localstack/init", "/_fogbank/init")) {
      admin.route("GET " + prefix, r -> json(200, all()));
      for (Stage stage : Stage.values()) {
        admin.route("GET " + prefix + "/" + stage.name().toLowerCase(Locale.ROOT), r -> json(200, stage(stage)));
      }
    }
  }

  boolean any() {
    return scripts.values().stream().anyMatch(l -> !l.isEmpty());
  }

  /** Runs a stage's scripts one after the other, logging each line they print. */
  void run(Stage stage) {
    try {
      for (Script script : scripts.get(stage)) {
        runOne(script);
      }
    } finally {
      synchronized (completed) {
        completed.put(stage, true);
      }
    }
  }

  private void runOne(Script script) {
    if (!Files.isExecutable(script.path)) {
      log.warn("init script {} is not executable; skipped (chmod +x it)", script.path);
      script.state = State.ERROR;
      return;
    }
    script.state = State.RUNNING;
    log.info("running {} script {}", script.stage, script.path);
    ProcessBuilder pb = new ProcessBuilder(script.path.toString()).redirectErrorStream(true);
    pb.directory(script.path.getParent().toFile());
    pb.environment().putAll(environment);
    try {
      Process process = pb.start();
      process.getOutputStream().close();
      String name = script.path.getFileName().toString();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          log.info("{}: {}", name, line);
        }
      }
      int code = process.waitFor();
      script.state = code == 0 ? State.SUCCESSFUL : State.ERROR;
      if (code != 0) {
        log.error("init script {} exited with status {}", script.path, code);
      }
    } catch (IOException e) {
      script.state = State.ERROR;
      log.error("init script {} could not run: {}", script.path, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      script.state = State.ERROR;
    }
  }

  ObjectNode all() {
    ObjectNode body = Json.object();
    ObjectNode done = body.putObject("completed");
    synchronized (completed) {
      completed.forEach((stage, c) -> done.put(stage.name(), c));
    }
    ArrayNode list = body.putArray("scripts");
    for (Stage stage : Stage.values()) {
      scripts.get(stage).forEach(s -> list.add(describe(s)));
    }
    return body;
  }

  ObjectNode stage(Stage stage) {
    ObjectNode body = Json.object();
    synchronized (completed) {
      body.put("completed", completed.get(stage));
    }
    ArrayNode list = body.putArray("scripts");
    scripts.get(stage).forEach(s -> list.add(describe(s)));
    return body;
  }

  private static ObjectNode describe(Script s) {
    ObjectNode node = Json.object();
    node.put("stage", s.stage.name());
    node.put("name", s.path.getFileName().toString());
    node.put("state", s.state.name());
    return node;
  }

  private static AwsResponse json(int status, ObjectNode body) {
    return AwsResponse.of(status, "application/json", Json.bytes(body));
  }
}
