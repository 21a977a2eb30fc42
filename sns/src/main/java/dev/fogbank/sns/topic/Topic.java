package dev.fogbank.sns.topic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SNS topic: its attributes, tags, data protection policy and subscriptions, and for FIFO
 * topics the deduplication window and the sequence numbers it hands out.
 */
public final class Topic {

  private final String arn;
  private final String name;
  private final String account;
  private final String region;
  private final boolean fifo;
  /** Attributes set by the user, by SNS's names; computed ones are added when read. */
  private final Map<String, String> attributes = new ConcurrentHashMap<>();
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final FifoDeduplication deduplication = new FifoDeduplication();
  /** FIFO sequence numbers: 20 digits, increasing, as SNS answers them. */
  private final AtomicLong sequence = new AtomicLong(10_000_000_000_000_000L);
  private final AtomicLong subscriptionsDeleted = new AtomicLong();
  private volatile String dataProtectionPolicy;
  /** Unsubscribed HTTP/S subscriptions by the token of their UnsubscribeConfirmation. */
  private final Map<String, Subscription> cancelled = new ConcurrentHashMap<>();

  public Topic(String arn, String name, String account, String region, boolean fifo) {
    this.arn = arn;
    this.name = name;
    this.account = account;
    this.region = region;
    this.fifo = fifo;
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  public boolean fifo() {
    return fifo;
  }

  public Map<String, String> attributes() {
    return attributes;
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  public boolean contentBasedDeduplication() {
    return "true".equalsIgnoreCase(attributes.get("ContentBasedDeduplication"));
  }

  /** The tags; callers synchronise on the map. */
  public Map<String, String> tags() {
    return tags;
  }

  public List<Subscription> subscriptions() {
    return subscriptions;
  }

  /**
   * Subscriptions an Unsubscribe ended, by the token their UnsubscribeConfirmation carried:
   * ConfirmSubscription with that token restores one.
   */
  public Map<String, Subscription> cancelled() {
    return cancelled;
  }

  public FifoDeduplication deduplication() {
    return deduplication;
  }

  public String nextSequenceNumber() {
    return String.format("%020d", sequence.incrementAndGet());
  }

  public void subscriptionDeleted() {
    subscriptionsDeleted.incrementAndGet();
  }

  public long subscriptionsDeleted() {
    return subscriptionsDeleted.get();
  }

  public String dataProtectionPolicy() {
    return dataProtectionPolicy;
  }

  public void dataProtectionPolicy(String policy) {
    this.dataProtectionPolicy = policy;
  }
}
