package dev.fogbank.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.StateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The engine on a frozen virtual clock with everything run on the calling thread: an execution
 * advances exactly as far as it can without time passing, and {@link #advance} moves it on.
 * No other service is running (in-process calls fail as for a service that is absent).
 */
final class EngineHarness implements AutoCloseable {

  static final String ACCOUNT = "000000000000";
  static final String REGION = "us-east-1";
  static final String ROLE = "arn:aws:iam::000000000000:role/sfn";

  final VirtualClock clock = VirtualClock.frozenAt(Instant.parse("2025-01-01T00:00:00Z"));
  final Scheduler scheduler = new Scheduler(clock);
  final SfnEngine engine = new SfnEngine(clock, scheduler, Runnable::run, new InProcessClient() {
    @Override
    public JsonNode call(String service, String operation, String account, String region,
        com.fasterxml.jackson.databind.node.ObjectNode input) {
      throw new AwsException("ServiceUnavailable", "no " + service, 503);
    }

    @Override
    public boolean has(String service) {
      return false;
    }
  });

  StateMachine machine(String definition) {
    return engine.createStateMachine(ACCOUNT, REGION, "m-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD",
        definition, ROLE, Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode());
  }

  Execution run(String definition, String input) {
    return engine.start(ACCOUNT, REGION, machine(definition), null, null, null, input, false);
  }

  void advance(Duration d) {
    scheduler.advance(d);
  }

  static JsonNode json(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Single quotes to double quotes, for readable definitions in tests. */
  static String q(String s) {
    return s.replace('\'', '"');
  }

  static List<String> types(Execution e) {
    List<String> out = new ArrayList<>();
    e.history().events().forEach(ev -> out.add(ev.get("type").asText()));
    return out;
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
