package dev.fogbank.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers on the one {@link Clock}: visibility timeouts, delays, retries, waits.
 *
 * <p>One daemon thread sleeps until the earliest timer is due in real time. When a virtual clock
 * is advanced, every timer that falls due in between fires in due order, with the clock standing
 * at each timer's due time while it runs, before {@link #advanceTo} returns: a test that advances
 * four minutes sees exactly what four minutes would have done. Timer tasks must be short; work
 * that can wait belongs on a virtual thread of its own.
 */
public final class Scheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  /** A scheduled task; {@link #cancel} is idempotent and safe from any thread. */
  public interface Timer {
    boolean cancel();
  }

  private final Clock clock;
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  /** Serialises firing, so timers run one at a time and in order. */
  private final Object fireLock = new Object();
  private final Thread thread;
  private volatile boolean closed;

  public Scheduler(Clock clock) {
    this.clock = clock;
    this.thread = Thread.ofPlatform().daemon().name("fogbank-scheduler").unstarted(this::loop);
    thread.start();
  }

  public Clock clock() {
    return clock;
  }

  public Timer schedule(Duration delay, Runnable task) {
    return scheduleAt(clock.millis() + Math.max(0, delay.toMillis()), task);
  }

  public Timer scheduleAt(Instant due, Runnable task) {
    return scheduleAt(due.toEpochMilli(), task);
  }

  public Timer scheduleAt(long dueMillis, Runnable task) {
    Entry entry = new Entry(dueMillis, sequence.incrementAndGet(), task);
    synchronized (queue) {
      queue.add(entry);
      if (queue.peek() == entry) {
        queue.notifyAll();
      }
    }
    return entry;
  }

  /** Advances a virtual clock by {@code duration}, firing every timer due on the way. */
  public void advance(Duration duration) {
    VirtualClock.requireNonNegative(duration);
    synchronized (fireLock) {
      advanceTo(clock.millis() + duration.toMillis());
    }
  }

  /** Moves a virtual clock forward to {@code target} (never back), firing timers in due order. */
  public void advanceTo(long target) {
    if (!(clock instanceof VirtualClock virtual)) {
      throw new IllegalStateException("the clock is not virtual");
    }
    synchronized (fireLock) {
      while (true) {
        Entry next;
        synchronized (queue) {
          next = queue.peek();
          if (next == null || next.due > target) {
            break;
          }
          queue.poll();
          if (next.cancelled) {
            cancelledInQueue = Math.max(0, cancelledInQueue - 1);
            continue;
          }
        }
        virtual.moveTo(next.due);
        next.run();
      }
      virtual.moveTo(target);
    }
    synchronized (queue) {
      queue.notifyAll();
    }
  }

  /** Entries held, cancelled ones not yet dropped included. */
  int queued() {
    synchronized (queue) {
      return queue.size();
    }
  }

  /** Number of timers not yet fired or cancelled. */
  public int pending() {
    synchronized (queue) {
      return (int) queue.stream().filter(e -> !e.cancelled).count();
    }
  }

  private void loop() {
    while (!closed) {
      Entry due = null;
      synchronized (queue) {
        Entry head = queue.peek();
        if (head == null) {
          await(0);
          continue;
        }
        if (head.cancelled) {
          queue.poll();
          cancelledInQueue = Math.max(0, cancelledInQueue - 1);
          continue;
        }
        long wait = head.due - clock.millis();
        if (wait > 0) {
          // A frozen clock only moves through advanceTo, which wakes us.
          await(clock.isFrozen() ? 0 : wait);
          continue;
        }
        due = head;
      }
      synchronized (fireLock) {
        synchronized (queue) {
          // advanceTo may have fired it meanwhile
          if (queue.peek() != due) {
            continue;
          }
          queue.poll();
        }
        due.run();
      }
    }
  }

  private void await(long millis) {
    try {
      queue.wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  /**
   * Cancelled timers still in the queue. A cancelled timer lets go of its task at once, and the
   * queue drops cancelled entries once they are half of it: timeouts that are almost always
   * cancelled (a Step Functions execution's, a visibility timeout) must not pile up until due.
   */
  private int cancelledInQueue;

  private void cancelled() {
    synchronized (queue) {
      cancelledInQueue++;
      if (cancelledInQueue > 64 && cancelledInQueue * 2 > queue.size()) {
        queue.removeIf(e -> e.cancelled);
        cancelledInQueue = 0;
      }
    }
  }

  private final class Entry implements Timer, Comparable<Entry> {
    final long due;
    final long seq;
    volatile Runnable task;
    volatile boolean cancelled;

    Entry(long due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public boolean cancel() {
      boolean was = cancelled;
      cancelled = true;
      task = null;
      if (!was) {
        cancelled();
      }
      return !was;
    }

    void run() {
      Runnable task = this.task;
      if (cancelled || task == null) {
        return;
      }
      cancelled = true;
      this.task = null;
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        log.error("timer task failed", e);
      }
    }

    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
