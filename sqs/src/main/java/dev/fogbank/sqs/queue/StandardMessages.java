package dev.fogbank.sqs.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A standard queue's messages: a deque of visible ones and a set of pending ones (delayed or in
 * flight) ordered by the time they become visible. A receive moves the due pending messages over
 * and takes from the head — O(log n) per message, never a scan. Deleted visible messages are
 * skipped lazily when they reach the head.
 */
final class StandardMessages implements MessageStore {

  private static final Comparator<Message> BY_VISIBLE_AT =
      Comparator.<Message>comparingLong(m -> m.visibleAt).thenComparingLong(m -> m.seq);

  private final ArrayDeque<Message> visible = new ArrayDeque<>();
  private final TreeSet<Message> pending = new TreeSet<>(BY_VISIBLE_AT);
  private final Map<String, Message> byId = new HashMap<>();

  @Override
  public void add(Message m) {
    byId.put(m.id, m);
    if (m.state == Message.State.VISIBLE) {
      visible.addLast(m);
    } else {
      pending.add(m);
    }
  }

  private void promote(long now) {
    while (!pending.isEmpty() && pending.first().visibleAt <= now) {
      Message m = pending.pollFirst();
      m.state = Message.State.VISIBLE;
      visible.addLast(m);
    }
  }

  @Override
  public void receive(
      long now, int max, long visibleAt, long retentionMillis, int maxReceiveCount, List<Message> out, List<Message> deadLetters) {
    promote(now);
    while (out.size() < max && !visible.isEmpty()) {
      Message m = visible.pollFirst();
      if (m.state != Message.State.VISIBLE) {
        continue;
      }
      if (now - m.sentTimestamp >= retentionMillis) {
        m.state = Message.State.DELETED;
        byId.remove(m.id);
        continue;
      }
      if (maxReceiveCount > 0 && m.receiveCount >= maxReceiveCount) {
        m.state = Message.State.DELETED;
        byId.remove(m.id);
        deadLetters.add(m);
        continue;
      }
      m.state = Message.State.IN_FLIGHT;
      m.visibleAt = visibleAt;
      pending.add(m);
      out.add(m);
    }
  }

  @Override
  public Message byId(String id) {
    return byId.get(id);
  }

  @Override
  public void remove(Message m) {
    if (m.state != Message.State.VISIBLE) {
      pending.remove(m);
    }
    m.state = Message.State.DELETED;
    byId.remove(m.id);
  }

  @Override
  public void changeVisibility(Message m, long visibleAt, long now) {
    pending.remove(m);
    if (visibleAt <= now) {
      m.visibleAt = now;
      m.state = Message.State.VISIBLE;
      visible.addFirst(m);
    } else {
      m.visibleAt = visibleAt;
      pending.add(m);
    }
  }

  @Override
  public long nextVisibleAt(long now) {
    return pending.isEmpty() ? Long.MAX_VALUE : pending.first().visibleAt;
  }

  @Override
  public Counts counts(long now, long retentionMillis) {
    promote(now);
    return count(now, retentionMillis, m -> m.state == Message.State.VISIBLE);
  }

  @Override
  public List<Message> takeVisible(long now, int max) {
    promote(now);
    List<Message> out = new ArrayList<>();
    while (out.size() < max && !visible.isEmpty()) {
      Message m = visible.pollFirst();
      if (m.state == Message.State.VISIBLE) {
        m.state = Message.State.DELETED;
        byId.remove(m.id);
        out.add(m);
      }
    }
    return out;
  }

  @Override
  public int size() {
    return byId.size();
  }

  @Override
  public void clear() {
    byId.values().forEach(m -> m.state = Message.State.DELETED);
    byId.clear();
    visible.clear();
    pending.clear();
  }

  @Override
  public Collection<Message> all() {
    return byId.values();
  }
}
