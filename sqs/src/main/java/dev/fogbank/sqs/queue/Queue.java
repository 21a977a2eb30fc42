package dev.fogbank.sqs.queue;

import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.sqs.SqsErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One queue: its attributes, tags and messages, behind its own lock. Sends, receives (with long
 * polling), deletes and visibility changes of different queues never wait for each other.
 */
public final class Queue {

  private static final long PURGE_INTERVAL_MILLIS = 60_000;

  private final String account;
  private final String region;
  private final String name;
  private final String arn;
  private final String uid = Long.toHexString(ThreadLocalRandom.current().nextLong());
  private final boolean fifo;
  private final Clock clock;
  private final Scheduler scheduler;
  private final QueueAttributes attributes;
  private final MessageStore store;
  private final Deduplication deduplication = new Deduplication();
  private final ReceiveAttempts attempts = new ReceiveAttempts();
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final long createdTimestamp;
  private long lastModifiedTimestamp;
  private long lastPurge = Long.MIN_VALUE;
  private long seq;
  private long sequenceNumber;
  private int waiters;
  private volatile boolean deleted;

  public Queue(String account, String region, String name, boolean fifo, Clock clock, Scheduler scheduler) {
    this.account = account;
    this.region = region;
    this.name = name;
    this.arn = "arn:aws:sqs:" + region + ":" + account + ":" + name;
    this.fifo = fifo;
    this.clock = clock;
    this.scheduler = scheduler;
    this.attributes = new QueueAttributes(fifo);
    this.store = fifo ? new FifoMessages() : new StandardMessages();
    this.createdTimestamp = clock.millis();
    this.lastModifiedTimestamp = createdTimestamp;
    this.sequenceNumber = createdTimestamp * 1000;
  }

  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  public String name() {
    return name;
  }

  public String arn() {
    return arn;
  }

  public boolean fifo() {
    return fifo;
  }

  public boolean deleted() {
    return deleted;
  }

  public QueueAttributes attributes() {
    return attributes;
  }

  // ------------------------------------------------------------------ attributes and tags

  /** Applies attributes checked by {@link QueueAttributes#normalize}. */
  public void setAttributes(Map<String, String> normalized) {
    lock.lock();
    try {
      attributes.apply(normalized);
      lastModifiedTimestamp = clock.millis();
    } finally {
      lock.unlock();
    }
  }

  /** The first of {@code requested} whose value differs from this queue's, or null. */
  public String differingAttribute(Map<String, String> requested) {
    for (Map.Entry<String, String> e : requested.entrySet()) {
      if (!attributes.current(e.getKey()).equals(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }

  /** All attributes, configured and computed, as GetQueueAttributes with {@code All} returns them. */
  public Map<String, String> allAttributes() {
    lock.lock();
    try {
      long now = clock.millis();
      MessageStore.Counts counts = store.counts(now, attributes.messageRetentionPeriod * 1000L);
      Map<String, String> out = new LinkedHashMap<>();
      out.put("QueueArn", arn);
      out.put("ApproximateNumberOfMessages", Long.toString(counts.visible()));
      out.put("ApproximateNumberOfMessagesNotVisible", Long.toString(counts.notVisible()));
      out.put("ApproximateNumberOfMessagesDelayed", Long.toString(counts.delayed()));
      out.put("CreatedTimestamp", Long.toString(createdTimestamp / 1000));
      out.put("LastModifiedTimestamp", Long.toString(lastModifiedTimestamp / 1000));
      out.putAll(attributes.configured());
      return out;
    } finally {
      lock.unlock();
    }
  }

  public Map<String, String> tags() {
    lock.lock();
    try {
      return new LinkedHashMap<>(tags);
    } finally {
      lock.unlock();
    }
  }

  public void tag(Map<String, String> add) {
    lock.lock();
    try {
      tags.putAll(add);
    } finally {
      lock.unlock();
    }
  }

  public void untag(List<String> keys) {
    lock.lock();
    try {
      keys.forEach(tags::remove);
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ send

  public SendResult send(SendRequest request) {
    MessageChecks.checkBody(request.body());
    MessageChecks.checkAttributes(request.attributes());
    MessageChecks.checkSystemAttributes(request.systemAttributes());
    int size = MessageChecks.size(request.body(), request.attributes());
    int max = attributes.maximumMessageSize;
    if (size > max) {
      throw SqsErrors.invalidParameterValue(
          "One or more parameters are invalid. Reason: Message must be shorter than " + max + " bytes.");
    }
    int delay = attributes.delaySeconds;
    if (request.delaySeconds() != null) {
      int d = request.delaySeconds();
      if (d < 0 || d > 900) {
        throw SqsErrors.invalidParameter("DelaySeconds", d, "DelaySeconds must be >= 0 and <= 900.");
      }
      if (fifo && d != 0) {
        // FIFO queues take only the queue's delay (SendMessage API reference, DelaySeconds).
        throw SqsErrors.invalidParameter(
            "DelaySeconds", d, "The request include parameter that is not valid for this queue type.");
      }
      delay = fifo ? delay : d;
    }
    String groupId = request.groupId();
    String dedupId = request.deduplicationId();
    checkFifoId("MessageGroupId", groupId);
    checkFifoId("MessageDeduplicationId", dedupId);
    if (fifo) {
      if (groupId == null) {
        throw SqsErrors.missingParameter("MessageGroupId");
      }
      if (dedupId == null) {
        if (!attributes.contentBasedDeduplication) {
          throw SqsErrors.invalidParameterValue(
              "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        }
        dedupId = sha256(request.body());
      }
    } else if (dedupId != null) {
      throw SqsErrors.invalidParameter(
          "MessageDeduplicationId", dedupId, "The request include parameter that is not valid for this queue type.");
    }
    String md5OfBody = MessageDigests.md5(request.body());
    String md5OfAttributes = MessageDigests.md5(request.attributes());
    String md5OfSystem = MessageDigests.md5(request.systemAttributes());
    String messageId = randomUuid();

    lock.lock();
    try {
      requireExists();
      long now = clock.millis();
      String dedupKey = null;
      if (fifo) {
        dedupKey = "messageGroup".equals(attributes.deduplicationScope) ? groupId + '\u0000' + dedupId : dedupId;
        Deduplication.Accepted earlier = deduplication.find(dedupKey, now);
        if (earlier != null) {
          return new SendResult(earlier.messageId(), md5OfBody, md5OfAttributes, md5OfSystem, earlier.sequenceNumber());
        }
      }
      String sequence = fifo ? nextSequenceNumber() : null;
      Message m =
          new Message(
              messageId, request.body(), request.attributes(), request.systemAttributes(), md5OfBody, md5OfAttributes,
              md5OfSystem, now, request.senderId(), groupId, fifo ? dedupId : null, sequence, null, ++seq);
      m.visibleAt = now + delay * 1000L;
      m.state = delay > 0 ? Message.State.PENDING : Message.State.VISIBLE;
      store.add(m);
      if (fifo) {
        deduplication.remember(dedupKey, messageId, sequence, now);
      }
      signalWaiters();
      return new SendResult(messageId, md5OfBody, md5OfAttributes, md5OfSystem, sequence);
    } finally {
      lock.unlock();
    }
  }

  private static void checkFifoId(String parameter, String value) {
    if (value == null) {
      return;
    }
    boolean ok = !value.isEmpty() && value.length() <= 128;
    for (int i = 0; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = c >= 0x21 && c <= 0x7E; // alphanumeric and punctuation
    }
    if (!ok) {
      throw SqsErrors.invalidParameter(
          parameter, value, parameter + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }
  }

  private String nextSequenceNumber() {
    return "1" + String.format("%019d", ++sequenceNumber);
  }

  /**
   * Enqueues a message moved from another queue: a dead-letter redrive keeps its receive count; a
   * message move task redrives it as a new delivery ({@code deadLetterSourceArn} null).
   */
  public void enqueueMoved(Message original, String deadLetterSourceArn) {
    lock.lock();
    try {
      if (deleted) {
        return;
      }
      Message m = original.copyFor(++seq, fifo ? nextSequenceNumber() : null, deadLetterSourceArn);
      if (deadLetterSourceArn == null) {
        m.receiveCount = 0;
        m.firstReceiveTimestamp = 0;
      }
      m.visibleAt = clock.millis();
      m.state = Message.State.VISIBLE;
      store.add(m);
      signalWaiters();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ receive

  /**
   * Receives up to {@code max} messages, waiting up to {@code waitSeconds} for the first one. The
   * wait ends as soon as a message arrives or becomes visible, and at its deadline on the
   * emulator's clock (a scheduler timer wakes the waiter, so advancing virtual time ends it).
   * Messages past their queue's maxReceiveCount go to the dead-letter queue {@code queues}
   * resolves, outside this queue's lock.
   */
  public List<Delivery> receive(
      int max, int visibilityTimeout, int waitSeconds, String attemptId, Function<String, Queue> queues) {
    long deadline = clock.millis() + waitSeconds * 1000L;
    while (true) {
      RedrivePolicy redrive = attributes.redrivePolicy;
      Queue deadLetterQueue = redrive == null ? null : queues.apply(redrive.deadLetterTargetArn());
      int maxReceiveCount = deadLetterQueue == null ? 0 : redrive.maxReceiveCount();
      List<Message> deadLetters = new ArrayList<>(0);
      List<Delivery> out;
      lock.lock();
      try {
        while (true) {
          requireExists();
          long now = clock.millis();
          out = fifo && attemptId != null ? attempts.replay(attemptId, now) : null;
          if (out != null) {
            return out;
          }
          List<Message> taken = new ArrayList<>(Math.min(max, 10));
          store.receive(
              now, max, now + visibilityTimeout * 1000L, attributes.messageRetentionPeriod * 1000L, maxReceiveCount,
              taken, deadLetters);
          out = deliver(taken, now);
          if (fifo && attemptId != null && !out.isEmpty()) {
            attempts.remember(attemptId, out, now);
          }
          if (!out.isEmpty() || !deadLetters.isEmpty() || now >= deadline) {
            break;
          }
          if (!await(Math.min(deadline, store.nextVisibleAt(now)))) {
            return out;
          }
        }
      } finally {
        lock.unlock();
      }
      for (Message m : deadLetters) {
        deadLetterQueue.enqueueMoved(m, arn);
      }
      if (!out.isEmpty() || clock.millis() >= deadline) {
        return out;
      }
    }
  }

  private List<Delivery> deliver(List<Message> taken, long now) {
    List<Delivery> out = new ArrayList<>(taken.size());
    for (Message m : taken) {
      m.receiveCount++;
      if (m.receiveCount == 1 || m.firstReceiveTimestamp == 0) {
        m.firstReceiveTimestamp = now;
      }
      m.generation++;
      m.receivedAt = now;
      out.add(new Delivery(m, ReceiptHandles.of(uid, m.id, m.generation), m.receiveCount, m.firstReceiveTimestamp));
    }
    return out;
  }

  /** Parks the caller until something changes or {@code wakeAt}; false if interrupted. */
  private boolean await(long wakeAt) {
    Scheduler.Timer timer = scheduler.scheduleAt(wakeAt, this::wakeWaiters);
    waiters++;
    try {
      changed.await();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      waiters--;
      timer.cancel();
    }
  }

  private void wakeWaiters() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void signalWaiters() {
    if (waiters > 0) {
      changed.signalAll();
    }
  }

  // ------------------------------------------------------------------ delete and visibility

  /**
   * Deletes the message the handle belongs to. A handle of an earlier receive succeeds without
   * deleting on a standard queue ("the request succeeds, but the message might not be deleted",
   * DeleteMessage API reference); a FIFO queue rejects it as expired.
   */
  public void delete(String receiptHandle) {
    ReceiptHandles.Parsed handle = parse(receiptHandle);
    lock.lock();
    try {
      requireExists();
      Message m = store.byId(handle.messageId());
      if (m == null) {
        return;
      }
      boolean current = m.generation == handle.generation();
      if (fifo && (!current || !(m.state == Message.State.IN_FLIGHT && m.visibleAt > clock.millis()))) {
        throw SqsErrors.invalidParameter("ReceiptHandle", receiptHandle, "The receipt handle has expired.");
      }
      if (current) {
        store.remove(m);
        signalWaiters(); // a FIFO group may be unblocked
      }
    } finally {
      lock.unlock();
    }
  }

  public void changeVisibility(String receiptHandle, int timeout) {
    ReceiptHandles.Parsed handle = parse(receiptHandle);
    if (timeout < 0 || timeout > QueueAttributes.MAX_VISIBILITY_TIMEOUT) {
      throw SqsErrors.invalidParameter("VisibilityTimeout", timeout, "Must be between 0 and 43200, if provided.");
    }
    lock.lock();
    try {
      requireExists();
      long now = clock.millis();
      Message m = store.byId(handle.messageId());
      if (m == null || m.generation != handle.generation()) {
        throw SqsErrors.invalidParameter(
            "ReceiptHandle", receiptHandle, "Message does not exist or is not available for visibility timeout change.");
      }
      if (m.state != Message.State.IN_FLIGHT || m.visibleAt <= now) {
        throw SqsErrors.messageNotInflight();
      }
      // A message stays invisible at most 12 hours after its receive (ChangeMessageVisibility API reference).
      if (now + timeout * 1000L - m.receivedAt > QueueAttributes.MAX_VISIBILITY_TIMEOUT * 1000L) {
        throw SqsErrors.invalidParameter(
            "VisibilityTimeout", timeout, "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
      }
      store.changeVisibility(m, now + timeout * 1000L, now);
      if (timeout == 0) {
        signalWaiters();
      }
    } finally {
      lock.unlock();
    }
  }

  private ReceiptHandles.Parsed parse(String receiptHandle) {
    ReceiptHandles.Parsed handle = ReceiptHandles.parse(receiptHandle);
    if (handle == null || !handle.queueUid().equals(uid)) {
      throw SqsErrors.receiptHandleIsInvalid(receiptHandle);
    }
    return handle;
  }

  // ------------------------------------------------------------------ purge, move, delete

  public void purge() {
    lock.lock();
    try {
      requireExists();
      long now = clock.millis();
      if (lastPurge != Long.MIN_VALUE && now - lastPurge < PURGE_INTERVAL_MILLIS) {
        throw SqsErrors.purgeQueueInProgress(name);
      }
      lastPurge = now;
      store.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Removes up to {@code max} visible messages, for a message move task. */
  public List<Message> takeVisible(int max) {
    lock.lock();
    try {
      return store.takeVisible(clock.millis(), max);
    } finally {
      lock.unlock();
    }
  }

  /** Visible messages now, without receiving them. */
  public long visibleCount() {
    lock.lock();
    try {
      return store.counts(clock.millis(), attributes.messageRetentionPeriod * 1000L).visible();
    } finally {
      lock.unlock();
    }
  }

  /** The messages as they stand, without receiving them (the admin endpoint). */
  public List<Message> peek() {
    lock.lock();
    try {
      store.counts(clock.millis(), attributes.messageRetentionPeriod * 1000L);
      List<Message> all = new ArrayList<>(store.all());
      all.sort((a, b) -> Long.compare(a.seq, b.seq));
      return all;
    } finally {
      lock.unlock();
    }
  }

  /** Marks the queue deleted and wakes its long polls. */
  public void markDeleted() {
    lock.lock();
    try {
      deleted = true;
      store.clear();
      deduplication.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void requireExists() {
    if (deleted) {
      throw SqsErrors.queueDoesNotExist();
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String randomUuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** Content-based deduplication: SHA-256 of the body (CreateQueue API reference). */
  static String sha256(String body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return arn;
  }
}
