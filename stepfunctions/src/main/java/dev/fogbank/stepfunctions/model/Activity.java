package dev.fogbank.stepfunctions.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * An activity: tasks wait in a queue for a worker's GetActivityTask; a poller waits (a future, not
 * a thread) until a task arrives or its 60 seconds pass.
 */
public final class Activity {

  /** A task handed to a worker. */
  public record Task(String token, String input) {}

  private final String arn;
  private final String name;
  private final long creationDate;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final Deque<Task> tasks = new ArrayDeque<>();
  private final Deque<CompletableFuture<Task>> pollers = new ArrayDeque<>();

  public Activity(String arn, String name, long creationDate) {
    this.arn = arn;
    this.name = name;
    this.creationDate = creationDate;
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public long creationDate() {
    return creationDate;
  }

  public Map<String, String> tags() {
    return tags;
  }

  public void offer(Task task) {
    while (true) {
      CompletableFuture<Task> poller;
      synchronized (this) {
        poller = pollers.poll();
        if (poller == null) {
          tasks.add(task);
          return;
        }
      }
      if (poller.complete(task)) {
        return;
      }
    }
  }

  /** A task now, or a future completed when one arrives (or with null when the poll ends). */
  public synchronized CompletableFuture<Task> poll() {
    Task t = tasks.poll();
    if (t != null) {
      return CompletableFuture.completedFuture(t);
    }
    CompletableFuture<Task> f = new CompletableFuture<>();
    pollers.add(f);
    return f;
  }

  public synchronized void forget(CompletableFuture<Task> poller) {
    pollers.remove(poller);
  }
}
