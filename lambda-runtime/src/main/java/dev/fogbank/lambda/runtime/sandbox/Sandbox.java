package dev.fogbank.lambda.runtime.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one in-process Java execution environment owns of the process it would have in Lambda: its
 * environment variables, its exit, and its shutdown hooks. The function's classes reach it through
 * {@link SandboxCalls}, which finds it from the calling class's loader (an {@link Owner}), so the
 * threads a function starts see the same environment as its handler.
 */
public final class Sandbox {

  /** A class loader whose classes live in a sandbox. */
  public interface Owner {
    Sandbox sandbox();
  }

  /** Told once when the function ends its process (status as {@code exit(int)} got it). */
  @FunctionalInterface
  public interface ExitListener {
    void exited(int status);
  }

  private final Map<String, String> environment;
  private final String[] envp;
  private final ExitListener listener;
  private final Map<ProcessBuilder, Boolean> prepared = Collections.synchronizedMap(new WeakHashMap<>());
  private final List<Thread> hooks = new ArrayList<>();
  private final Map<String, String> awsProperties = new ConcurrentHashMap<>();
  private Integer exitStatus;

  public Sandbox(Map<String, String> environment, ExitListener listener) {
    // System.getenv() answers an unmodifiable map; a function cannot change its environment.
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    this.envp = this.environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    this.listener = listener;
  }

  /** The function's variables, as {@code System.getenv()} answers them in Lambda. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The variables in {@code name=value} form, for a child process the function starts. */
  String[] envp() {
    return envp.clone();
  }

  /**
   * Gives a process builder the function's variables instead of Fogbank's, once per builder (a
   * builder's environment, once asked for, belongs to the caller).
   */
  void prepare(ProcessBuilder builder) {
    if (prepared.putIfAbsent(builder, Boolean.TRUE) == null) {
      Map<String, String> env = builder.environment();
      env.clear();
      env.putAll(environment);
    }
  }

  /**
   * The function's own {@code aws.*} system properties. The AWS SDKs read {@code aws.region},
   * {@code aws.accessKeyId}, {@code aws.endpointUrl}… before the environment variables, so those of
   * Fogbank's JVM (an embedding test may set them) must not reach the function, and those the
   * function sets must not reach Fogbank's or another function's clients.
   */
  Map<String, String> awsProperties() {
    return awsProperties;
  }

  /** The status the function exited with, or null while it runs. */
  public synchronized Integer exitStatus() {
    return exitStatus;
  }

  public boolean exited() {
    return exitStatus() != null;
  }

  synchronized void addShutdownHook(Thread hook) {
    if (hook.isAlive()) {
      throw new IllegalArgumentException("Hook already running");
    }
    if (hooks.contains(hook)) {
      throw new IllegalArgumentException("Hook previously registered");
    }
    if (exitStatus != null) {
      throw new IllegalStateException("Shutdown in progress");
    }
    hooks.add(hook);
  }

  synchronized boolean removeShutdownHook(Thread hook) {
    if (exitStatus != null) {
      throw new IllegalStateException("Shutdown in progress");
    }
    return hooks.remove(hook);
  }

  /**
   * Ends the function's process: the first call records the status, runs the shutdown hooks (not
   * for a halt, as {@code Runtime.halt} skips them) and tells the environment. Every call then
   * unwinds the calling thread, since an exit never returns.
   */
  RuntimeExit exit(int status, boolean halt) {
    List<Thread> toRun;
    synchronized (this) {
      if (exitStatus != null) {
        return new RuntimeExit(exitStatus);
      }
      exitStatus = status;
      toRun = halt ? List.of() : List.copyOf(hooks);
      hooks.clear();
    }
    // As the JVM does on exit: every hook started, then awaited. A hook that hangs holds the
    // invocation until its timeout, as it would hold the process in Lambda.
    toRun.forEach(Thread::start);
    for (Thread hook : toRun) {
      try {
        hook.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    listener.exited(status);
    return new RuntimeExit(status);
  }
}
