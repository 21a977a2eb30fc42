package dev.fogbank.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pollers of an SQS event source mapping ("Using Lambda with Amazon SQS", Developer Guide):
 * each long-polls the queue (ReceiveMessage with a 20 s wait, on a virtual thread, so an idle
 * mapping costs a parked thread and a timer), gathers a batch up to BatchSize or until
 * MaximumBatchingWindowInSeconds has passed, invokes the function synchronously and deletes the
 * messages it processed. A failed batch is left alone: its messages become visible again after the
 * queue's visibility timeout, and the queue's own redrive policy moves them to its dead-letter
 * queue after maxReceiveCount receives. With ReportBatchItemFailures only the messages the
 * function names in {@code batchItemFailures} stay. Messages FilterCriteria rejects are deleted
 * without invoking the function, as Lambda does for SQS.
 *
 * <p>Polling starts with five pollers and, while pollers keep receiving full batches, adds up to 300
 * a minute (one per 200 ms of the emulator's clock), as Lambda scales SQS pollers, up to
 * ScalingConfig.MaximumConcurrency (default 1,250, Lambda's own ceiling for SQS); pollers beyond
 * the first five end when they find the queue empty.
 */
final class SqsPoller implements EventSourceMapping.Source {

  private static final Logger log = LoggerFactory.getLogger(SqsPoller.class);

  /** ReceiveMessage's own limits. */
  private static final int RECEIVE_MAX = 10;

  private static final int LONG_POLL_SECONDS = 20;
  /** Lambda's 6 MB invocation payload limit bounds a batch. */
  private static final int PAYLOAD_LIMIT = 6 * 1024 * 1024;

  private static final int INITIAL_POLLERS = 5;
  private static final int DEFAULT_MAXIMUM_CONCURRENCY = 1250;
  /** 300 more pollers a minute at most. */
  private static final long SCALE_UP_INTERVAL_MILLIS = 200;

  /** What a poller needs of its mapping, fixed when the mapping is enabled or updated. */
  record Settings(
      String queueArn,
      String functionArn,
      int batchSize,
      int windowSeconds,
      boolean reportBatchItemFailures,
      EventFilter filter,
      int maximumConcurrency) {

    static Settings of(JsonNode config) {
      JsonNode scaling = config.path("ScalingConfig").path("MaximumConcurrency");
      boolean partial = false;
      for (JsonNode t : config.path("FunctionResponseTypes")) {
        partial |= t.asText().equals("ReportBatchItemFailures");
      }
      return new Settings(
          config.path("EventSourceArn").asText(),
          config.path("FunctionArn").asText(),
          config.path("BatchSize").asInt(10),
          config.path("MaximumBatchingWindowInSeconds").asInt(0),
          partial,
          EventFilter.of(config.get("FilterCriteria")),
          scaling.isNumber() ? scaling.asInt() : DEFAULT_MAXIMUM_CONCURRENCY);
    }
  }

  private final Settings settings;
  private final InProcessClient client;
  private final Clock clock;
  private final Scheduler scheduler;

  /** After a failed ReceiveMessage (the queue deleted, say) a poller tries again this much later. */
  private static final java.time.Duration ERROR_BACKOFF = java.time.Duration.ofSeconds(10);
  private final FunctionCaller caller;
  private final String account;
  private final String region;
  private final String queueUrl;
  private final boolean fifo;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger pollers = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong lastScaleUp = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE / 2);
  /** Pollers parked in ReceiveMessage: the ones stop() interrupts (never one that is invoking). */
  private final Set<Thread> receiving = new HashSet<>();
  private final EventSourceMapping mapping;

  SqsPoller(EventSourceMapping mapping, Settings settings, InProcessClient client, Scheduler scheduler, String queueUrl) {
    this.mapping = mapping;
    this.settings = settings;
    this.client = client;
    this.scheduler = scheduler;
    this.clock = scheduler.clock();
    this.caller = new FunctionCaller(client);
    String[] arn = settings.queueArn().split(":");
    this.region = arn[3];
    this.account = arn[4];
    this.queueUrl = queueUrl;
    this.fifo = arn[5].endsWith(".fifo");
  }

  void start() {
    int initial = Math.min(INITIAL_POLLERS, settings.maximumConcurrency());
    for (int i = 0; i < initial; i++) {
      spawn(false);
    }
  }

  private void spawn(boolean extra) {
    pollers.incrementAndGet();
    Thread.ofVirtual().name("esm-sqs-" + mapping.uuid()).start(() -> poll(extra));
  }

  @Override
  public void stop() {
    synchronized (receiving) {
      running.set(false);
      receiving.forEach(Thread::interrupt);
    }
  }

  private void poll(boolean extra) {
    try {
      while (running.get() && !Thread.currentThread().isInterrupted()) {
        List<JsonNode> batch;
        try {
          batch = batch();
        } catch (AwsException e) {
          // Lambda keeps polling a queue it cannot read (deleted, recreated) and says why.
          log.warn("event source mapping {} could not read {}: {}", mapping.uuid(), settings.queueArn(), e.toString());
          if (extra) {
            return;
          }
          backOff();
          continue;
        }
        if (!running.get()) {
          release(batch);
          return;
        }
        if (batch.isEmpty()) {
          if (extra) {
            return;
          }
          continue;
        }
        if (batch.size() >= Math.min(settings.batchSize(), RECEIVE_MAX) && pollers.get() < settings.maximumConcurrency()) {
          long now = clock.millis();
          long last = lastScaleUp.get();
          if (now - last >= SCALE_UP_INTERVAL_MILLIS && lastScaleUp.compareAndSet(last, now)) {
            spawn(true);
          }
        }
        if (!process(batch) && extra) {
          return; // throttled: Lambda scales its pollers back
        }
      }
    } catch (RuntimeException e) {
      if (running.get()) {
        log.warn("event source mapping {} stopped polling {}", mapping.uuid(), settings.queueArn(), e);
        mapping.lastProcessingResult("PROBLEM: " + e.getMessage());
      }
    } finally {
      pollers.decrementAndGet();
    }
  }

  private void backOff() {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    Scheduler.Timer timer = scheduler.schedule(ERROR_BACKOFF, () -> done.complete(null));
    Thread self = Thread.currentThread();
    synchronized (receiving) {
      if (!running.get()) {
        timer.cancel();
        return;
      }
      receiving.add(self);
    }
    try {
      done.get();
    } catch (InterruptedException e) {
      // stopped: the loop sees running is false
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      timer.cancel();
      synchronized (receiving) {
        receiving.remove(self);
        Thread.interrupted();
      }
    }
  }

  /** One batch: the first receive waits up to 20 s; a batching window then gathers more. */
  private List<JsonNode> batch() {
    List<JsonNode> batch = new ArrayList<>(receive(Math.min(settings.batchSize(), RECEIVE_MAX), LONG_POLL_SECONDS));
    if (batch.isEmpty() || settings.windowSeconds() == 0 && settings.batchSize() <= RECEIVE_MAX) {
      return batch;
    }
    long deadline = clock.millis() + settings.windowSeconds() * 1000L;
    int bytes = size(batch);
    while (running.get() && batch.size() < settings.batchSize() && bytes < PAYLOAD_LIMIT) {
      long left = deadline - clock.millis();
      if (left <= 0) {
        break;
      }
      int wait = (int) Math.min(LONG_POLL_SECONDS, (left + 999) / 1000);
      List<JsonNode> more = receive(Math.min(settings.batchSize() - batch.size(), RECEIVE_MAX), wait);
      batch.addAll(more);
      bytes += size(more);
    }
    return batch;
  }

  private static int size(List<JsonNode> messages) {
    int n = 0;
    for (JsonNode m : messages) {
      n += m.path("Body").asText().length() + 512;
    }
    return n;
  }

  private List<JsonNode> receive(int max, int waitSeconds) {
    ObjectNode input = Json.object();
    input.put("QueueUrl", queueUrl);
    input.put("MaxNumberOfMessages", max);
    input.put("WaitTimeSeconds", waitSeconds);
    input.putArray("AttributeNames").add("All");
    input.putArray("MessageAttributeNames").add("All");
    JsonNode out;
    Thread self = Thread.currentThread();
    synchronized (receiving) {
      if (!running.get()) {
        return List.of();
      }
      receiving.add(self);
    }
    try {
      out = client.call("sqs", "ReceiveMessage", account, region, input);
    } catch (AwsException e) {
      if (!running.get()) {
        return List.of();
      }
      throw e;
    } finally {
      synchronized (receiving) {
        receiving.remove(self);
        Thread.interrupted(); // a stop's interrupt is meant for the receive only
      }
    }
    List<JsonNode> messages = new ArrayList<>();
    out.path("Messages").forEach(messages::add);
    return messages;
  }

  /** Processes a batch; false when the function was throttled. */
  private boolean process(List<JsonNode> batch) {
    List<ObjectNode> records = new ArrayList<>();
    List<JsonNode> filtered = new ArrayList<>();
    for (JsonNode m : batch) {
      ObjectNode r = SqsRecords.record(m, settings.queueArn(), region);
      if (settings.filter().matches(SqsRecords.filterView(r))) {
        records.add(r);
      } else {
        filtered.add(m);
      }
    }
    delete(filtered);
    if (records.isEmpty()) {
      return true;
    }
    FunctionCaller.Result result = caller.invoke(settings.functionArn(), FunctionCaller.event(records));
    if (!result.succeeded()) {
      return !result.throttled();
    }
    Set<String> failed = settings.reportBatchItemFailures() ? failures(result.payload(), records) : Set.of();
    if (failed == null) {
      return true; // an invalid response fails the whole batch
    }
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    batch.forEach(m -> byId.put(m.path("MessageId").asText(), m));
    List<JsonNode> done = new ArrayList<>();
    Set<String> blockedGroups = new HashSet<>();
    for (ObjectNode r : records) {
      String id = r.path("messageId").asText();
      String group = r.path("attributes").path("MessageGroupId").asText(null);
      if (failed.contains(id)) {
        if (fifo && group != null) {
          blockedGroups.add(group);
        }
        continue;
      }
      // FIFO: a group's messages after a failed one stay too, so that the group keeps its order.
      if (fifo && group != null && blockedGroups.contains(group)) {
        continue;
      }
      done.add(byId.get(id));
    }
    delete(done);
    return true;
  }

  /**
   * The message ids of a {@code batchItemFailures} response, or null when the response is not a
   * valid one (an itemIdentifier that is empty, missing or not in the batch), which fails the
   * whole batch ("Implementing partial batch responses").
   */
  private static Set<String> failures(byte[] payload, List<ObjectNode> records) {
    JsonNode response;
    try {
      response = payload.length == 0 ? null : Json.MAPPER.readTree(payload);
    } catch (java.io.IOException e) {
      return Set.of();
    }
    if (response == null || !response.isObject() || !response.has("batchItemFailures")) {
      return Set.of();
    }
    JsonNode list = response.get("batchItemFailures");
    if (list.isNull()) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.path("messageId").asText()));
    Set<String> failed = new HashSet<>();
    for (JsonNode f : list) {
      String id = f.path("itemIdentifier").asText(null);
      if (id == null || id.isEmpty() || !ids.contains(id)) {
        return null;
      }
      failed.add(id);
    }
    return failed;
  }

  private void delete(List<JsonNode> messages) {
    for (int i = 0; i < messages.size(); i += RECEIVE_MAX) {
      ObjectNode input = Json.object();
      input.put("QueueUrl", queueUrl);
      ArrayNode entries = input.putArray("Entries");
      for (int j = i; j < Math.min(messages.size(), i + RECEIVE_MAX); j++) {
        entries.addObject().put("Id", "m" + j).put("ReceiptHandle", messages.get(j).path("ReceiptHandle").asText());
      }
      try {
        client.call("sqs", "DeleteMessageBatch", account, region, input);
      } catch (AwsException e) {
        log.warn("could not delete processed messages from {}: {}", settings.queueArn(), e.toString());
      }
    }
  }

  /** Messages received as the mapping stopped go back to the queue at once. */
  private void release(List<JsonNode> messages) {
    for (JsonNode m : messages) {
      ObjectNode input = Json.object();
      input.put("QueueUrl", queueUrl);
      input.put("ReceiptHandle", m.path("ReceiptHandle").asText());
      input.put("VisibilityTimeout", 0);
      try {
        client.call("sqs", "ChangeMessageVisibility", account, region, input);
      } catch (AwsException e) {
        log.debug("could not release a message: {}", e.toString());
      }
    }
  }
}
