package dev.fogbank.sqs.queue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FIFO queue's deduplication window: a message whose deduplication id was accepted in the last
 * five minutes is accepted again but not enqueued, and the send answers the first message's id
 * (SQS Developer Guide, "Exactly-once processing"). Entries are kept in acceptance order, so
 * expired ones are dropped from the head.
 */
final class Deduplication {

  static final long WINDOW_MILLIS = 5 * 60 * 1000L;

  record Accepted(String messageId, String sequenceNumber, long expiresAt) {}

  private final LinkedHashMap<String, Accepted> accepted = new LinkedHashMap<>();

  /** The earlier message with this key inside the window, or null. */
  Accepted find(String key, long now) {
    for (Iterator<Map.Entry<String, Accepted>> it = accepted.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().expiresAt > now) {
        break;
      }
      it.remove();
    }
    return accepted.get(key);
  }

  void remember(String key, String messageId, String sequenceNumber, long now) {
    accepted.put(key, new Accepted(messageId, sequenceNumber, now + WINDOW_MILLIS));
  }

  void clear() {
    accepted.clear();
  }
}
