package dev.fogbank.sqs.queue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FIFO {@code ReceiveRequestAttemptId}: a retried receive with the same attempt id within five
 * minutes gets the same messages and receipt handles back, as long as they are still in flight
 * from that receive (ReceiveMessage API reference).
 */
final class ReceiveAttempts {

  private static final long WINDOW_MILLIS = 5 * 60 * 1000L;

  private record Attempt(List<Delivery> deliveries, List<Integer> generations, long expiresAt) {}

  private final LinkedHashMap<String, Attempt> attempts = new LinkedHashMap<>();

  List<Delivery> replay(String attemptId, long now) {
    for (Iterator<Map.Entry<String, Attempt>> it = attempts.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().expiresAt > now) {
        break;
      }
      it.remove();
    }
    Attempt attempt = attempts.get(attemptId);
    if (attempt == null) {
      return null;
    }
    for (int i = 0; i < attempt.deliveries.size(); i++) {
      Message m = attempt.deliveries.get(i).message();
      if (m.state != Message.State.IN_FLIGHT || m.visibleAt <= now || m.generation != attempt.generations.get(i)) {
        attempts.remove(attemptId);
        return null;
      }
    }
    return attempt.deliveries;
  }

  void remember(String attemptId, List<Delivery> deliveries, long now) {
    attempts.remove(attemptId);
    attempts.put(
        attemptId,
        new Attempt(deliveries, deliveries.stream().map(d -> d.message().generation).toList(), now + WINDOW_MILLIS));
  }
}
