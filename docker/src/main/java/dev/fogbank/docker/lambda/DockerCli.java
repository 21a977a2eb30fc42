package dev.fogbank.docker.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command line, which Fogbank drives rather than the engine's HTTP API: it
 * already knows how to find the engine ({@code DOCKER_HOST}, contexts, TLS), and {@code docker
 * run} in the foreground carries the container's output on its own.
 */
final class DockerCli {

  /** The variables the CLI itself reads to find and talk to the engine. */
  static final List<String> CLIENT_VARIABLES =
      List.of("HOME", "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "XDG_RUNTIME_DIR");

  private final String executable;

  DockerCli(String executable) {
    this.executable = executable;
  }

  /** {@code docker} as named by a setting, else the first on the {@code PATH}. */
  static DockerCli find(String configured) {
    if (configured != null && !configured.isBlank()) {
      return new DockerCli(configured);
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "docker");
      if (Files.isExecutable(candidate)) {
        return new DockerCli(candidate.toString());
      }
    }
    return new DockerCli("docker");
  }

  String executable() {
    return executable;
  }

  /** What runs the CLI needs from Fogbank's own environment. */
  static void clientEnvironment(Map<String, String> into) {
    for (String name : CLIENT_VARIABLES) {
      String value = System.getenv(name);
      if (value != null) {
        into.put(name, value);
      }
    }
  }

  /** The result of a short command: exit status and what it printed. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code docker <args>} to completion (at most {@code timeoutSeconds}). */
  Result run(long timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    try {
      Process process = pb.start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "docker " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  /** Null when an engine answers, else why not. */
  String unreachableReason() {
    Result version = run(10, "version", "--format", "{{.Server.Version}}");
    if (version.ok() && !version.output().isBlank()) {
      return null;
    }
    String host = System.getenv("DOCKER_HOST");
    return "no Docker engine answers at " + (host == null ? "unix:///var/run/docker.sock" : host) + " ("
        + (version.output().isBlank() ? "exit status " + version.exitCode() : lastLine(version.output())) + ")";
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1];
  }
}
