package dev.fogbank.lambda.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The warm execution environments of one function version snapshot. An invocation takes an idle
 * environment or starts a new one; a finished environment goes back to the idle stack (most
 * recently used first, as Lambda reuses the warmest sandbox) unless it died.
 */
public final class EnvironmentPool {

  private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
  private final Set<ExecutionEnvironment> all = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** An idle environment, or null when every one is busy. */
  public synchronized ExecutionEnvironment takeIdle() {
    while (!idle.isEmpty()) {
      ExecutionEnvironment env = idle.pop();
      if (env.alive()) {
        return env;
      }
      all.remove(env);
      env.close();
    }
    return null;
  }

  /** Starts a new environment for this pool. */
  public ExecutionEnvironment start(Supplier<ExecutionEnvironment> starter) {
    ExecutionEnvironment env = starter.get();
    all.add(env);
    if (closed) {
      discard(env);
    }
    return env;
  }

  /** Returns an environment after an invocation. */
  public void release(ExecutionEnvironment env) {
    if (closed || !env.alive()) {
      discard(env);
      return;
    }
    synchronized (this) {
      idle.push(env);
    }
  }

  public void discard(ExecutionEnvironment env) {
    all.remove(env);
    synchronized (this) {
      idle.remove(env);
    }
    env.close();
  }

  /** Idle environments (warm and waiting). */
  public synchronized int idleCount() {
    return idle.size();
  }

  /** Ends every environment: the function changed or was deleted. Busy ones end as they finish. */
  public void close() {
    closed = true;
    synchronized (this) {
      idle.forEach(ExecutionEnvironment::close);
      idle.clear();
    }
  }

  /** Ends every environment now, busy or not (shutdown, reset). */
  public void kill() {
    close();
    all.forEach(ExecutionEnvironment::close);
    all.clear();
  }
}
