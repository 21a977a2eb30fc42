package dev.fogbank.lambda.esm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event source mapping: its configuration as GetEventSourceMapping answers it (UUID, State,
 * EventSourceArn, FunctionArn, BatchSize…) and, while it is Enabled, the pollers that read its
 * source.
 */
public final class EventSourceMapping {

  /** The running side of a mapping: pollers that end when the mapping is disabled or deleted. */
  interface Source {
    void stop();
  }

  private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

  private final String uuid;
  private final long created = SEQUENCE.incrementAndGet();
  private final String account;
  private final String region;
  private ObjectNode config;
  private Source source;
  /** Stream sources: the last sequence number processed per shard. */
  private final java.util.Map<String, String> checkpoints = new java.util.concurrent.ConcurrentHashMap<>();

  EventSourceMapping(String uuid, String account, String region, ObjectNode config) {
    this.uuid = uuid;
    this.account = account;
    this.region = region;
    this.config = config;
  }

  public String uuid() {
    return uuid;
  }

  /** Creation order, for listing. */
  long created() {
    return created;
  }

  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  /** The configuration (a copy). */
  public synchronized ObjectNode view() {
    return config.deepCopy();
  }

  /** The configuration itself, for the operations that change it under this mapping's lock. */
  public synchronized ObjectNode config() {
    return config;
  }

  public synchronized void config(ObjectNode config) {
    this.config = config;
  }

  public synchronized String state() {
    return config.path("State").asText();
  }

  public synchronized void state(String state) {
    config.put("State", state);
  }

  /** What the last batch came to, as LastProcessingResult reports it. */
  synchronized void lastProcessingResult(String result) {
    if (config.has("LastProcessingResult")) {
      config.put("LastProcessingResult", result);
    }
  }

  String checkpoint(String shardId) {
    return checkpoints.get(shardId);
  }

  void checkpoint(String shardId, String sequenceNumber) {
    checkpoints.put(shardId, sequenceNumber);
  }

  synchronized Source source() {
    return source;
  }

  /** Replaces the running source, stopping the old one. */
  void source(Source next) {
    Source old;
    synchronized (this) {
      old = source;
      source = next;
    }
    if (old != null) {
      old.stop();
    }
  }
}
