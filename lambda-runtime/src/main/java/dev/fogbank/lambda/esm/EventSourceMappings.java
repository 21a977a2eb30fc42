package dev.fogbank.lambda.esm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.bus.EventBus;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.retry.DeadLetterTargets;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.lambda.invoke.EventDestinations;
import dev.fogbank.lambda.metrics.LambdaMetrics;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event source mapping, by UUID, and the pollers of those that are Enabled: SQS queues
 * through the in-process client's ReceiveMessage, DynamoDB streams through GetRecords, woken by
 * the stream records the event bus announces.
 */
public final class EventSourceMappings {

  private static final Logger log = LoggerFactory.getLogger(EventSourceMappings.class);

  private final InProcessClient client;
  private final Scheduler scheduler;
  private final EventDestinations destinations;
  private final LambdaMetrics metrics;
  private final Map<String, EventSourceMapping> mappings = new ConcurrentHashMap<>();
  private final Map<String, StreamPoller> streamPollers = new ConcurrentHashMap<>();

  public EventSourceMappings(
      InProcessClient client, Scheduler scheduler, EventBus bus, EventDestinations destinations, LambdaMetrics metrics) {
    this.client = client;
    this.scheduler = scheduler;
    this.destinations = destinations;
    this.metrics = metrics;
    if (bus != null) {
      bus.subscribe(Record.class, this::announced);
    }
  }

  /**
   * A stream record was written (DynamoDB's {@code StreamRecordWritten}, read by its {@code
   * streamArn} component so that Lambda needs no DynamoDB classes): readers of that stream wake.
   */
  private void announced(Record event) {
    if (!event.getClass().getSimpleName().equals("StreamRecordWritten") || streamPollers.isEmpty()) {
      return;
    }
    String arn = null;
    try {
      for (RecordComponent c : event.getClass().getRecordComponents()) {
        if (c.getName().equals("streamArn")) {
          arn = (String) c.getAccessor().invoke(event);
        }
      }
    } catch (ReflectiveOperationException e) {
      log.debug("unreadable stream event {}", event, e);
      return;
    }
    for (StreamPoller p : streamPollers.values()) {
      if (p.streamArn().equals(arn)) {
        p.signal();
      }
    }
  }

  public EventSourceMapping get(String uuid) {
    return mappings.get(uuid);
  }

  /** The mappings of an account and region, oldest first. */
  public List<EventSourceMapping> list(String account, String region) {
    List<EventSourceMapping> out = new ArrayList<>();
    for (EventSourceMapping m : mappings.values()) {
      if (m.account().equals(account) && m.region().equals(region)) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparingLong(EventSourceMapping::created));
    return out;
  }

  public EventSourceMapping add(String uuid, String account, String region, ObjectNode config) {
    EventSourceMapping m = new EventSourceMapping(uuid, account, region, config);
    mappings.put(uuid, m);
    return m;
  }

  public void remove(EventSourceMapping m) {
    stop(m);
    mappings.remove(m.uuid());
  }

  /** Starts polling for an Enabled mapping, with its current settings. */
  public void start(EventSourceMapping m) {
    ObjectNode config = m.config();
    String source = config.path("EventSourceArn").asText();
    String[] arn = source.split(":");
    String function = config.path("FunctionArn").asText().split(":")[6];
    switch (arn[2]) {
      case "sqs" -> {
        String url = new DeadLetterTargets(client).queueUrl(arn[4], arn[3], arn[5]);
        SqsPoller poller = new SqsPoller(m, SqsPoller.Settings.of(config), client, scheduler, url);
        m.source(poller);
        poller.start();
      }
      case "dynamodb" -> {
        StreamPoller poller =
            new StreamPoller(
                m, StreamPoller.Settings.of(config), client, scheduler, destinations, metrics.of(arn[4], arn[3], function));
        m.source(
            () -> {
              streamPollers.remove(m.uuid());
              poller.stop();
            });
        streamPollers.put(m.uuid(), poller);
        poller.start();
      }
      default -> throw new IllegalArgumentException("not an event source Fogbank polls: " + source);
    }
  }

  /** Stops a mapping's pollers (Disabled, Deleted, reset). */
  public void stop(EventSourceMapping m) {
    m.source(null);
  }

  public void reset() {
    mappings.values().forEach(this::stop);
    mappings.clear();
    streamPollers.clear();
  }
}
