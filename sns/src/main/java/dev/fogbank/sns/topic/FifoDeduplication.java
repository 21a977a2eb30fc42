package dev.fogbank.sns.topic;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FIFO topic's deduplication window: a message whose deduplication id was seen in the last five
 * minutes is accepted (same message id answered) but not delivered again.
 */
public final class FifoDeduplication {

  /** SNS FIFO: "any message sent with the same MessageDeduplicationId during the 5-minute deduplication interval is treated as a duplicate". */
  public static final long WINDOW_MILLIS = 5 * 60 * 1000L;

  public record Seen(String messageId, String sequenceNumber, long expiresAt) {}

  private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();

  /** The earlier message this id duplicates, or null after recording it as {@code messageId}. */
  public synchronized Seen checkAndRecord(String dedupId, String messageId, String sequenceNumber, long now) {
    expire(now);
    Seen previous = seen.get(dedupId);
    if (previous != null) {
      return previous;
    }
    seen.put(dedupId, new Seen(messageId, sequenceNumber, now + WINDOW_MILLIS));
    return null;
  }

  private void expire(long now) {
    for (Iterator<Map.Entry<String, Seen>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().expiresAt() > now) {
        break;
      }
      it.remove();
    }
  }
}
