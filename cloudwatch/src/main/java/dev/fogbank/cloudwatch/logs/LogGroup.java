package dev.fogbank.cloudwatch.logs;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A log group: its streams, retention and tags. */
final class LogGroup {

  private static final long DAY = 86_400_000L;

  private final String name;
  private final String arn;
  private final long creationTime;
  private final String kmsKeyId;
  private final String logGroupClass;
  private final ConcurrentSkipListMap<String, LogStream> streams = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<String, MetricFilter> metricFilters = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<String, SubscriptionFilter> subscriptionFilters = new ConcurrentSkipListMap<>();
  private final Map<String, String> tags = new TreeMap<>();
  private volatile Integer retentionInDays;

  LogGroup(String name, String arn, long creationTime, String kmsKeyId, String logGroupClass) {
    this.name = name;
    this.arn = arn;
    this.creationTime = creationTime;
    this.kmsKeyId = kmsKeyId;
    this.logGroupClass = logGroupClass;
  }

  String name() {
    return name;
  }

  /** The ARN without the trailing {@code :*} (tagging, logGroupIdentifier). */
  String arn() {
    return arn;
  }

  long creationTime() {
    return creationTime;
  }

  String kmsKeyId() {
    return kmsKeyId;
  }

  String logGroupClass() {
    return logGroupClass;
  }

  ConcurrentSkipListMap<String, LogStream> streams() {
    return streams;
  }

  ConcurrentSkipListMap<String, MetricFilter> metricFilters() {
    return metricFilters;
  }

  ConcurrentSkipListMap<String, SubscriptionFilter> subscriptionFilters() {
    return subscriptionFilters;
  }

  Integer retentionInDays() {
    return retentionInDays;
  }

  void retentionInDays(Integer days) {
    this.retentionInDays = days;
  }

  /**
   * The oldest timestamp an event may have and still be kept: events older than the retention
   * period expire (CloudWatch Logs deletes them by event timestamp), on the emulator's clock.
   */
  long oldestKept(long now) {
    Integer days = retentionInDays;
    return days == null ? Long.MIN_VALUE : now - days * DAY;
  }

  synchronized Map<String, String> tags() {
    return new TreeMap<>(tags);
  }

  synchronized void tag(Map<String, String> add) {
    tags.putAll(add);
  }

  synchronized void untag(Iterable<String> keys) {
    keys.forEach(tags::remove);
  }
}
