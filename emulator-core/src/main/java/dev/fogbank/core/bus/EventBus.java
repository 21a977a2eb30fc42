package dev.fogbank.core.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "This happened" between services: typed, in-process and asynchronous. A publisher never waits
 * for its subscribers, and a failing subscriber does not affect the others.
 */
public final class EventBus implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventBus.class);

  private final Map<Class<?>, List<Consumer<Object>>> subscribers = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /** Subscribes to events of {@code type} and its subtypes. */
  @SuppressWarnings("unchecked")
  public <E> void subscribe(Class<E> type, Consumer<? super E> subscriber) {
    subscribers
        .computeIfAbsent(type, t -> new CopyOnWriteArrayList<>())
        .add(event -> ((Consumer<Object>) subscriber).accept(event));
  }

  public void publish(Object event) {
    subscribers.forEach(
        (type, list) -> {
          if (type.isInstance(event)) {
            for (Consumer<Object> s : list) {
              executor.execute(() -> deliver(s, event));
            }
          }
        });
  }

  private static void deliver(Consumer<Object> subscriber, Object event) {
    try {
      subscriber.accept(event);
    } catch (RuntimeException e) {
      log.error("event subscriber failed on {}", event, e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
