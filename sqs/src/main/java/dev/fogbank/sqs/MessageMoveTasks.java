package dev.fogbank.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.sqs.queue.Message;
import dev.fogbank.sqs.queue.Queue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message move tasks (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask): moving
 * the messages of a dead-letter queue back to their source queues or to one destination, at most
 * {@code MaxNumberOfMessagesPerSecond} per second, on the scheduler — so virtual time drives them.
 * One active task per source queue.
 */
public final class MessageMoveTasks {

  /** SQS's system-optimised rate when none is given; the API allows at most 500. */
  static final int DEFAULT_RATE = 500;

  /** One task and its progress. */
  public static final class Task {
    final String id = UUID.randomUUID().toString();
    final String handle;
    final String sourceArn;
    final String destinationArn;
    final Integer maxPerSecond;
    final long toMove;
    final long startedTimestamp;
    volatile String status = "RUNNING";
    volatile long moved;
    volatile String failureReason;
    volatile Scheduler.Timer timer;

    Task(String sourceArn, String destinationArn, Integer maxPerSecond, long toMove, long started) {
      this.sourceArn = sourceArn;
      this.destinationArn = destinationArn;
      this.maxPerSecond = maxPerSecond;
      this.toMove = toMove;
      this.startedTimestamp = started;
      ObjectNode token = Json.object().put("taskId", id).put("sourceArn", sourceArn);
      this.handle = Base64.getEncoder().encodeToString(Json.text(token).getBytes(StandardCharsets.UTF_8));
    }

    public String handle() {
      return handle;
    }

    public String status() {
      return status;
    }

    public long moved() {
      return moved;
    }

    /** As ListMessageMoveTasks reports it; only a running task shows its handle. */
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      if (status.equals("RUNNING")) {
        node.put("TaskHandle", handle);
      }
      node.put("Status", status);
      node.put("SourceArn", sourceArn);
      if (destinationArn != null) {
        node.put("DestinationArn", destinationArn);
      }
      if (maxPerSecond != null) {
        node.put("MaxNumberOfMessagesPerSecond", maxPerSecond);
      }
      node.put("ApproximateNumberOfMessagesMoved", moved);
      node.put("ApproximateNumberOfMessagesToMove", toMove);
      if (failureReason != null) {
        node.put("FailureReason", failureReason);
      }
      node.put("StartedTimestamp", startedTimestamp);
      return node;
    }
  }

  private final SqsEngine engine;
  private final Clock clock;
  private final Scheduler scheduler;
  /** Tasks by source ARN, newest first. */
  private final Map<String, List<Task>> bySource = new ConcurrentHashMap<>();

  MessageMoveTasks(SqsEngine engine, Clock clock, Scheduler scheduler) {
    this.engine = engine;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  public Task start(String sourceArn, String destinationArn, Integer maxPerSecond) {
    Queue source = engine.byArn(sourceArn);
    if (source == null) {
      throw SqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    if (engine.deadLetterSources(source).isEmpty()) {
      throw SqsErrors.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
    }
    if (destinationArn != null && engine.byArn(destinationArn) == null) {
      throw SqsErrors.resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.");
    }
    if (maxPerSecond != null && (maxPerSecond < 1 || maxPerSecond > 500)) {
      throw SqsErrors.invalidParameter(
          "MaxNumberOfMessagesPerSecond", maxPerSecond, "Value must be between 1 and 500.");
    }
    List<Task> tasks = bySource.computeIfAbsent(sourceArn, a -> new ArrayList<>());
    Task task;
    synchronized (tasks) {
      for (Task t : tasks) {
        if (t.status.equals("RUNNING")) {
          throw SqsErrors.invalidParameterValue(
              "There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
        }
      }
      task = new Task(sourceArn, destinationArn, maxPerSecond, source.visibleCount(), clock.millis());
      tasks.addFirst(task);
    }
    schedule(task, Duration.ZERO);
    return task;
  }

  private void schedule(Task task, Duration delay) {
    task.timer = scheduler.schedule(delay, () -> step(task));
  }

  /** Moves one second's worth of messages; runs on the scheduler. */
  private void step(Task task) {
    synchronized (task) {
      if (!task.status.equals("RUNNING")) {
        return;
      }
      Queue source = engine.byArn(task.sourceArn);
      if (source == null) {
        fail(task, "AWS.SimpleQueueService.NonExistentQueue");
        return;
      }
      int rate = task.maxPerSecond != null ? task.maxPerSecond : DEFAULT_RATE;
      int batch = (int) Math.min(rate, task.toMove - task.moved);
      List<Message> messages = batch <= 0 ? List.of() : source.takeVisible(batch);
      for (Message m : messages) {
        String target = task.destinationArn != null ? task.destinationArn : m.deadLetterSourceArn();
        Queue destination = target == null ? null : engine.byArn(target);
        if (destination == null) {
          source.enqueueMoved(m, m.deadLetterSourceArn());
          fail(task, "AWS.SimpleQueueService.NonExistentQueue");
          return;
        }
        destination.enqueueMoved(m, null);
        task.moved++;
      }
      if (messages.isEmpty() || task.moved >= task.toMove) {
        task.status = "COMPLETED";
        return;
      }
      schedule(task, Duration.ofSeconds(1));
    }
  }

  private static void fail(Task task, String reason) {
    task.status = "FAILED";
    task.failureReason = reason;
  }

  /** Cancels a running task; answers how many messages it had moved. */
  public long cancel(String handle) {
    Task task = find(handle);
    if (task == null) {
      throw SqsErrors.resourceNotFound("Task does not exist.");
    }
    synchronized (task) {
      if (!task.status.equals("RUNNING")) {
        throw SqsErrors.invalidParameterValue("Only active tasks can be cancelled.");
      }
      task.status = "CANCELLED";
      Scheduler.Timer timer = task.timer;
      if (timer != null) {
        timer.cancel();
      }
      return task.moved;
    }
  }

  private Task find(String handle) {
    String sourceArn;
    try {
      JsonNode token = Json.parse(new String(Base64.getDecoder().decode(handle), StandardCharsets.UTF_8));
      sourceArn = token.path("sourceArn").asText(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
    List<Task> tasks = sourceArn == null ? null : bySource.get(sourceArn);
    if (tasks == null) {
      return null;
    }
    synchronized (tasks) {
      return tasks.stream().filter(t -> t.handle.equals(handle)).findFirst().orElse(null);
    }
  }

  /** The most recent tasks of a source queue, newest first. */
  public List<Task> list(String sourceArn, int max) {
    if (engine.byArn(sourceArn) == null) {
      throw SqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    List<Task> tasks = bySource.get(sourceArn);
    if (tasks == null) {
      return List.of();
    }
    synchronized (tasks) {
      return List.copyOf(tasks.subList(0, Math.min(max, tasks.size())));
    }
  }

  void reset() {
    for (List<Task> tasks : bySource.values()) {
      synchronized (tasks) {
        tasks.forEach(
            t -> {
              if (t.timer != null) {
                t.timer.cancel();
              }
            });
      }
    }
    bySource.clear();
  }
}
