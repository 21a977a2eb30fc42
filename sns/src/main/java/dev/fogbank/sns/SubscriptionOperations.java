package dev.fogbank.sns;

import static dev.fogbank.sns.Inputs.stringMap;
import static dev.fogbank.sns.Inputs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sns.delivery.DeliveryPolicies;
import dev.fogbank.sns.delivery.Envelope;
import dev.fogbank.sns.filter.FilterPolicy;
import dev.fogbank.sns.topic.SnsState;
import dev.fogbank.sns.topic.Subscription;
import dev.fogbank.sns.topic.Topic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Subscriptions: subscribe and confirm, unsubscribe, attributes, and the two listings. */
final class SubscriptionOperations {

  /** The protocols Subscribe accepts (Subscribe API reference). */
  private static final Set<String> PROTOCOLS =
      Set.of("http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose");

  /** The attributes Subscribe and SetSubscriptionAttributes take. */
  private static final Set<String> ATTRIBUTES =
      Set.of("DeliveryPolicy", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy");

  private static final Set<String> RAW_PROTOCOLS = Set.of("sqs", "http", "https", "firehose");
  private static final Set<String> CONFIRMED_AT_ONCE = Set.of("sqs", "lambda", "sms", "application", "firehose");
  /** How long a confirmation token (and a pending subscription) lives: 48 hours. */
  private static final Duration PENDING_LIFETIME = Duration.ofHours(48);
  private static final Pattern E164 = Pattern.compile("\\+?[0-9]{1,15}");

  private final SnsEngine engine;

  SubscriptionOperations(SnsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("Subscribe", this::subscribe);
    handlers.put("ConfirmSubscription", this::confirmSubscription);
    handlers.put("Unsubscribe", this::unsubscribe);
    handlers.put("GetSubscriptionAttributes", this::getSubscriptionAttributes);
    handlers.put("SetSubscriptionAttributes", this::setSubscriptionAttributes);
    handlers.put("ListSubscriptions", this::listSubscriptions);
    handlers.put("ListSubscriptionsByTopic", this::listSubscriptionsByTopic);
  }

  private JsonNode subscribe(RequestContext ctx, ObjectNode in) {
    Topic topic = engine.topic(ctx, text(in, "TopicArn"), "Subscribe");
    String protocol = text(in, "Protocol");
    String endpoint = text(in, "Endpoint");
    if (!PROTOCOLS.contains(protocol)) {
      throw SnsErrors.invalidParameter("Invalid parameter: Amazon SNS does not support this protocol string: " + protocol);
    }
    checkEndpoint(topic, protocol, endpoint, ctx);
    Map<String, String> attributes = stringMap(in, "Attributes");
    String prefix = "Invalid parameter: Attributes Reason: ";
    FilterPolicy.Scope scope = scope(attributes.getOrDefault("FilterPolicyScope", "MessageAttributes"), prefix);
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      checkAttribute(topic, protocol, e.getKey(), e.getValue(), prefix);
    }
    FilterPolicy filter = FilterPolicy.parse(attributes.get("FilterPolicy"), scope, prefix);
    boolean returnArn = in.path("ReturnSubscriptionArn").asBoolean(false);

    SnsState state = engine.state(topic.account(), topic.region());
    Subscription subscription;
    synchronized (topic) {
      for (Subscription existing : topic.subscriptions()) {
        if (existing.protocol().equals(protocol) && existing.endpoint().equals(endpoint)) {
          for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!e.getValue().equals(existing.attributes().get(e.getKey()))) {
              throw SnsErrors.invalidParameter("Invalid parameter: Attributes Reason: Subscription already exists with different attributes");
            }
          }
          return Json.object().put("SubscriptionArn", existing.confirmed() || returnArn ? existing.arn() : "pending confirmation");
        }
      }
      String arn = topic.arn() + ":" + UUID.randomUUID();
      subscription = new Subscription(arn, topic, protocol, endpoint, ctx.account(), SnsEngine.token());
      subscription.attributes().put("RawMessageDelivery", "false");
      attributes.forEach((k, v) -> subscription.attributes().put(k, k.equals("RawMessageDelivery") ? v.toLowerCase() : v));
      subscription.filterPolicy(filter);
      subscription.deliveryPolicy(DeliveryPolicies.subscription(attributes.get("DeliveryPolicy"), prefix));
      if (CONFIRMED_AT_ONCE.contains(protocol)) {
        subscription.confirm(true);
      }
      topic.subscriptions().add(subscription);
      state.subscriptions.put(arn, subscription);
    }
    if (!subscription.confirmed()) {
      sendConfirmation(ctx, subscription);
      engine.scheduler().schedule(PENDING_LIFETIME, () -> expire(subscription));
    }
    return Json.object().put("SubscriptionArn", subscription.confirmed() || returnArn ? subscription.arn() : "pending confirmation");
  }

  private void checkEndpoint(Topic topic, String protocol, String endpoint, RequestContext ctx) {
    if (endpoint == null || endpoint.isEmpty()) {
      throw SnsErrors.invalidParameter("Invalid parameter: Endpoint");
    }
    switch (protocol) {
      case "http", "https" -> {
        if (!endpoint.startsWith(protocol + "://")) {
          throw SnsErrors.invalidParameter("Invalid parameter: Endpoint must match the specified protocol");
        }
      }
      case "email", "email-json" -> {
        if (!endpoint.matches("[^@\\s]+@[^@\\s]+")) {
          throw SnsErrors.invalidParameter("Invalid parameter: Email address");
        }
      }
      case "sms" -> {
        if (!E164.matcher(endpoint).matches()) {
          throw SnsErrors.invalidParameter("Invalid SMS endpoint: " + endpoint);
        }
      }
      case "sqs" -> {
        String[] arn = endpoint.split(":", 6);
        if (arn.length != 6 || !arn[0].equals("arn") || !arn[2].equals("sqs")) {
          throw SnsErrors.invalidParameter("Invalid parameter: SQS endpoint ARN");
        }
      }
      case "lambda" -> {
        String[] arn = endpoint.split(":", 7);
        if (arn.length < 7 || !arn[0].equals("arn") || !arn[2].equals("lambda")) {
          throw SnsErrors.invalidParameter("Invalid parameter: Lambda endpoint ARN");
        }
      }
      case "application" -> {
        if (!engine.state(ctx).platformEndpoints.containsKey(endpoint)) {
          throw SnsErrors.notFound("Endpoint does not exist");
        }
      }
      default -> {}
    }
    boolean fifoQueue = protocol.equals("sqs") && endpoint.endsWith(".fifo");
    if (topic.fifo() && !fifoQueue) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SNS Topics currently only support FIFO SQS Queues as endpoints");
    }
    if (!topic.fifo() && fifoQueue) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
    }
  }

  private static FilterPolicy.Scope scope(String value, String prefix) {
    try {
      return FilterPolicy.Scope.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw SnsErrors.invalidParameter(
          prefix + "FilterPolicyScope: Invalid value [" + value + "]. Please use either MessageBody or MessageAttributes");
    }
  }

  /** Checks one subscription attribute (the FilterPolicy itself is parsed by the caller). */
  private static void checkAttribute(Topic topic, String protocol, String name, String value, String prefix) {
    if (!ATTRIBUTES.contains(name)) {
      throw SnsErrors.invalidParameter(prefix + "AttributeName");
    }
    String v = value == null ? "" : value;
    switch (name) {
      case "RawMessageDelivery" -> {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw SnsErrors.invalidParameter(prefix + "RawMessageDelivery: Invalid value [" + v + "]. Must be true or false.");
        }
        if (!RAW_PROTOCOLS.contains(protocol)) {
          throw SnsErrors.invalidParameter(prefix + "Delivery protocol [" + protocol + "] does not support raw message delivery.");
        }
      }
      case "FilterPolicyScope" -> scope(v, prefix);
      case "DeliveryPolicy" -> {
        if (!protocol.equals("http") && !protocol.equals("https")) {
          throw SnsErrors.invalidParameter(prefix + "DeliveryPolicy: Delivery protocol [" + protocol + "] does not support delivery policies.");
        }
        DeliveryPolicies.subscription(v, prefix);
      }
      case "RedrivePolicy" -> redrivePolicy(topic, protocol, v, prefix);
      default -> {}
    }
  }

  /** {@code {"deadLetterTargetArn": "<SQS queue ARN>"}}; a FIFO topic's SQS subscriptions need a FIFO queue. */
  private static void redrivePolicy(Topic topic, String protocol, String v, String prefix) {
    if (v.isEmpty()) {
      return;
    }
    JsonNode policy;
    try {
      policy = Json.parse(v);
    } catch (IllegalArgumentException e) {
      throw SnsErrors.invalidParameter(prefix + "RedrivePolicy: failed to parse JSON.");
    }
    String target = policy.path("deadLetterTargetArn").asText("");
    String[] arn = target.split(":", 6);
    if (arn.length != 6 || !arn[0].equals("arn")) {
      throw SnsErrors.invalidParameter(prefix + "RedrivePolicy: deadLetterTargetArn is an invalid arn");
    }
    if (topic.fifo() && (!arn[2].equals("sqs") || !arn[5].endsWith(".fifo"))) {
      throw SnsErrors.invalidParameter(prefix + "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.");
    }
  }

  /** SubscriptionConfirmation: POSTed to HTTP/S endpoints; recorded for email ones. */
  private void sendConfirmation(RequestContext ctx, Subscription s) {
    String messageId = UUID.randomUUID().toString();
    String message =
        "You have chosen to subscribe to the topic " + s.topicArn()
            + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
    String subscribeUrl = Envelope.subscribeUrl(ctx.endpoint(), s.topicArn(), s.token());
    String version = s.topic().attributes().getOrDefault("SignatureVersion", "1");
    String body =
        engine.envelope().confirmation(
            "SubscriptionConfirmation", messageId, s.topicArn(), s.token(), message, subscribeUrl,
            engine.clock().millis(), version, ctx.endpoint());
    if (s.protocol().startsWith("http")) {
      engine.endpoints().confirmation(s, "SubscriptionConfirmation", messageId, body);
    } else {
      ObjectNode entry = Json.object();
      entry.put("Protocol", s.protocol());
      entry.put("Endpoint", s.endpoint());
      entry.put("TopicArn", s.topicArn());
      entry.put("SubscriptionArn", s.arn());
      entry.put("MessageId", messageId);
      entry.put("Type", "SubscriptionConfirmation");
      entry.put("Token", s.token());
      entry.put("SubscribeURL", subscribeUrl);
      entry.put("Message", body);
      entry.put("Timestamp", Envelope.timestamp(engine.clock().millis()));
      engine.record(s.topic().account(), s.topic().region(), entry);
    }
  }

  /**
   * Deletes a subscription still pending confirmation when its token expires: SNS deletes
   * unconfirmed subscriptions after 48 hours, and its confirmation tokens are valid for two days.
   */
  private void expire(Subscription s) {
    Topic topic = s.topic();
    synchronized (topic) {
      if (!s.confirmed() && topic.subscriptions().remove(s)) {
        topic.subscriptionDeleted();
        engine.state(topic.account(), topic.region()).subscriptions.remove(s.arn());
      }
    }
  }

  /**
   * UnsubscribeConfirmation: after an HTTP/S endpoint is unsubscribed, SNS POSTs it a final
   * message whose token (or SubscribeURL) restores the subscription through ConfirmSubscription.
   */
  private void sendUnsubscribeConfirmation(RequestContext ctx, Subscription s) {
    String token = SnsEngine.token();
    Topic topic = s.topic();
    topic.cancelled().put(token, s);
    engine.scheduler().schedule(PENDING_LIFETIME, () -> topic.cancelled().remove(token));
    String messageId = UUID.randomUUID().toString();
    String message =
        "You have chosen to deactivate subscription " + s.arn()
            + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.";
    String version = topic.attributes().getOrDefault("SignatureVersion", "1");
    String body =
        engine.envelope().confirmation(
            "UnsubscribeConfirmation", messageId, s.topicArn(), token, message,
            Envelope.subscribeUrl(ctx.endpoint(), s.topicArn(), token), engine.clock().millis(), version, ctx.endpoint());
    engine.endpoints().confirmation(s, "UnsubscribeConfirmation", messageId, body);
  }

  private JsonNode confirmSubscription(RequestContext ctx, ObjectNode in) {
    String topicArn = text(in, "TopicArn");
    String[] arn = topicArn == null ? new String[0] : topicArn.split(":");
    if (arn.length != 6 || !arn[0].equals("arn") || !arn[2].equals("sns")) {
      throw SnsErrors.invalidParameter("Invalid parameter: Topic");
    }
    // The SubscribeURL is often fetched without a signature: the topic ARN, not the caller, names the region.
    SnsState state = engine.store().peek(arn[4], arn[3]);
    Topic topic = state == null ? null : state.topics.get(topicArn);
    if (topic == null) {
      throw SnsErrors.topicNotFound();
    }
    String token = text(in, "Token");
    for (Subscription s : topic.subscriptions()) {
      if (s.token().equals(token)) {
        if (!s.confirmed()) {
          s.confirm("true".equalsIgnoreCase(text(in, "AuthenticateOnUnsubscribe")) || ctx.request() == null || hasSignature(ctx));
        }
        return Json.object().put("SubscriptionArn", s.arn());
      }
    }
    Subscription restored = token == null ? null : topic.cancelled().remove(token);
    if (restored != null) {
      synchronized (topic) {
        topic.subscriptions().add(restored);
        engine.state(topic.account(), topic.region()).subscriptions.put(restored.arn(), restored);
      }
      return Json.object().put("SubscriptionArn", restored.arn());
    }
    throw SnsErrors.invalidParameter("Invalid parameter: Token");
  }

  private static boolean hasSignature(RequestContext ctx) {
    return ctx.request().header("Authorization") != null || ctx.request().queryParam("X-Amz-Signature") != null;
  }

  private JsonNode unsubscribe(RequestContext ctx, ObjectNode in) {
    String arn = text(in, "SubscriptionArn");
    Arns.parse(arn, "SubscriptionArn");
    String[] parts = arn.split(":");
    if (parts.length != 7) {
      throw SnsErrors.invalidParameter("Invalid parameter: SubscriptionId");
    }
    Subscription s = engine.subscription(arn);
    if (s == null) {
      // Unsubscribe is idempotent.
      return null;
    }
    Topic topic = s.topic();
    boolean removed;
    synchronized (topic) {
      removed = topic.subscriptions().remove(s);
      if (removed) {
        topic.subscriptionDeleted();
      }
      engine.state(topic.account(), topic.region()).subscriptions.remove(arn);
    }
    if (removed && s.confirmed() && s.protocol().startsWith("http")) {
      sendUnsubscribeConfirmation(ctx, s);
    }
    return null;
  }

  private Subscription existing(String arn) {
    Subscription s = engine.subscription(arn);
    if (s == null) {
      if (arn == null || arn.split(":").length != 7) {
        Arns.parse(arn, "SubscriptionArn");
      }
      throw SnsErrors.subscriptionNotFound();
    }
    return s;
  }

  private JsonNode getSubscriptionAttributes(RequestContext ctx, ObjectNode in) {
    Subscription s = existing(text(in, "SubscriptionArn"));
    Map<String, String> out = new LinkedHashMap<>();
    out.put("ConfirmationWasAuthenticated", Boolean.toString(s.confirmationWasAuthenticated()));
    out.put("PendingConfirmation", Boolean.toString(!s.confirmed()));
    out.put("Owner", s.owner());
    out.put("RawMessageDelivery", s.attributes().getOrDefault("RawMessageDelivery", "false"));
    out.put("TopicArn", s.topicArn());
    out.put("Endpoint", s.endpoint());
    out.put("Protocol", s.protocol());
    out.put("SubscriptionPrincipal", "arn:aws:iam::" + s.owner() + ":root");
    out.put("SubscriptionArn", s.arn());
    s.attributes().forEach((k, v) -> {
      if (!v.isEmpty() && !k.equals("FilterPolicyScope")) {
        out.put(k, v);
      }
    });
    if (s.filterPolicy() != null) {
      out.put("FilterPolicyScope", s.filterPolicy().scope().name());
    }
    if (s.protocol().startsWith("http")) {
      out.put("EffectiveDeliveryPolicy", s.attributes().getOrDefault("DeliveryPolicy", DeliveryPolicies.SUBSCRIPTION_DEFAULT));
    }
    return Inputs.attributes(out);
  }

  private JsonNode setSubscriptionAttributes(RequestContext ctx, ObjectNode in) {
    Subscription s = existing(text(in, "SubscriptionArn"));
    String name = text(in, "AttributeName");
    String value = text(in, "AttributeValue");
    String v = value == null ? "" : value;
    String prefix = "Invalid parameter: ";
    checkAttribute(s.topic(), s.protocol(), name, v, prefix);
    synchronized (s) {
      switch (name) {
        case "FilterPolicy" -> {
          FilterPolicy.Scope scope = scope(s.attributes().getOrDefault("FilterPolicyScope", "MessageAttributes"), prefix);
          s.filterPolicy(FilterPolicy.parse(v, scope, prefix));
        }
        case "FilterPolicyScope" -> {
          String current = s.attributes().get("FilterPolicy");
          s.filterPolicy(FilterPolicy.parse(current, scope(v, prefix), prefix));
        }
        case "DeliveryPolicy" -> s.deliveryPolicy(DeliveryPolicies.subscription(v, prefix));
        case "RawMessageDelivery" -> v = v.toLowerCase();
        default -> {}
      }
      if (v.isEmpty()) {
        s.attributes().remove(name);
      } else {
        s.attributes().put(name, v);
      }
    }
    return null;
  }

  private static ObjectNode render(Subscription s) {
    return Json.object()
        .put("SubscriptionArn", s.confirmed() ? s.arn() : "PendingConfirmation")
        .put("Owner", s.owner())
        .put("Protocol", s.protocol())
        .put("Endpoint", s.endpoint())
        .put("TopicArn", s.topicArn());
  }

  private JsonNode listSubscriptions(RequestContext ctx, ObjectNode in) {
    return Inputs.page(engine.state(ctx).subscriptions.values(), Subscription::arn, SubscriptionOperations::render, text(in, "NextToken"), "Subscriptions");
  }

  private JsonNode listSubscriptionsByTopic(RequestContext ctx, ObjectNode in) {
    Topic topic = engine.topic(ctx, text(in, "TopicArn"), "ListSubscriptionsByTopic");
    java.util.List<Subscription> sorted = new java.util.ArrayList<>(topic.subscriptions());
    sorted.sort(java.util.Comparator.comparing(Subscription::arn));
    return Inputs.page(sorted, Subscription::arn, SubscriptionOperations::render, text(in, "NextToken"), "Subscriptions");
  }
}
