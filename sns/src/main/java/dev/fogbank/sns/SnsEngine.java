package dev.fogbank.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.state.AccountRegionStore;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.sns.delivery.Endpoints;
import dev.fogbank.sns.delivery.Envelope;
import dev.fogbank.sns.delivery.Fanout;
import dev.fogbank.sns.topic.SnsState;
import dev.fogbank.sns.topic.Subscription;
import dev.fogbank.sns.topic.Topic;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * SNS's state and shared machinery: the per account/region stores, the clock, the fan-out and the
 * endpoint deliveries. The operation classes read inputs and answer outputs on top of it.
 */
public final class SnsEngine {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final AccountRegionStore<SnsState> store = new AccountRegionStore<>((a, r) -> new SnsState());
  private final Clock clock;
  private final Scheduler scheduler;
  private volatile Fanout fanout;
  private volatile Endpoints endpoints;

  public SnsEngine(Clock clock, Scheduler scheduler) {
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Connects the delivery side (built once the shared runtime is there). */
  void deliveries(Fanout fanout, Endpoints endpoints) {
    this.fanout = fanout;
    this.endpoints = endpoints;
  }

  public Clock clock() {
    return clock;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public Fanout fanout() {
    return fanout;
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public Envelope envelope() {
    return endpoints.envelope();
  }

  public SnsState state(String account, String region) {
    return store.get(account, region);
  }

  public SnsState state(RequestContext ctx) {
    return store.get(ctx.account(), ctx.region());
  }

  public AccountRegionStore<SnsState> store() {
    return store;
  }

  /**
   * The topic {@code arn} names, in its own account and the caller's region, or NotFound; a caller
   * of another account needs the topic's policy to allow {@code SNS:<action>}, or gets
   * AuthorizationError.
   */
  public Topic topic(RequestContext ctx, String arn, String action) {
    Arns.Arn a = Arns.topicArn(ctx, arn);
    Topic topic = store.get(a.account(), ctx.region()).topics.get(arn);
    if (topic == null) {
      throw SnsErrors.topicNotFound();
    }
    if (!topic.account().equals(ctx.account())) {
      String policy = topic.attributes().getOrDefault("Policy", TopicOperations.defaultPolicy(topic));
      if (!TopicPolicy.allows(policy, ctx.account(), "SNS:" + action)) {
        throw SnsErrors.authorizationError(
            "User: arn:aws:iam::" + ctx.account() + ":root is not authorized to perform: SNS:" + action + " on resource: " + arn
                + " because no resource-based policy allows the SNS:" + action + " action");
      }
    }
    return topic;
  }

  /** The subscription {@code arn} names, or null. */
  public Subscription subscription(String arn) {
    if (arn == null) {
      return null;
    }
    String[] parts = arn.split(":");
    if (parts.length != 7) {
      return null;
    }
    SnsState state = store.peek(parts[4], parts[3]);
    return state == null ? null : state.subscriptions.get(arn);
  }

  /** A recorded SMS, email or application message, for {@code GET /_fogbank/sns/sms} and friends. */
  public void record(String account, String region, ObjectNode entry) {
    store.get(account, region).sent.add(entry);
  }

  /** A confirmation token: 128 random hex digits (SNS's are long hex strings, checked by ConfirmSubscription). */
  public static String token() {
    byte[] bytes = new byte[64];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public void reset() {
    store.reset();
    if (endpoints != null) {
      endpoints.throttle().reset();
    }
  }
}
