package dev.fogbank.lambda.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An execution environment that is a local process: Fogbank's own bootstrap for {@code python3.*}
 * and {@code nodejs*}, or the function's {@code bootstrap} for {@code provided.*}, talking to a
 * Runtime API of its own. stdout and stderr go to the function's log; the bootstrap ends each
 * invocation's output with a marker line carrying a token only this environment knows, so the log
 * of an invocation is complete when its answer arrives. A runtime that prints no marker (the
 * function's own bootstrap) completes each invocation with its answer.
 */
final class ProcessEnvironment extends RuntimeProcess {

  private static final Logger log = LoggerFactory.getLogger(ProcessEnvironment.class);
  /** Environment variable carrying the end-of-invocation marker to Fogbank's bootstraps. */
  static final String MARKER_VARIABLE = "_FOGBANK_LOG_MARKER";

  private final String marker = "\u001eFOGBANK-END-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  /** Whether the runtime is one of Fogbank's bootstraps, which print the marker. */
  private final boolean marks;
  /** Guarded by the lock. */
  private final StringBuilder output = new StringBuilder();

  ProcessEnvironment(List<String> command, Map<String, String> environment, Path workDir, boolean marks) {
    this.marks = marks;
    Map<String, String> env = new java.util.LinkedHashMap<>(environment);
    env.put(MARKER_VARIABLE, marker);
    Process process = start(command, env, workDir, pb -> pb);
    Thread.ofVirtual().name("lambda-log").start(() -> readOutput(process));
  }

  private void readOutput(Process process) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lock) {
          if (line.startsWith(marker)) {
            if (pending != null) {
              pending.logComplete = true;
              complete(pending);
            }
          } else {
            output.append(line).append('\n');
          }
        }
      }
    } catch (IOException e) {
      log.debug("function output closed", e);
    }
  }

  @Override
  protected void answered(Pending p) {
    p.logComplete |= !marks;
    if (p.logComplete) {
      complete(p);
    }
  }

  @Override
  protected String takeOutput() {
    String text = output.toString();
    output.setLength(0);
    return text;
  }
}
