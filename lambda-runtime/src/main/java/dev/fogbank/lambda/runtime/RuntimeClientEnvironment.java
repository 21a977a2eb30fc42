package dev.fogbank.lambda.runtime;

import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An execution environment that is a child JVM running the official runtime interface client
 * against a Runtime API of its own.
 *
 * <p>The client cannot print Fogbank's end-of-invocation marker, so the end of an invocation is
 * what ends it in Lambda: the runtime's next {@code /next} call. The client writes its error line
 * (the {@code reportableError} of an uncaught exception) after it posts the error, and before it
 * polls again, so the invocation's log is complete only then. The child's stdout and stderr go to
 * a file rather than a pipe: everything the child wrote before it polled is in the file when the
 * poll arrives, so each invocation's log is exactly the bytes written since the previous one.
 */
final class RuntimeClientEnvironment implements ExecutionEnvironment, RuntimeApiServer.Listener {

  private final RuntimeApiServer api;
  private final Process process;
  private final Path outputFile;
  private final FileChannel output;
  private long outputRead;
  private final long startedNanos = System.nanoTime();
  private final Object lock = new Object();
  private volatile double initMillis = -1;
  private boolean initReported;
  private volatile boolean dead;
  private Pending pending;
  private byte[] initError;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  /** The invocation in flight and the answer the runtime posted for it, if any yet. */
  private static final class Pending {
    final Invocation invocation;
    final CompletableFuture<InvocationResult> future = new CompletableFuture<>();
    byte[] answer;
    boolean failed;

    Pending(Invocation invocation) {
      this.invocation = invocation;
    }
  }

  /**
   * @param root Fogbank's Lambda runtime directory; the child's output file lives under it, never
   *     in the function's own {@code /tmp}
   */
  RuntimeClientEnvironment(List<String> command, Map<String, String> environment, Path taskRoot, Path root) {
    try {
      Path dir = Files.createDirectories(root.resolve("output"));
      this.outputFile = Files.createTempFile(dir, "env", ".log");
      this.output = FileChannel.open(outputFile, StandardOpenOption.READ);
      this.api = new RuntimeApiServer(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(taskRoot.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(environment);
    pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
    try {
      this.process = pb.start();
    } catch (IOException e) {
      api.close();
      closeOutput();
      throw new UncheckedIOException(e);
    }
    process.onExit().thenRun(this::exited);
  }

  private void exited() {
    dead = true;
    api.close();
    ready.completeExceptionally(new IllegalStateException("the runtime exited during init"));
    synchronized (lock) {
      Pending p = pending;
      if (p != null && !p.future.isDone()) {
        if (p.answer != null) {
          // It answered, then ended before polling again: the answer stands.
          p.future.complete(new InvocationResult(p.answer, p.failed, takeOutput(), false));
        } else {
          byte[] doc =
              initError != null ? initError : ErrorDocuments.exited(p.invocation.requestId(), process.exitValue());
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
      if (process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 128 + 9; // a process that does not stop is killed: SIGKILL's status
  }

  /** The runtime polls: the first poll ends init, any later one ends the invocation it answered. */
  @Override
  public void polling() {
    if (initMillis < 0) {
      initMillis = (System.nanoTime() - startedNanos) / 1e6;
    }
    ready.complete(null);
    synchronized (lock) {
      Pending p = pending;
      if (p != null && p.answer != null && !p.future.isDone()) {
        p.future.complete(new InvocationResult(p.answer, p.failed, takeOutput(), false));
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
      return pending != null && pending.answer == null && !pending.future.isDone() && pending.invocation.requestId().equals(requestId);
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
      if (pending != null && pending.answer == null && !pending.future.isDone()) {
        pending.answer = body;
        pending.failed = failed;
      }
    }
  }

  /**
   * What the child wrote since the last invocation ended: by the time it polls again it has
   * written all of this one's output, a last line without its newline included (Lambda's log
   * takes it as it is).
   */
  private String takeOutput() {
    try {
      long size = output.size();
      if (size <= outputRead) {
        return "";
      }
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - outputRead));
      while (buf.hasRemaining() && output.read(buf, outputRead + buf.position()) >= 0) {
        // positional reads until the buffer holds every byte up to size
      }
      outputRead += buf.position();
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
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

  /** The JVM's peak resident set ({@code VmHWM} in {@code /proc/<pid>/status}). */
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
    process.onExit().thenRun(this::closeOutput);
  }

  private void closeOutput() {
    try {
      output.close();
      Files.deleteIfExists(outputFile);
    } catch (IOException e) {
      // the runtime directory is cleaned up with Fogbank's
    }
  }
}
