package dev.fogbank.sns.topic;

import dev.fogbank.core.retry.RetryPolicy;
import dev.fogbank.sns.filter.FilterPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A subscription of an endpoint to a topic: protocol, endpoint, attributes (FilterPolicy,
 * RawMessageDelivery, RedrivePolicy, DeliveryPolicy …), and whether it is confirmed.
 */
public final class Subscription {

  private final String arn;
  private final Topic topic;
  private final String protocol;
  private final String endpoint;
  private final String owner;
  private final String token;
  private final Map<String, String> attributes = new ConcurrentHashMap<>();
  private volatile boolean confirmed;
  private volatile boolean confirmationWasAuthenticated;
  private volatile FilterPolicy filterPolicy;
  private volatile RetryPolicy deliveryPolicy;
  /** The SQS queue URL the endpoint ARN resolved to, until the queue is gone. */
  private volatile String queueUrl;

  public Subscription(String arn, Topic topic, String protocol, String endpoint, String owner, String token) {
    this.arn = arn;
    this.topic = topic;
    this.protocol = protocol;
    this.endpoint = endpoint;
    this.owner = owner;
    this.token = token;
  }

  public String arn() {
    return arn;
  }

  public Topic topic() {
    return topic;
  }

  public String topicArn() {
    return topic.arn();
  }

  public String protocol() {
    return protocol;
  }

  public String endpoint() {
    return endpoint;
  }

  public String owner() {
    return owner;
  }

  /** The confirmation token SNS sent in the SubscriptionConfirmation message. */
  public String token() {
    return token;
  }

  public Map<String, String> attributes() {
    return attributes;
  }

  public boolean confirmed() {
    return confirmed;
  }

  public void confirm(boolean authenticated) {
    this.confirmed = true;
    this.confirmationWasAuthenticated = authenticated;
  }

  public boolean confirmationWasAuthenticated() {
    return confirmationWasAuthenticated;
  }

  public boolean rawMessageDelivery() {
    return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
  }

  public FilterPolicy filterPolicy() {
    return filterPolicy;
  }

  public void filterPolicy(FilterPolicy policy) {
    this.filterPolicy = policy;
  }

  /** The subscription's own HTTP/S delivery policy, or null for the topic's or the default. */
  public RetryPolicy deliveryPolicy() {
    return deliveryPolicy;
  }

  public void deliveryPolicy(RetryPolicy policy) {
    this.deliveryPolicy = policy;
  }

  /** The dead-letter queue ARN of the RedrivePolicy, or null. */
  public String deadLetterTargetArn() {
    String policy = attributes.get("RedrivePolicy");
    if (policy == null || policy.isBlank()) {
      return null;
    }
    try {
      return dev.fogbank.core.protocol.Json.parse(policy).path("deadLetterTargetArn").asText(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public String queueUrl() {
    return queueUrl;
  }

  public void queueUrl(String url) {
    this.queueUrl = url;
  }
}
