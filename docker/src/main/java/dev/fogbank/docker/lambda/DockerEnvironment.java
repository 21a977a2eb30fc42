package dev.fogbank.docker.lambda;

import dev.fogbank.core.time.Clock;
import dev.fogbank.lambda.runtime.ExecutionEnvironment;
import dev.fogbank.lambda.runtime.Invocation;
import dev.fogbank.lambda.runtime.InvocationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * An execution environment that is a container: the {@code docker run} process in the foreground
 * speaks for it (its output is the container's, its Runtime API is the one Fogbank started for
 * it), and closing the environment removes the container, which killing the client alone would
 * not. It remembers when it last finished work, so that the executor can reclaim it when idle.
 */
final class DockerEnvironment implements ExecutionEnvironment {

  private final ExecutionEnvironment process;
  private final String name;
  private final Path cidFile;
  private final DockerLambdaExecutor owner;
  private final Clock clock;
  private final long idleMillis;
  private volatile boolean busy;
  private volatile long idleSince;
  private volatile boolean closed;

  /**
   * {@code clock} is the Fogbank's that started it (each embedded Fogbank may have its own), and
   * {@code idleMillis} how long it may wait for work.
   */
  DockerEnvironment(
      ExecutionEnvironment process, String name, Path cidFile, DockerLambdaExecutor owner, Clock clock, long idleMillis) {
    this.process = process;
    this.name = name;
    this.cidFile = cidFile;
    this.owner = owner;
    this.clock = clock;
    this.idleMillis = idleMillis;
    this.idleSince = clock.millis();
  }

  String name() {
    return name;
  }

  /** Whether it has waited for work longer than its idle timeout. */
  boolean idleTooLong() {
    return !busy && !closed && clock.millis() - idleSince >= idleMillis;
  }

  @Override
  public CompletableFuture<InvocationResult> submit(Invocation invocation) {
    busy = true;
    owner.reclaimIdle();
    return process
        .submit(invocation)
        .whenComplete(
            (result, error) -> {
              idleSince = clock.millis();
              busy = false;
            });
  }

  @Override
  public CompletableFuture<Void> ready() {
    return process.ready();
  }

  @Override
  public boolean alive() {
    return !closed && process.alive();
  }

  @Override
  public double takeInitDuration() {
    return process.takeInitDuration();
  }

  /**
   * The container's peak memory from its cgroup (v2 {@code memory.peak}, v1 {@code
   * memory.max_usage_in_bytes}) when this machine shows it, else the client process's.
   */
  @Override
  public long maxMemoryUsedMb() {
    try {
      if (Files.isRegularFile(cidFile)) {
        String id = Files.readString(cidFile).strip();
        for (Path p :
            new Path[] {
              Path.of("/sys/fs/cgroup/system.slice/docker-" + id + ".scope/memory.peak"),
              Path.of("/sys/fs/cgroup/docker/" + id + "/memory.peak"),
              Path.of("/sys/fs/cgroup/memory/docker/" + id + "/memory.max_usage_in_bytes")
            }) {
          if (Files.isReadable(p)) {
            return Long.parseLong(Files.readString(p).strip()) / (1024 * 1024);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no cgroup view of the container here: fall back to what the client shows
    }
    return process.maxMemoryUsedMb();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    process.close();
    owner.remove(this);
  }
}
