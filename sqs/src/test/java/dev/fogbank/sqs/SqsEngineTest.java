package dev.fogbank.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import dev.fogbank.sqs.queue.Delivery;
import dev.fogbank.sqs.queue.MessageAttribute;
import dev.fogbank.sqs.queue.Queue;
import dev.fogbank.sqs.queue.SendRequest;
import dev.fogbank.sqs.queue.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue semantics without HTTP, on a frozen virtual clock. */
class SqsEngineTest {

  private static final String ACCOUNT = "000000000000";
  private static final String REGION = "us-east-1";

  private final VirtualClock clock = VirtualClock.frozenAt(Instant.parse("2025-01-01T00:00:00Z"));
  private final Scheduler scheduler = new Scheduler(clock);
  private final SqsEngine engine = new SqsEngine(clock, scheduler);

  @AfterEach
  void stop() {
    scheduler.close();
  }

  private Queue create(String name, Map<String, String> attributes) {
    return engine.createQueue(ACCOUNT, REGION, name, attributes, Map.of());
  }

  private static SendRequest message(String body) {
    return new SendRequest(body, null, Collections.emptySortedMap(), Collections.emptySortedMap(), null, null, ACCOUNT);
  }

  private static SendRequest fifoMessage(String body, String group, String dedup) {
    return new SendRequest(body, null, Collections.emptySortedMap(), Collections.emptySortedMap(), group, dedup, ACCOUNT);
  }

  private List<Delivery> receive(Queue q, int max) {
    return q.receive(max, q.attributes().visibilityTimeout(), 0, null, engine::byArn);
  }

  private void advance(Duration d) {
    scheduler.advance(d);
  }

  private long attribute(Queue q, String name) {
    return Long.parseLong(q.allAttributes().get(name));
  }

  @Test
  void receiveHidesMessageUntilVisibilityTimeoutExpires() {
    Queue q = create("vis", Map.of("VisibilityTimeout", "30"));
    q.send(message("hello"));
    assertEquals(1, receive(q, 1).size());
    assertEquals(0, receive(q, 1).size());
    assertEquals(1, attribute(q, "ApproximateNumberOfMessagesNotVisible"));
    advance(Duration.ofSeconds(29));
    assertEquals(0, receive(q, 1).size());
    advance(Duration.ofSeconds(1));
    List<Delivery> again = receive(q, 1);
    assertEquals(1, again.size());
    assertEquals(2, again.get(0).receiveCount());
  }

  @Test
  void staleReceiptHandleDeletesNothingAndCannotChangeVisibility() {
    Queue q = create("stale", Map.of("VisibilityTimeout", "10"));
    q.send(message("m"));
    String first = receive(q, 1).get(0).receiptHandle();
    advance(Duration.ofSeconds(10));
    String second = receive(q, 1).get(0).receiptHandle();
    assertNotEquals(first, second);
    AwsException e = assertThrows(AwsException.class, () -> q.changeVisibility(first, 60));
    assertEquals("InvalidParameterValue", e.code());
    q.delete(first); // succeeds, as DeleteMessage documents
    assertEquals(1, attribute(q, "ApproximateNumberOfMessagesNotVisible"));
    q.delete(second);
    assertEquals(0, attribute(q, "ApproximateNumberOfMessagesNotVisible"));
  }

  @Test
  void changeVisibilityToZeroMakesMessageReceivableAtOnce() {
    Queue q = create("zero", Map.of());
    q.send(message("m"));
    Delivery d = receive(q, 1).get(0);
    q.changeVisibility(d.receiptHandle(), 0);
    assertEquals(1, receive(q, 1).size());
    AwsException e = assertThrows(AwsException.class, () -> q.changeVisibility("garbage", 5));
    assertEquals("ReceiptHandleIsInvalid", e.code());
  }

  @Test
  void queueAndMessageDelaysHoldMessagesBack() {
    Queue q = create("delay", Map.of("DelaySeconds", "5"));
    q.send(message("queue delay"));
    q.send(new SendRequest("own delay", 20, Collections.emptySortedMap(), Collections.emptySortedMap(), null, null, ACCOUNT));
    assertEquals(2, attribute(q, "ApproximateNumberOfMessagesDelayed"));
    assertEquals(0, receive(q, 10).size());
    advance(Duration.ofSeconds(5));
    assertEquals(List.of("queue delay"), receive(q, 10).stream().map(d -> d.message().body()).toList());
    advance(Duration.ofSeconds(15));
    assertEquals(List.of("own delay"), receive(q, 10).stream().map(d -> d.message().body()).toList());
  }

  @Test
  void messagesExpireAfterRetentionPeriod() {
    Queue q = create("retention", Map.of("MessageRetentionPeriod", "60"));
    q.send(message("old"));
    advance(Duration.ofSeconds(59));
    assertEquals(1, attribute(q, "ApproximateNumberOfMessages"));
    advance(Duration.ofSeconds(1));
    assertEquals(0, attribute(q, "ApproximateNumberOfMessages"));
    assertEquals(0, receive(q, 10).size());
  }

  @Test
  void fifoDeduplicatesWithinFiveMinutes() {
    Queue q = create("dedup.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
    SendResult first = q.send(fifoMessage("same", "g", null));
    SendResult duplicate = q.send(fifoMessage("same", "g", null));
    assertEquals(first.messageId(), duplicate.messageId());
    assertEquals(first.sequenceNumber(), duplicate.sequenceNumber());
    assertEquals(20, first.sequenceNumber().length());
    assertEquals(1, attribute(q, "ApproximateNumberOfMessages"));
    advance(Duration.ofMinutes(5));
    SendResult later = q.send(fifoMessage("same", "g", null));
    assertNotEquals(first.messageId(), later.messageId());
    assertTrue(later.sequenceNumber().compareTo(first.sequenceNumber()) > 0);
    assertEquals(2, attribute(q, "ApproximateNumberOfMessages"));
  }

  @Test
  void fifoKeepsGroupOrderAndBlocksGroupWhileInFlight() {
    Queue q = create("order.fifo", Map.of("FifoQueue", "true"));
    q.send(fifoMessage("a1", "a", "1"));
    q.send(fifoMessage("a2", "a", "2"));
    q.send(fifoMessage("b1", "b", "3"));
    List<Delivery> first = receive(q, 1);
    assertEquals("a1", first.get(0).message().body());
    // group a is blocked while a1 is in flight; b is not
    List<Delivery> next = receive(q, 10);
    assertEquals(List.of("b1"), next.stream().map(d -> d.message().body()).toList());
    q.delete(first.get(0).receiptHandle());
    assertEquals("a2", receive(q, 10).get(0).message().body());
  }

  @Test
  void fifoRejectsPerMessageDelayAndRequiresGroupAndDeduplication() {
    Queue q = create("rules.fifo", Map.of("FifoQueue", "true"));
    assertEquals("MissingParameter", assertThrows(AwsException.class, () -> q.send(message("x"))).code());
    assertEquals("InvalidParameterValue", assertThrows(AwsException.class, () -> q.send(fifoMessage("x", "g", null))).code());
    SendRequest delayed = new SendRequest("x", 5, Collections.emptySortedMap(), Collections.emptySortedMap(), "g", "d", ACCOUNT);
    assertEquals("InvalidParameterValue", assertThrows(AwsException.class, () -> q.send(delayed)).code());
  }

  @Test
  void messageMovesToDeadLetterQueueAfterMaxReceiveCount() {
    Queue dlq = create("dlq", Map.of());
    Queue q = create("source", Map.of(
        "VisibilityTimeout", "1",
        "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"2\"}"));
    q.send(message("poison"));
    assertEquals(1, receive(q, 1).size());
    advance(Duration.ofSeconds(1));
    assertEquals(1, receive(q, 1).size());
    advance(Duration.ofSeconds(1));
    assertEquals(0, receive(q, 1).size());
    List<Delivery> dead = receive(dlq, 1);
    assertEquals("poison", dead.get(0).message().body());
    assertEquals(q.arn(), dead.get(0).message().deadLetterSourceArn());
    assertEquals(List.of(q), engine.deadLetterSources(dlq));
  }

  @Test
  void longPollReturnsAsSoonAsMessageIsSent() throws Exception {
    Queue q = create("poll", Map.of());
    CompletableFuture<List<Delivery>> poll =
        CompletableFuture.supplyAsync(() -> q.receive(1, 30, 20, null, engine::byArn));
    awaitWaiter();
    q.send(message("wake up"));
    List<Delivery> got = poll.get(10, TimeUnit.SECONDS);
    assertEquals("wake up", got.get(0).message().body());
  }

  @Test
  void longPollEndsWhenClockPassesItsDeadline() throws Exception {
    Queue q = create("deadline", Map.of());
    CompletableFuture<List<Delivery>> poll =
        CompletableFuture.supplyAsync(() -> q.receive(1, 30, 20, null, engine::byArn));
    awaitWaiter();
    advance(Duration.ofSeconds(19));
    Thread.onSpinWait();
    assertTrue(!poll.isDone() || poll.get().isEmpty());
    advance(Duration.ofSeconds(1));
    assertEquals(List.of(), poll.get(10, TimeUnit.SECONDS));
  }

  @Test
  void longPollWakesWhenAnInFlightMessageBecomesVisible() throws Exception {
    Queue q = create("return", Map.of("VisibilityTimeout", "5"));
    q.send(message("back"));
    receive(q, 1);
    CompletableFuture<List<Delivery>> poll =
        CompletableFuture.supplyAsync(() -> q.receive(1, 30, 20, null, engine::byArn));
    awaitWaiter();
    advance(Duration.ofSeconds(5));
    assertEquals("back", poll.get(10, TimeUnit.SECONDS).get(0).message().body());
  }

  /** A parked long poll has armed its wake-up timer. */
  private void awaitWaiter() throws InterruptedException {
    for (int i = 0; i < 1000 && scheduler.pending() == 0; i++) {
      Thread.sleep(5);
    }
    assertTrue(scheduler.pending() > 0, "long poll did not park");
  }

  @Test
  void createQueueAnswersExistingQueueOrQueueNameExists() {
    Queue q = create("same", Map.of("VisibilityTimeout", "40"));
    assertEquals(q, create("same", Map.of("VisibilityTimeout", "40")));
    AwsException e = assertThrows(AwsException.class, () -> create("same", Map.of("VisibilityTimeout", "41")));
    assertEquals("QueueNameExists", e.code());
    assertEquals("QueueAlreadyExists", e.queryCode());
  }

  @Test
  void deletedQueueNameIsReusableAfterSixtySeconds() {
    Queue q = create("gone", Map.of());
    engine.deleteQueue(q);
    AwsException e = assertThrows(AwsException.class, () -> create("gone", Map.of()));
    assertEquals("AWS.SimpleQueueService.QueueDeletedRecently", e.queryCode());
    advance(Duration.ofSeconds(60));
    create("gone", Map.of());
  }

  @Test
  void attributeRangesAreEnforced() {
    assertEquals("InvalidAttributeValue",
        assertThrows(AwsException.class, () -> create("bad", Map.of("VisibilityTimeout", "43201"))).code());
    assertEquals("InvalidAttributeValue",
        assertThrows(AwsException.class, () -> create("bad", Map.of("MessageRetentionPeriod", "59"))).code());
    assertEquals("InvalidAttributeName",
        assertThrows(AwsException.class, () -> create("bad", Map.of("Colour", "blue"))).code());
    assertEquals("InvalidAttributeName",
        assertThrows(AwsException.class, () -> create("bad", Map.of("ContentBasedDeduplication", "true"))).code());
  }

  @Test
  void purgeIsAllowedOncePerMinute() {
    Queue q = create("purge", Map.of());
    q.send(message("a"));
    q.purge();
    assertEquals(0, attribute(q, "ApproximateNumberOfMessages"));
    assertEquals("PurgeQueueInProgress", assertThrows(AwsException.class, q::purge).code());
    advance(Duration.ofSeconds(60));
    q.purge();
  }

  @Test
  void messageMoveTaskReturnsDeadLettersToTheirSource() {
    Queue dlq = create("move-dlq", Map.of());
    Queue q = create("move-src", Map.of(
        "VisibilityTimeout", "0",
        "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":1}"));
    for (int i = 0; i < 3; i++) {
      q.send(message("m" + i));
    }
    receive(q, 10);
    receive(q, 10); // past maxReceiveCount: all three move to the DLQ
    assertEquals(3, dlq.visibleCount());
    MessageMoveTasks.Task task = engine.moveTasks().start(dlq.arn(), null, 2);
    advance(Duration.ofSeconds(1));
    assertEquals(3, task.moved() + dlq.visibleCount());
    advance(Duration.ofSeconds(1));
    assertEquals("COMPLETED", task.status());
    assertEquals(3, task.moved());
    assertEquals(3, q.visibleCount());
    assertEquals(List.of(task), engine.moveTasks().list(dlq.arn(), 10));
    assertEquals("COMPLETED", task.toJson().path("Status").asText());
  }

  @Test
  void messageAttributeDigestMatchesAwsEncoding() {
    Queue q = create("md5", Map.of());
    TreeMap<String, MessageAttribute> attributes = new TreeMap<>();
    attributes.put("a", MessageAttribute.string("String", "b"));
    SendResult r = q.send(new SendRequest("body", null, attributes, Collections.emptySortedMap(), null, null, ACCOUNT));
    // MD5 of "body"
    assertEquals("841a2d689ad86bd1611447453c22c6fc", r.md5OfBody());
    // 00000001 'a' 00000006 'String' 01 00000001 'b', MD5 computed independently of MessageDigests
    assertEquals(md5Hex(new byte[] {0, 0, 0, 1, 'a', 0, 0, 0, 6, 'S', 't', 'r', 'i', 'n', 'g', 1, 0, 0, 0, 1, 'b'}),
        r.md5OfAttributes());
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
