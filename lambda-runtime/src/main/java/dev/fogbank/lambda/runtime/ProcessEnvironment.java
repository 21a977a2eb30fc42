package dev.fogbank.lambda.runtime;

import dev.fogbank.core.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An execution environment that is a local process: Fogbank's own bootstrap for {@code python3.*}
 * and {@code nodejs*}, or the function's {@code bootstrap} for {@code provided.*}, talking to a
 * Runtime API of its own. stdout and stderr go to the function's log; the bootstrap ends each
 * invocation's output with a marker line carrying a token only this environment knows, so the log
 * of an invocation is complete when its answer arrives.
 */
final class ProcessEnvironment implements ExecutionEnvironment, RuntimeApiServer.Listener {

  private static final Logger log = LoggerFactory.getLogger(ProcessEnvironment.class);
  /** Environment variable carrying the end-of-invocation marker to Fogbank's bootstraps. */
  static final String MARKER_VARIABLE = "_FOGBANK_LOG_MARKER";

  private final RuntimeApiServer api;
  private final Process process;
  private final String marker;
  /** Whether the runtime is one of Fogbank's bootstraps, which print the marker. */
  private final boolean marks;
  private final long startedNanos = System.nanoTime();
  private final Object lock = new Object();
  private final StringBuilder output = new StringBuilder();
  private volatile double initMillis = -1;
  private boolean initReported;
  private volatile boolean dead;
  private Pending pending;
  private byte[] initError;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  /** The invocation in flight: its answer, and whether its log marker has been read. */
  private static final class Pending {
    final Invocation invocation;
    final CompletableFuture<InvocationResult> future = new CompletableFuture<>();
    byte[] answer;
    boolean failed;
    boolean markerSeen;

    Pending(Invocation invocation) {
      this.invocation = invocation;
    }
  }

  ProcessEnvironment(List<String> command, Map<String, String> environment, Path workDir, boolean marks) {
    this.marks = marks;
    this.marker = "\u001eFOGBANK-END-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    try {
      this.api = new RuntimeApiServer(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(environment);
    pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
    pb.environment().put(MARKER_VARIABLE, marker);
    try {
      this.process = pb.start();
    } catch (IOException e) {
      api.close();
      throw new UncheckedIOException(e);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // the runtime reads nothing from stdin
    }
    Thread.ofVirtual().name("lambda-log").start(this::readOutput);
    process.onExit().thenRun(this::exited);
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lock) {
          if (line.startsWith(marker)) {
            if (pending != null) {
              pending.markerSeen = true;
              maybeComplete();
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

  private void exited() {
    dead = true;
    api.close();
    ready.completeExceptionally(new IllegalStateException("the runtime exited during init"));
    synchronized (lock) {
      if (pending != null && !pending.future.isDone()) {
        byte[] doc =
            initError != null
                ? initError
                : ErrorDocuments.exited(pending.invocation.requestId(), process.exitValue());
        pending.future.complete(InvocationResult.failure(doc, takeOutput(), true));
      }
    }
  }

  @Override
  public CompletableFuture<InvocationResult> submit(Invocation invocation) {
    Pending p = new Pending(invocation);
    synchronized (lock) {
      pending = p;
      if (dead) {
        byte[] doc = initError != null ? initError : ErrorDocuments.exited(invocation.requestId(), exitStatus());
        p.future.complete(InvocationResult.failure(doc, takeOutput(), true));
        return p.future;
      }
    }
    Thread.ofVirtual()
        .name("lambda-dispatch")
        .start(
            () -> {
              try {
                while (!dead && !p.future.isDone() && !api.offer(invocation, 50)) {
                  // the runtime is still initialising or has not polled yet
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    return p.future;
  }

  /** The status the runtime process ended with; one still being stopped is waited for briefly. */
  private int exitStatus() {
    try {
      if (process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 128 + 9; // a process that does not stop is killed: SIGKILL's status
  }

  @Override
  public void polling() {
    if (initMillis < 0) {
      initMillis = (System.nanoTime() - startedNanos) / 1e6;
    }
    ready.complete(null);
  }

  @Override
  public CompletableFuture<Void> ready() {
    return ready;
  }

  @Override
  public boolean current(String requestId) {
    synchronized (lock) {
      return pending != null && !pending.future.isDone() && pending.invocation.requestId().equals(requestId);
    }
  }

  @Override
  public void response(String requestId, byte[] body) {
    answer(body, false);
  }

  @Override
  public void error(String requestId, byte[] body, String errorType) {
    answer(errorBody(body, errorType), true);
  }

  @Override
  public void initError(byte[] body, String errorType) {
    synchronized (lock) {
      initError = errorBody(body, errorType);
    }
  }

  /** An error body that is not a JSON document still reaches the caller as Lambda's shape. */
  private static byte[] errorBody(byte[] body, String errorType) {
    try {
      if (body.length > 0 && Json.parse(body).isObject()) {
        return body;
      }
    } catch (IOException e) {
      // not JSON: wrapped below
    }
    return ErrorDocuments.of(
        errorType == null ? "Runtime.Unknown" : errorType, new String(body, StandardCharsets.UTF_8));
  }

  private void answer(byte[] body, boolean failed) {
    synchronized (lock) {
      if (pending == null || pending.future.isDone()) {
        return;
      }
      pending.answer = body;
      pending.failed = failed;
      pending.markerSeen |= !marks;
      maybeComplete();
    }
  }

  /** Completes the pending invocation once both its answer and its log marker are in. */
  private void maybeComplete() {
    Pending p = pending;
    if (p.answer != null && p.markerSeen && !p.future.isDone()) {
      p.future.complete(new InvocationResult(p.answer, p.failed, takeOutput(), false));
    }
  }

  private String takeOutput() {
    String text = output.toString();
    output.setLength(0);
    return text;
  }

  @Override
  public boolean alive() {
    return !dead && process.isAlive();
  }

  @Override
  public double takeInitDuration() {
    synchronized (lock) {
      if (initReported || initMillis < 0) {
        return -1;
      }
      initReported = true;
      return initMillis;
    }
  }

  /** The process's peak resident set ({@code VmHWM} in {@code /proc/<pid>/status}). */
  @Override
  public long maxMemoryUsedMb() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone: nothing measured
    }
    return 0;
  }

  @Override
  public void close() {
    dead = true;
    ready.completeExceptionally(new IllegalStateException("the environment was closed"));
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    api.close();
  }
}
