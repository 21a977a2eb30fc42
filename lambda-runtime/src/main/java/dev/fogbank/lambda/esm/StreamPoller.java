package dev.fogbank.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.retry.RetryPolicy;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.lambda.invoke.EventDestinations;
import dev.fogbank.lambda.metrics.LambdaMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller of a DynamoDB Streams event source mapping ("Using Lambda with Amazon DynamoDB",
 * Developer Guide): one reader per shard, from StartingPosition, in sequence order. A batch (up to
 * BatchSize records, gathered for up to MaximumBatchingWindowInSeconds) is retried until it
 * succeeds, MaximumRetryAttempts is spent or its oldest record is older than
 * MaximumRecordAgeInSeconds (-1: no limits, up to the stream's 24-hour retention); the shard waits
 * meanwhile, which keeps its order. BisectBatchOnFunctionError splits a failing batch in two
 * (without counting a retry); ReportBatchItemFailures resumes from the lowest failed sequence
 * number; ParallelizationFactor processes up to ten batches of a shard at once, records of one
 * key always in the same one. A discarded batch's position goes to DestinationConfig.OnFailure
 * as a {@code DDBStreamBatchInfo} record.
 *
 * <p>An idle reader parks until the event bus says its stream has a new record (or a few minutes
 * of the emulator's clock pass, to renew its shard iterator), so idle mappings cost nothing.
 */
final class StreamPoller implements EventSourceMapping.Source {

  private static final Logger log = LoggerFactory.getLogger(StreamPoller.class);

  /** An idle reader renews its iterator well within the 15 minutes one stays valid. */
  private static final Duration IDLE_RENEWAL = Duration.ofMinutes(5);

  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /** DynamoDB Streams keeps records 24 hours: "-1" (no age limit) means until then. */
  private static final long RETENTION_SECONDS = 24 * 3600;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ARRIVAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** What a reader needs of its mapping. */
  record Settings(
      String streamArn,
      String functionArn,
      String startingPosition,
      int batchSize,
      int windowSeconds,
      boolean bisect,
      int maximumRetryAttempts,
      int maximumRecordAgeSeconds,
      int parallelizationFactor,
      boolean reportBatchItemFailures,
      String onFailure,
      EventFilter filter) {

    static Settings of(JsonNode c) {
      boolean partial = false;
      for (JsonNode t : c.path("FunctionResponseTypes")) {
        partial |= t.asText().equals("ReportBatchItemFailures");
      }
      String onFailure = c.path("DestinationConfig").path("OnFailure").path("Destination").asText(null);
      return new Settings(
          c.path("EventSourceArn").asText(),
          c.path("FunctionArn").asText(),
          c.path("StartingPosition").asText("LATEST"),
          c.path("BatchSize").asInt(100),
          c.path("MaximumBatchingWindowInSeconds").asInt(0),
          c.path("BisectBatchOnFunctionError").asBoolean(false),
          c.path("MaximumRetryAttempts").asInt(-1),
          c.path("MaximumRecordAgeInSeconds").asInt(-1),
          c.path("ParallelizationFactor").asInt(1),
          partial,
          onFailure == null || onFailure.isEmpty() ? null : onFailure,
          EventFilter.of(c.get("FilterCriteria")));
    }
  }

  private final EventSourceMapping mapping;
  private final Settings settings;
  private final InProcessClient client;
  private final Clock clock;
  private final Scheduler scheduler;
  private final FunctionCaller caller;
  private final EventDestinations destinations;
  private final LambdaMetrics.FunctionMetrics metrics;
  private final String account;
  private final String region;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Semaphore wake = new Semaphore(0);
  /** Readers parked idle or in a backoff: the ones stop() interrupts (never one that is invoking). */
  private final Set<Thread> waiting = new java.util.HashSet<>();

  StreamPoller(
      EventSourceMapping mapping,
      Settings settings,
      InProcessClient client,
      Scheduler scheduler,
      EventDestinations destinations,
      LambdaMetrics.FunctionMetrics metrics) {
    this.mapping = mapping;
    this.settings = settings;
    this.client = client;
    this.clock = scheduler.clock();
    this.scheduler = scheduler;
    this.caller = new FunctionCaller(client);
    this.destinations = destinations;
    this.metrics = metrics;
    String[] arn = settings.streamArn().split(":");
    this.region = arn[3];
    this.account = arn[4];
  }

  String streamArn() {
    return settings.streamArn();
  }

  void start() {
    JsonNode description = call("DescribeStream", Json.object().put("StreamArn", settings.streamArn()));
    for (JsonNode shard : description.path("StreamDescription").path("Shards")) {
      String shardId = shard.path("ShardId").asText();
      Thread.ofVirtual().name("esm-stream-" + mapping.uuid()).start(() -> read(shardId));
    }
  }

  /** The stream has a new record: idle readers look again. */
  void signal() {
    wake.release();
  }

  @Override
  public void stop() {
    synchronized (waiting) {
      running.set(false);
      waiting.forEach(Thread::interrupt);
    }
  }

  /** Runs a wait that stop() may cut short. */
  private void interruptibly(Runnable wait) {
    Thread self = Thread.currentThread();
    synchronized (waiting) {
      if (!running.get()) {
        return;
      }
      waiting.add(self);
    }
    try {
      wait.run();
    } finally {
      synchronized (waiting) {
        waiting.remove(self);
        Thread.interrupted();
      }
    }
  }

  private JsonNode call(String operation, ObjectNode input) {
    return client.call("dynamodbstreams", operation, account, region, input);
  }

  private String iterator(String shardId, String type, String sequenceNumber) {
    ObjectNode input = Json.object().put("StreamArn", settings.streamArn()).put("ShardId", shardId).put("ShardIteratorType", type);
    if (sequenceNumber != null) {
      input.put("SequenceNumber", sequenceNumber);
    }
    return call("GetShardIterator", input).path("ShardIterator").asText();
  }

  /**
   * An iterator after the mapping's checkpoint in the shard (an updated or re-enabled mapping
   * resumes where it stopped), or at StartingPosition for a new one; TRIM_HORIZON when the
   * checkpoint has been trimmed away.
   */
  private String start(String shardId, String checkpoint) {
    if (checkpoint == null) {
      return iterator(shardId, settings.startingPosition(), null);
    }
    try {
      return iterator(shardId, "AFTER_SEQUENCE_NUMBER", checkpoint);
    } catch (AwsException e) {
      if (!e.code().equals("TrimmedDataAccessException")) {
        throw e;
      }
      return iterator(shardId, "TRIM_HORIZON", null);
    }
  }

  private void read(String shardId) {
    try {
      String checkpoint = mapping.checkpoint(shardId);
      String iterator = start(shardId, checkpoint);
      while (running.get() && iterator != null) {
        List<ObjectNode> batch = new ArrayList<>();
        String next;
        try {
          next = fetch(iterator, batch);
        } catch (AwsException e) {
          if (!e.code().equals("ExpiredIteratorException")) {
            throw e;
          }
          iterator = start(shardId, checkpoint);
          continue;
        }
        if (batch.isEmpty()) {
          iterator = next;
          if (next != null) {
            idle(IDLE_RENEWAL);
          }
          continue;
        }
        if (settings.windowSeconds() > 0 && batch.size() < settings.batchSize() && next != null) {
          next = gather(next, batch);
        }
        process(shardId, batch);
        if (!running.get()) {
          return; // stopped while delivering: the batch is read again from the checkpoint
        }
        checkpoint = batch.get(batch.size() - 1).path("dynamodb").path("SequenceNumber").asText();
        mapping.checkpoint(shardId, checkpoint);
        iterator = next;
      }
    } catch (RuntimeException e) {
      if (running.get()) {
        log.warn("event source mapping {} stopped reading {}", mapping.uuid(), settings.streamArn(), e);
        mapping.lastProcessingResult("PROBLEM: " + e.getMessage());
      }
    }
  }

  /** Reads up to what the batch still holds; answers the next iterator (null: shard closed). */
  private String fetch(String iterator, List<ObjectNode> batch) {
    JsonNode out =
        call("GetRecords", Json.object().put("ShardIterator", iterator).put("Limit", settings.batchSize() - batch.size()));
    for (JsonNode r : out.path("Records")) {
      ObjectNode record = (ObjectNode) r;
      record.put("eventSourceARN", settings.streamArn());
      batch.add(record);
    }
    return out.path("NextShardIterator").asText(null);
  }

  /** MaximumBatchingWindowInSeconds: keeps reading until the batch is full or the window ends. */
  private String gather(String iterator, List<ObjectNode> batch) {
    long deadline = clock.millis() + settings.windowSeconds() * 1000L;
    String next = iterator;
    while (running.get() && next != null && batch.size() < settings.batchSize() && clock.millis() < deadline) {
      int before = batch.size();
      next = fetch(next, batch);
      if (batch.size() == before) {
        idle(Duration.ofMillis(deadline - clock.millis()));
      }
    }
    return next;
  }

  private void idle(Duration atMost) {
    if (atMost.isNegative() || atMost.isZero()) {
      return;
    }
    Scheduler.Timer timer = scheduler.schedule(atMost, wake::release);
    interruptibly(
        () -> {
          try {
            wake.acquire();
            wake.drainPermits();
          } catch (InterruptedException e) {
            running.set(false);
          } finally {
            timer.cancel();
          }
        });
  }

  private void pause(Duration d) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Scheduler.Timer timer = scheduler.schedule(d, () -> done.complete(null));
    interruptibly(
        () -> {
          try {
            done.get();
          } catch (InterruptedException e) {
            running.set(false);
          } catch (ExecutionException e) {
            throw new IllegalStateException(e);
          } finally {
            timer.cancel();
          }
        });
  }

  private void process(String shardId, List<ObjectNode> batch) {
    List<ObjectNode> records = new ArrayList<>();
    for (ObjectNode r : batch) {
      if (settings.filter().matches(r)) {
        records.add(r);
      }
    }
    long created = batch.get(batch.size() - 1).path("dynamodb").path("ApproximateCreationDateTime").asLong() * 1000;
    metrics.sample(LambdaMetrics.Sample.IteratorAge, Math.max(0, clock.millis() - created));
    if (records.isEmpty()) {
      return;
    }
    int factor = Math.max(1, settings.parallelizationFactor());
    if (factor == 1) {
      deliver(shardId, records);
      return;
    }
    // ParallelizationFactor: concurrent batches, a key's records always in the same one.
    List<List<ObjectNode>> parts = new ArrayList<>();
    for (int i = 0; i < factor; i++) {
      parts.add(new ArrayList<>());
    }
    for (ObjectNode r : records) {
      parts.get(Math.floorMod(r.path("dynamodb").path("Keys").toString().hashCode(), factor)).add(r);
    }
    List<Thread> workers = new ArrayList<>();
    for (List<ObjectNode> part : parts) {
      if (!part.isEmpty()) {
        workers.add(Thread.ofVirtual().start(() -> deliver(shardId, part)));
      }
    }
    for (Thread w : workers) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.set(false);
        return;
      }
    }
  }

  /** Delivers a batch until it succeeds or is discarded; bisects it on function errors if asked. */
  private void deliver(String shardId, List<ObjectNode> batch) {
    int retries = 0;
    int invocations = 0;
    int throttles = 0;
    List<ObjectNode> pending = batch;
    while (running.get()) {
      long oldest = pending.get(0).path("dynamodb").path("ApproximateCreationDateTime").asLong() * 1000;
      FunctionCaller.Result result = caller.invoke(settings.functionArn(), FunctionCaller.event(pending));
      if (result.throttled()) {
        throttles++;
        pause(backoff(throttles));
        continue;
      }
      invocations++;
      if (result.succeeded()) {
        List<ObjectNode> rest = settings.reportBatchItemFailures() ? unprocessed(result.payload(), pending) : List.of();
        if (rest.isEmpty()) {
          mapping.lastProcessingResult("OK");
          return;
        }
        pending = rest;
      } else {
        mapping.lastProcessingResult("PROBLEM: Function call failed");
        if (settings.bisect() && pending.size() > 1) {
          int half = pending.size() / 2;
          deliver(shardId, new ArrayList<>(pending.subList(0, half)));
          deliver(shardId, new ArrayList<>(pending.subList(half, pending.size())));
          return;
        }
      }
      long maxAge = settings.maximumRecordAgeSeconds() >= 0 ? settings.maximumRecordAgeSeconds() : RETENTION_SECONDS;
      if (clock.millis() - oldest > maxAge * 1000L) {
        discard(shardId, pending, "MaximumRecordAgeExceeded", invocations, result);
        return;
      }
      if (settings.maximumRetryAttempts() >= 0 && retries >= settings.maximumRetryAttempts()) {
        discard(shardId, pending, "RetryAttemptsExhausted", invocations, result);
        return;
      }
      retries++;
      pause(backoff(retries));
    }
  }

  /** Between retries of a batch: 1, 2, 4 … seconds, at most a minute. */
  private static final RetryPolicy BACKOFF =
      RetryPolicy.exponential(Integer.MAX_VALUE, Duration.ofSeconds(1), MAX_BACKOFF, 0, null);

  private static Duration backoff(int n) {
    return BACKOFF.delayBefore(n, 0, 0);
  }

  /**
   * The records from the lowest sequence number a {@code batchItemFailures} response names; an
   * invalid response (an identifier not in the batch) retries the whole batch, an empty one none.
   */
  private static List<ObjectNode> unprocessed(byte[] payload, List<ObjectNode> batch) {
    JsonNode response;
    try {
      response = payload.length == 0 ? null : Json.MAPPER.readTree(payload);
    } catch (java.io.IOException e) {
      return List.of();
    }
    if (response == null || !response.isObject() || !response.path("batchItemFailures").isArray()) {
      return List.of();
    }
    int lowest = Integer.MAX_VALUE;
    for (JsonNode f : response.get("batchItemFailures")) {
      String id = f.path("itemIdentifier").asText(null);
      int index = -1;
      for (int i = 0; i < batch.size(); i++) {
        if (batch.get(i).path("dynamodb").path("SequenceNumber").asText().equals(id)) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        return batch;
      }
      lowest = Math.min(lowest, index);
    }
    return lowest == Integer.MAX_VALUE ? List.of() : new ArrayList<>(batch.subList(lowest, batch.size()));
  }

  /** A batch Lambda gives up on: its place in the stream goes to the OnFailure destination. */
  private void discard(String shardId, List<ObjectNode> batch, String condition, int invocations, FunctionCaller.Result last) {
    log.info("event source mapping {} discarded {} records: {}", mapping.uuid(), batch.size(), condition);
    if (settings.onFailure() == null) {
      return;
    }
    ObjectNode record = Json.object();
    ObjectNode rc = record.putObject("requestContext");
    rc.put("requestId", UUID.randomUUID().toString());
    rc.put("functionArn", settings.functionArn());
    rc.put("condition", condition);
    rc.put("approximateInvokeCount", invocations);
    ObjectNode response = record.putObject("responseContext");
    response.put("statusCode", last.statusCode());
    response.put("executedVersion", last.executedVersion() == null ? "$LATEST" : last.executedVersion());
    if (last.error()) {
      response.put("functionError", "Unhandled");
    }
    record.put("version", "1.0");
    record.put("timestamp", TIMESTAMP.format(clock.now()));
    ObjectNode info = record.putObject("DDBStreamBatchInfo");
    JsonNode first = batch.get(0).path("dynamodb");
    JsonNode last2 = batch.get(batch.size() - 1).path("dynamodb");
    info.put("shardId", shardId);
    info.put("startSequenceNumber", first.path("SequenceNumber").asText());
    info.put("endSequenceNumber", last2.path("SequenceNumber").asText());
    info.put("approximateArrivalOfFirstRecord", ARRIVAL.format(Instant.ofEpochSecond(first.path("ApproximateCreationDateTime").asLong())));
    info.put("approximateArrivalOfLastRecord", ARRIVAL.format(Instant.ofEpochSecond(last2.path("ApproximateCreationDateTime").asLong())));
    info.put("batchSize", batch.size());
    info.put("streamArn", settings.streamArn());
    try {
      destinations.deliver(settings.onFailure(), record, false);
    } catch (RuntimeException e) {
      metrics.add(LambdaMetrics.Count.DestinationDeliveryFailures);
      log.warn("on-failure destination {} refused a batch record", settings.onFailure(), e);
    }
  }
}
