package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.cloudwatch.Inputs;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.state.AccountRegionStore;
import dev.fogbank.core.time.Clock;

/** CloudWatch Logs' state and the lookups every operation shares. */
public final class LogsEngine {

  private final Clock clock;
  private final InProcessClient client;
  private final AccountRegionStore<LogsState> store = new AccountRegionStore<>(LogsState::new);

  /** {@code client} reaches CloudWatch for metric filters; null where there is none. */
  public LogsEngine(Clock clock, InProcessClient client) {
    this.clock = clock;
    this.client = client;
  }

  InProcessClient client() {
    return client;
  }

  long now() {
    return clock.millis();
  }

  LogsState state(RequestContext ctx) {
    return store.get(ctx.account(), ctx.region());
  }

  public void reset() {
    store.reset();
  }

  LogGroup group(RequestContext ctx, String name) {
    LogGroup group = state(ctx).groups.get(name);
    if (group == null) {
      throw LogsErrors.groupNotFound();
    }
    return group;
  }

  /**
   * The group an operation names by {@code logGroupName} or {@code logGroupIdentifier} (a name or
   * an ARN, with or without {@code :*}); exactly one of the two (CloudWatch Logs rejects both).
   */
  LogGroup identifiedGroup(RequestContext ctx, ObjectNode input) {
    String name = Inputs.text(input, "logGroupName");
    String identifier = Inputs.text(input, "logGroupIdentifier");
    if (name != null && identifier != null) {
      throw LogsErrors.invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    if (name == null && identifier == null) {
      throw LogsErrors.invalidParameter("Should provide either name or ARN of log group.");
    }
    return group(ctx, name != null ? name : groupName(identifier));
  }

  /** The group name an identifier names: {@code arn:aws:logs:r:a:log-group:<name>[:*]} or a name. */
  static String groupName(String identifier) {
    if (!identifier.startsWith("arn:")) {
      return identifier;
    }
    int at = identifier.indexOf(":log-group:");
    if (at < 0) {
      throw LogsErrors.invalidParameter("Invalid log group ARN: " + identifier);
    }
    String name = identifier.substring(at + ":log-group:".length());
    return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
  }

  LogStream stream(LogGroup group, String name) {
    LogStream stream = group.streams().get(name);
    if (stream == null) {
      throw LogsErrors.streamNotFound();
    }
    return stream;
  }
}
