package dev.fogbank.sqs.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FIFO queue's messages: one ordered deque per message group. A group delivers strictly in
 * order, and while one of its messages is in flight nothing after it is delivered (SQS Developer
 * Guide, "FIFO queue delivery logic"). A receive takes as many messages as it can from the first
 * available group before moving on, as SQS does; it looks at group heads, never at every message.
 */
final class FifoMessages implements MessageStore {

  private final LinkedHashMap<String, ArrayDeque<Message>> groups = new LinkedHashMap<>();
  private final Map<String, Message> byId = new HashMap<>();

  @Override
  public void add(Message m) {
    byId.put(m.id, m);
    groups.computeIfAbsent(m.groupId, g -> new ArrayDeque<>()).addLast(m);
  }

  @Override
  public void receive(
      long now, int max, long visibleAt, long retentionMillis, int maxReceiveCount, List<Message> out, List<Message> deadLetters) {
    Iterator<Map.Entry<String, ArrayDeque<Message>>> it = groups.entrySet().iterator();
    while (out.size() < max && it.hasNext()) {
      ArrayDeque<Message> group = it.next().getValue();
      for (Iterator<Message> messages = group.iterator(); out.size() < max && messages.hasNext(); ) {
        Message m = messages.next();
        if (m.visibleAt > now) {
          break; // in flight or delayed: the rest of the group waits
        }
        if (now - m.sentTimestamp >= retentionMillis || (maxReceiveCount > 0 && m.receiveCount >= maxReceiveCount)) {
          messages.remove();
          byId.remove(m.id);
          m.state = Message.State.DELETED;
          if (now - m.sentTimestamp < retentionMillis) {
            deadLetters.add(m);
          }
          continue;
        }
        m.state = Message.State.IN_FLIGHT;
        m.visibleAt = visibleAt;
        out.add(m);
      }
      if (group.isEmpty()) {
        it.remove();
      }
    }
  }

  @Override
  public Message byId(String id) {
    return byId.get(id);
  }

  @Override
  public void remove(Message m) {
    byId.remove(m.id);
    m.state = Message.State.DELETED;
    ArrayDeque<Message> group = groups.get(m.groupId);
    if (group != null) {
      // The message is almost always the group's head: deletes come in order.
      if (group.peekFirst() == m) {
        group.pollFirst();
      } else {
        group.remove(m);
      }
      if (group.isEmpty()) {
        groups.remove(m.groupId);
      }
    }
  }

  @Override
  public void changeVisibility(Message m, long visibleAt, long now) {
    m.visibleAt = Math.max(visibleAt, now);
    if (visibleAt <= now) {
      m.state = Message.State.VISIBLE;
    }
  }

  @Override
  public long nextVisibleAt(long now) {
    long next = Long.MAX_VALUE;
    for (ArrayDeque<Message> group : groups.values()) {
      Message head = group.peekFirst();
      if (head != null && head.visibleAt > now) {
        next = Math.min(next, head.visibleAt);
      }
    }
    return next;
  }

  @Override
  public Counts counts(long now, long retentionMillis) {
    return count(now, retentionMillis, m -> m.visibleAt <= now);
  }

  @Override
  public List<Message> takeVisible(long now, int max) {
    List<Message> out = new ArrayList<>();
    Iterator<Map.Entry<String, ArrayDeque<Message>>> it = groups.entrySet().iterator();
    while (out.size() < max && it.hasNext()) {
      ArrayDeque<Message> group = it.next().getValue();
      while (out.size() < max && !group.isEmpty() && group.peekFirst().visibleAt <= now) {
        Message m = group.pollFirst();
        byId.remove(m.id);
        m.state = Message.State.DELETED;
        out.add(m);
      }
      if (group.isEmpty()) {
        it.remove();
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
    groups.clear();
  }

  @Override
  public Collection<Message> all() {
    return byId.values();
  }
}
