package dev.fogbank.lambda.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The warm execution environments of one function version snapshot. An invocation takes an idle
 * environment or starts a new one; a finished environment goes back to the idle stack (most
 * recently used first, as Lambda reuses the warmest sandbox) unless it died. Provisioned
 * environments (pre-started for a provisioned concurrency config) serve invocations before
 * on-demand ones and stay warm until their config is deleted.
 */
public final class EnvironmentPool {

  private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
  private final Set<ExecutionEnvironment> all = ConcurrentHashMap.newKeySet();
  private final Set<ExecutionEnvironment> provisioned = ConcurrentHashMap.newKeySet();
  /** Environments that end when their running invocation finishes. */
  private final Set<ExecutionEnvironment> retiring = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** An idle environment, provisioned ones first, or null when every one is busy. */
  public synchronized ExecutionEnvironment takeIdle() {
    for (Iterator<ExecutionEnvironment> it = idle.iterator(); it.hasNext(); ) {
      ExecutionEnvironment env = it.next();
      if (provisioned.contains(env) && env.alive()) {
        it.remove();
        return env;
      }
    }
    while (!idle.isEmpty()) {
      ExecutionEnvironment env = idle.pop();
      if (env.alive()) {
        return env;
      }
      all.remove(env);
      provisioned.remove(env);
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

  /** Adds a started, initialised environment as provisioned and idle. */
  public void provision(ExecutionEnvironment env) {
    provisioned.add(env);
    release(env);
  }

  /**
   * Ends up to {@code count} provisioned environments (their config was deleted or lowered): idle
   * ones now, busy ones when their invocation ends.
   */
  public int unprovision(int count) {
    List<ExecutionEnvironment> ended = new ArrayList<>();
    synchronized (this) {
      for (ExecutionEnvironment env : List.copyOf(provisioned)) {
        if (ended.size() == count) {
          break;
        }
        provisioned.remove(env);
        ended.add(env);
      }
    }
    for (ExecutionEnvironment env : ended) {
      boolean wasIdle;
      synchronized (this) {
        wasIdle = idle.remove(env);
      }
      if (wasIdle) {
        discard(env);
      } else {
        retiring.add(env);
      }
    }
    return ended.size();
  }

  /** Returns an environment after an invocation. */
  public void release(ExecutionEnvironment env) {
    if (closed || !env.alive() || retiring.remove(env)) {
      discard(env);
      return;
    }
    synchronized (this) {
      idle.push(env);
    }
  }

  public void discard(ExecutionEnvironment env) {
    all.remove(env);
    provisioned.remove(env);
    retiring.remove(env);
    synchronized (this) {
      idle.remove(env);
    }
    env.close();
  }

  /** Idle environments (warm and waiting). */
  public synchronized int idleCount() {
    return idle.size();
  }

  /** Provisioned environments alive now, busy or idle. */
  public int provisionedCount() {
    return (int) provisioned.stream().filter(ExecutionEnvironment::alive).count();
  }

  /** Ends every environment: the function changed or was deleted. Busy ones end as they finish. */
  public void close() {
    closed = true;
    synchronized (this) {
      idle.forEach(ExecutionEnvironment::close);
      idle.clear();
    }
    provisioned.clear();
  }

  /** Ends every environment now, busy or not (shutdown, reset). */
  public void kill() {
    close();
    all.forEach(ExecutionEnvironment::close);
    all.clear();
  }
}
