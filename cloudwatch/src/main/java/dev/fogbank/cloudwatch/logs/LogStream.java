package dev.fogbank.cloudwatch.logs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** A log stream: its events kept in timestamp order (ties in ingestion order). */
final class LogStream {

  private static final Comparator<LogEvent> ORDER =
      Comparator.comparingLong(LogEvent::timestamp).thenComparingLong(LogEvent::sequence);

  private final String name;
  private final String arn;
  private final long creationTime;
  private final List<LogEvent> events = new ArrayList<>();
  private Long firstEventTimestamp;
  private Long lastEventTimestamp;
  private Long lastIngestionTime;
  private long uploads;
  /** The size of the events held, kept as they come and go. */
  private long bytes;

  LogStream(String name, String arn, long creationTime) {
    this.name = name;
    this.arn = arn;
    this.creationTime = creationTime;
  }

  String name() {
    return name;
  }

  String arn() {
    return arn;
  }

  long creationTime() {
    return creationTime;
  }

  synchronized Long firstEventTimestamp() {
    return firstEventTimestamp;
  }

  synchronized Long lastEventTimestamp() {
    return lastEventTimestamp;
  }

  synchronized Long lastIngestionTime() {
    return lastIngestionTime;
  }

  /** The token PutLogEvents hands back; no longer checked by CloudWatch Logs, but still sent. */
  synchronized String uploadSequenceToken() {
    return String.format("%056d", uploads + 1);
  }

  synchronized void append(List<LogEvent> batch, long now) {
    for (LogEvent e : batch) {
      int at = Collections.binarySearch(events, e, ORDER);
      events.add(at < 0 ? -at - 1 : at, e);
      bytes += e.size();
      if (firstEventTimestamp == null || e.timestamp() < firstEventTimestamp) {
        firstEventTimestamp = e.timestamp();
      }
      if (lastEventTimestamp == null || e.timestamp() > lastEventTimestamp) {
        lastEventTimestamp = e.timestamp();
      }
    }
    lastIngestionTime = now;
    uploads++;
  }

  /** The events not yet expired ({@code timestamp >= oldest}), in order. */
  synchronized List<LogEvent> events(long oldest) {
    expire(oldest);
    return List.copyOf(events);
  }

  synchronized long storedBytes(long oldest) {
    expire(oldest);
    return bytes;
  }

  /** Drops the events older than {@code oldest}: the first ones, as events are in time order. */
  private void expire(long oldest) {
    int n = 0;
    while (n < events.size() && events.get(n).timestamp() < oldest) {
      bytes -= events.get(n).size();
      n++;
    }
    if (n > 0) {
      events.subList(0, n).clear();
    }
  }
}
