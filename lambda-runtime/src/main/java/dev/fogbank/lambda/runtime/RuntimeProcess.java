package dev.fogbank.lambda.runtime;

import dev.fogbank.core.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An execution environment that is a local process talking to a Runtime API of its own (its
 * loopback address in {@code AWS_LAMBDA_RUNTIME_API}): the invocation in flight and the answer the
 * runtime posts for it, init timing and init errors, the process's exit ({@code Runtime.ExitError}),
 * its peak memory, and its end.
 *
 * <p>Subclasses decide where the process's output goes and when an answered invocation's log is
 * complete, which is when the invocation completes: a marker line Fogbank's own bootstraps print,
 * or the runtime's next poll.
 */
abstract class RuntimeProcess implements ExecutionEnvironment, RuntimeApiServer.Listener {

  protected final RuntimeApiServer api;
  protected final Object lock = new Object();
  private final long startedNanos = System.nanoTime();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private Process process;
  private volatile double initMillis = -1;
  private boolean initReported;
  private volatile boolean dead;
  private byte[] initError;
  /** The invocation in flight; guarded by {@link #lock}. */
  protected Pending pending;

  /** The invocation in flight, the answer the runtime posted for it, and whether its log is complete. */
  protected static final class Pending {
    final Invocation invocation;
    final CompletableFuture<InvocationResult> future = new CompletableFuture<>();
    byte[] answer;
    boolean failed;
    boolean logComplete;

    Pending(Invocation invocation) {
      this.invocation = invocation;
    }
  }

  protected RuntimeProcess() {
    try {
      this.api = new RuntimeApiServer(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts the runtime with exactly {@code environment} (and its Runtime API's address), stdin
   * empty and stderr joined to stdout; {@code output} says where stdout goes.
   */
  protected final Process start(List<String> command, Map<String, String> environment, Path workDir, UnaryOperator<ProcessBuilder> output) {
    ProcessBuilder pb =
        output.apply(
            new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))));
    pb.environment().clear();
    pb.environment().putAll(environment);
    pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
    try {
      process = pb.start();
    } catch (IOException e) {
      api.close();
      throw new UncheckedIOException(e);
    }
    process.onExit().thenRun(this::exited);
    return process;
  }

  /** What the runtime wrote since the last invocation's log was taken; called holding the lock. */
  protected abstract String takeOutput();

  /** The runtime answered {@code p}; complete it here if its log is complete. Called holding the lock. */
  protected abstract void answered(Pending p);

  /** The runtime polled for its next event; called holding the lock. */
  protected void polled(Pending p) {}

  /** The process is gone after {@link #close()}: release what the subclass holds. */
  protected void ended() {}

  /** Completes {@code p} with its answer and the log taken now. */
  protected final void complete(Pending p) {
    if (p.answer != null && !p.future.isDone()) {
      p.future.complete(new InvocationResult(p.answer, p.failed, takeOutput(), false));
    }
  }

  private void exited() {
    dead = true;
    api.close();
    ready.completeExceptionally(new IllegalStateException("the runtime exited during init"));
    synchronized (lock) {
      Pending p = pending;
      if (p != null && !p.future.isDone()) {
        if (p.answer != null) {
          // It answered, then ended before its log was complete: the answer stands.
          complete(p);
        } else {
          byte[] doc = initError != null ? initError : ErrorDocuments.exited(p.invocation.requestId(), process.exitValue());
          p.future.complete(InvocationResult.failure(doc, takeOutput(), true));
        }
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
      if (process.waitFor(1, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 128 + 9; // a process that does not stop is killed: SIGKILL's status
  }

  /** The first poll ends init; a later one may end the invocation it answered. */
  @Override
  public void polling() {
    if (initMillis < 0) {
      initMillis = (System.nanoTime() - startedNanos) / 1e6;
    }
    ready.complete(null);
    synchronized (lock) {
      if (pending != null) {
        polled(pending);
      }
    }
  }

  @Override
  public CompletableFuture<Void> ready() {
    return ready;
  }

  @Override
  public boolean current(String requestId) {
    synchronized (lock) {
      return pending != null
          && pending.answer == null
          && !pending.future.isDone()
          && pending.invocation.requestId().equals(requestId);
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
    return ErrorDocuments.of(errorType == null ? "Runtime.Unknown" : errorType, new String(body, StandardCharsets.UTF_8));
  }

  private void answer(byte[] body, boolean failed) {
    synchronized (lock) {
      Pending p = pending;
      if (p == null || p.answer != null || p.future.isDone()) {
        return;
      }
      p.answer = body;
      p.failed = failed;
      answered(p);
    }
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
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
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
    process.onExit().thenRun(this::ended);
  }
}
