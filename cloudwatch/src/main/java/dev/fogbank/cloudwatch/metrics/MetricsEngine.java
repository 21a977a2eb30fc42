package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.state.AccountRegionStore;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import java.time.Instant;

/** CloudWatch metrics and alarms: state per account and region, on the emulator's clock. */
public final class MetricsEngine {

  private final Clock clock;
  private final Scheduler scheduler;
  private final AccountRegionStore<MetricsState> store = new AccountRegionStore<>(MetricsState::new);

  public MetricsEngine(Clock clock, Scheduler scheduler) {
    this.clock = clock;
    this.scheduler = scheduler;
  }

  long now() {
    return clock.millis();
  }

  Scheduler scheduler() {
    return scheduler;
  }

  MetricsState state(RequestContext ctx) {
    return store.get(ctx.account(), ctx.region());
  }

  /** The account's state that no region owns: dashboards are global. */
  MetricsState global(RequestContext ctx) {
    return store.get(ctx.account(), "");
  }

  public void reset() {
    for (MetricsState state : store.all()) {
      state.alarms.values().forEach(Alarm::stop);
    }
    store.reset();
  }

  /** A timestamp member as epoch milliseconds: epoch seconds in the tree, or ISO 8601 text. */
  static long millis(JsonNode node) {
    if (node.isNumber()) {
      return Math.round(node.doubleValue() * 1000);
    }
    return Instant.parse(node.asText()).toEpochMilli();
  }
}
