package dev.fogbank.stepfunctions.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * An execution's event history as GetExecutionHistory returns it: ids from 1 in recording order,
 * each event naming the event that led to it in {@code previousEventId} (0 for the first).
 */
public final class History {

  private final List<ObjectNode> events = new ArrayList<>();

  /** Appends an event and returns its id. {@code timestamp} in epoch millis. */
  public synchronized long add(long previousEventId, String type, String detailsKey, ObjectNode details, long timestamp) {
    long id = events.size() + 1;
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("timestamp", timestamp / 1000.0);
    e.put("type", type);
    e.put("id", id);
    e.put("previousEventId", previousEventId);
    if (detailsKey != null && details != null) {
      e.set(detailsKey, details);
    }
    events.add(e);
    return id;
  }

  public synchronized List<ObjectNode> events() {
    return List.copyOf(events);
  }

  public synchronized int size() {
    return events.size();
  }
}
