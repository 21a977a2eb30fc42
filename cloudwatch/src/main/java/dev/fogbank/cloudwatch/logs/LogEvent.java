package dev.fogbank.cloudwatch.logs;

import java.nio.charset.StandardCharsets;

/**
 * One stored log event. {@code sequence} is the order of ingestion across the account and region:
 * it breaks ties between events of the same timestamp and makes the event id.
 */
record LogEvent(long timestamp, String message, long ingestionTime, long sequence) {

  /** CloudWatch Logs counts an event as its UTF-8 message plus 26 bytes (PutLogEvents quotas). */
  static final int OVERHEAD = 26;

  int size() {
    return message.getBytes(StandardCharsets.UTF_8).length + OVERHEAD;
  }

  /** Event ids are decimal strings of 56 digits, as CloudWatch Logs prints them. */
  String eventId() {
    return String.format("%056d", sequence);
  }
}
