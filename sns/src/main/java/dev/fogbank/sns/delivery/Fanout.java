package dev.fogbank.sns.delivery;

import dev.fogbank.sns.filter.FilterPolicy;
import dev.fogbank.sns.publish.SnsMessage;
import dev.fogbank.sns.topic.Subscription;
import dev.fogbank.sns.topic.Topic;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans a published message out to the topic's subscriptions, after Publish has answered.
 *
 * <p>Each topic has an outbox drained by one virtual thread at a time, so messages leave a topic
 * in publish order: what FIFO topics promise per message group, and what keeps a standard topic's
 * deliveries from overtaking each other needlessly. The subscriptions a message goes to are those
 * the topic had when it was published; each one's filter policy decides, then its protocol's
 * {@link Endpoints} delivers.
 */
public final class Fanout {

  private static final Logger log = LoggerFactory.getLogger(Fanout.class);

  private record Job(SnsMessage message, List<Subscription> subscriptions) {}

  private final class Outbox {
    final Queue<Job> jobs = new ConcurrentLinkedQueue<>();
    final AtomicBoolean draining = new AtomicBoolean();

    void offer(Job job) {
      jobs.add(job);
      kick();
    }

    void kick() {
      if (draining.compareAndSet(false, true)) {
        executor.execute(this::drain);
      }
    }

    void drain() {
      try {
        Job job;
        while ((job = jobs.poll()) != null) {
          try {
            for (Subscription s : job.subscriptions()) {
              deliver(job.message(), s);
            }
          } finally {
            done();
          }
        }
      } finally {
        draining.set(false);
        if (!jobs.isEmpty()) {
          kick();
        }
      }
    }
  }

  private final Executor executor;
  private final Endpoints endpoints;
  private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
  /** Messages queued and not yet handed to every subscription. */
  private final java.util.concurrent.atomic.AtomicLong pending = new java.util.concurrent.atomic.AtomicLong();
  private final Object idle = new Object();

  public Fanout(Executor executor, Endpoints endpoints) {
    this.executor = executor;
    this.endpoints = endpoints;
  }

  /** Queues {@code message} for every subscription {@code topic} has now. */
  public void publish(Topic topic, SnsMessage message) {
    List<Subscription> subscriptions = List.copyOf(topic.subscriptions());
    if (subscriptions.isEmpty()) {
      return;
    }
    pending.incrementAndGet();
    outboxes.computeIfAbsent(topic.arn(), a -> new Outbox()).offer(new Job(message, subscriptions));
  }

  /**
   * Waits until every message published so far has been handed to its subscriptions (SQS
   * deliveries made, HTTP and Lambda ones started), for embedding code and tests that must know
   * a fan-out is over; false if {@code timeout} passed first.
   */
  public boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (pending.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  private void done() {
    if (pending.decrementAndGet() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /** Forgets a deleted topic's outbox once it has drained. */
  public void topicDeleted(String topicArn) {
    Outbox outbox = outboxes.get(topicArn);
    if (outbox != null && outbox.jobs.isEmpty()) {
      outboxes.remove(topicArn, outbox);
    }
  }

  private void deliver(SnsMessage message, Subscription s) {
    if (!s.confirmed()) {
      return;
    }
    try {
      if (!passes(message, s)) {
        return;
      }
      endpoints.deliver(message, s);
    } catch (RuntimeException e) {
      log.error("delivery of {} to {} failed", message.messageId(), s.arn(), e);
    }
  }

  /** The subscription's filter policy, on the attributes or on the body as its scope says. */
  static boolean passes(SnsMessage message, Subscription s) {
    FilterPolicy policy = s.filterPolicy();
    if (policy == null) {
      return true;
    }
    if (policy.scope() == FilterPolicy.Scope.MessageBody) {
      return policy.matchesBody(message.messageFor(s.protocol()));
    }
    return policy.matchesAttributes(message.filterAttributes());
  }
}
