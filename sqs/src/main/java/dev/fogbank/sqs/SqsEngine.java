package dev.fogbank.sqs;

import dev.fogbank.core.state.AccountRegionStore;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.sqs.queue.Queue;
import dev.fogbank.sqs.queue.QueueAttributes;
import dev.fogbank.sqs.queue.RedriveAllowPolicy;
import dev.fogbank.sqs.queue.RedrivePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The queues of every account and region, and the operations that span queues: create and delete
 * (with SQS's 60-second wait before a name can be reused), ARN lookups for redrive and message
 * moves, dead-letter source listings. Message operations live on {@link Queue}. No HTTP here.
 */
public final class SqsEngine {

  private static final long RECREATE_WAIT_MILLIS = 60_000;
  private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Pattern FIFO_QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

  /** The queues of one account and region. */
  static final class Queues {
    final Map<String, Queue> byName = new ConcurrentHashMap<>();
    final Map<String, Long> deletedAt = new ConcurrentHashMap<>();
  }

  private final AccountRegionStore<Queues> store = new AccountRegionStore<>((a, r) -> new Queues());
  private final Clock clock;
  private final Scheduler scheduler;
  private final MessageMoveTasks moveTasks;

  public SqsEngine(Clock clock, Scheduler scheduler) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.moveTasks = new MessageMoveTasks(this, clock, scheduler);
  }

  public Clock clock() {
    return clock;
  }

  public MessageMoveTasks moveTasks() {
    return moveTasks;
  }

  public Queue createQueue(
      String account, String region, String name, Map<String, String> attributes, Map<String, String> tags) {
    boolean fifo = "true".equalsIgnoreCase(attributes.getOrDefault("FifoQueue", "").trim());
    if (fifo ? !FIFO_QUEUE_NAME.matcher(name).matches() : !QUEUE_NAME.matcher(name).matches()) {
      // CreateQueue API reference, QueueName.
      throw SqsErrors.invalidParameterValue(
          fifo
              ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
              : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    Map<String, String> normalized = QueueAttributes.normalize(attributes, fifo, true);
    Tags.check(tags);
    Queues queues = store.get(account, region);
    synchronized (queues) {
      Queue existing = queues.byName.get(name);
      if (existing != null) {
        String differing = existing.differingAttribute(normalized);
        if (differing != null) {
          throw SqsErrors.queueNameExists(differing);
        }
        return existing;
      }
      Long deleted = queues.deletedAt.get(name);
      if (deleted != null && clock.millis() - deleted < RECREATE_WAIT_MILLIS) {
        throw SqsErrors.queueDeletedRecently();
      }
      Queue queue = new Queue(account, region, name, fifo, clock, scheduler);
      checkRedrive(queue, normalized.get("RedrivePolicy"));
      queue.setAttributes(normalized);
      queue.tag(tags);
      queues.byName.put(name, queue);
      queues.deletedAt.remove(name);
      return queue;
    }
  }

  /** Sets attributes checked against SQS's rules, including the redrive target's. */
  public void setAttributes(Queue queue, Map<String, String> attributes) {
    Map<String, String> normalized = QueueAttributes.normalize(attributes, queue.fifo(), false);
    checkRedrive(queue, normalized.get("RedrivePolicy"));
    queue.setAttributes(normalized);
  }

  private void checkRedrive(Queue source, String policyText) {
    if (policyText == null || policyText.isEmpty()) {
      return;
    }
    RedrivePolicy policy = RedrivePolicy.parse(policyText);
    Queue target = byArn(policy.deadLetterTargetArn());
    if (target == null) {
      throw SqsErrors.invalidParameter("RedrivePolicy", policyText, "Dead letter target does not exist.");
    }
    if (target.fifo() != source.fifo()) {
      throw SqsErrors.invalidParameter(
          "RedrivePolicy", policyText, "Dead-letter queue must be same type of queue as the source.");
    }
    RedriveAllowPolicy allow = target.attributes().redriveAllowPolicy();
    if (allow != null && !allow.allows(source.arn())) {
      throw SqsErrors.invalidParameter(
          "RedrivePolicy", policyText, "Dead letter target does not allow this queue as a source.");
    }
  }

  public Queue queue(String account, String region, String name) {
    Queues queues = store.peek(account, region);
    Queue queue = queues == null ? null : queues.byName.get(name);
    if (queue == null) {
      throw SqsErrors.queueDoesNotExist();
    }
    return queue;
  }

  /** The queue an ARN names ({@code arn:aws:sqs:<region>:<account>:<name>}), or null. */
  public Queue byArn(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", -1);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs")) {
      return null;
    }
    Queues queues = store.peek(parts[4], parts[3]);
    return queues == null ? null : queues.byName.get(parts[5]);
  }

  public void deleteQueue(Queue queue) {
    Queues queues = store.get(queue.account(), queue.region());
    synchronized (queues) {
      if (queues.byName.remove(queue.name(), queue)) {
        queues.deletedAt.put(queue.name(), clock.millis());
      }
    }
    queue.markDeleted();
  }

  /** The account's queues in the region whose names start with {@code prefix}, sorted by name. */
  public List<Queue> listQueues(String account, String region, String prefix) {
    Queues queues = store.peek(account, region);
    List<Queue> out = new ArrayList<>();
    if (queues != null) {
      for (Queue q : queues.byName.values()) {
        if (prefix == null || q.name().startsWith(prefix)) {
          out.add(q);
        }
      }
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** Queues whose redrive policy names {@code deadLetterQueue}, sorted by name. */
  public List<Queue> deadLetterSources(Queue deadLetterQueue) {
    List<Queue> out = new ArrayList<>();
    for (Queues queues : store.all()) {
      for (Queue q : queues.byName.values()) {
        RedrivePolicy policy = q.attributes().redrivePolicy();
        if (policy != null && policy.deadLetterTargetArn().equals(deadLetterQueue.arn())) {
          out.add(q);
        }
      }
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  public void reset() {
    moveTasks.reset();
    for (Queues queues : store.all()) {
      queues.byName.values().forEach(Queue::markDeleted);
    }
    store.reset();
  }
}
