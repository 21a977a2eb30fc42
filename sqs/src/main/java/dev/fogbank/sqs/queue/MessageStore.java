package dev.fogbank.sqs.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * How a queue keeps its messages: standard (best-effort order) or FIFO (strict order per message
 * group). Every method runs under the queue's lock.
 */
interface MessageStore {

  /** Counts of visible, in-flight and delayed messages (the Approximate* attributes). */
  record Counts(long visible, long notVisible, long delayed) {}

  void add(Message m);

  /**
   * Takes up to {@code max} receivable messages, making them in flight until {@code visibleAt}.
   * Messages past retention are dropped; messages received {@code maxReceiveCount} times already
   * go to {@code deadLetters} instead (0: no redrive).
   */
  void receive(
      long now, int max, long visibleAt, long retentionMillis, int maxReceiveCount, List<Message> out, List<Message> deadLetters);

  Message byId(String id);

  void remove(Message m);

  /** Makes an in-flight message visible again at {@code visibleAt} (now: at once). */
  void changeVisibility(Message m, long visibleAt, long now);

  /** When the next message not yet visible becomes visible, or Long.MAX_VALUE. */
  long nextVisibleAt(long now);

  /** Drops messages past retention and counts the rest. */
  Counts counts(long now, long retentionMillis);

  /**
   * Drops messages past retention and counts the rest; {@code visible} says which count as
   * visible, as the two stores track that differently.
   */
  default Counts count(long now, long retentionMillis, Predicate<Message> visible) {
    List<Message> expired = new ArrayList<>();
    long visibleCount = 0;
    long inFlight = 0;
    long delayed = 0;
    for (Message m : all()) {
      if (now - m.sentTimestamp >= retentionMillis) {
        expired.add(m);
      } else if (visible.test(m)) {
        visibleCount++;
      } else if (m.receiveCount > 0 && m.state == Message.State.IN_FLIGHT) {
        inFlight++;
      } else {
        delayed++;
      }
    }
    expired.forEach(this::remove);
    return new Counts(visibleCount, inFlight, delayed);
  }

  /** Removes and returns up to {@code max} visible messages (message move tasks). */
  List<Message> takeVisible(long now, int max);

  int size();

  void clear();

  Collection<Message> all();
}
