package dev.fogbank.sns.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.retry.PhasedRetryPolicy;
import dev.fogbank.core.retry.PhasedRetryPolicy.BackoffFunction;
import dev.fogbank.sns.SnsErrors;
import java.time.Duration;

/**
 * HTTP/S delivery policies ("Creating an HTTP/S delivery policy", SNS developer guide): a
 * subscription's {@code healthyRetryPolicy}, or a topic's {@code http.defaultHealthyRetryPolicy},
 * read into a {@link PhasedRetryPolicy}; and the request policy's {@code headerContentType}.
 */
public final class DeliveryPolicies {

  /** "The total policy retry time for an HTTP/S endpoint cannot be greater than 3,600 seconds." */
  private static final int MAX_DELAY_SECONDS = 3600;
  private static final int MAX_RETRIES = 100;

  /** The default {@code EffectiveDeliveryPolicy} of a topic, as GetTopicAttributes reports it. */
  public static final String TOPIC_DEFAULT =
      "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,"
          + "\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},"
          + "\"disableSubscriptionOverrides\":false,\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}";

  /** The default {@code EffectiveDeliveryPolicy} of an HTTP/S subscription. */
  public static final String SUBSCRIPTION_DEFAULT =
      "{\"healthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,"
          + "\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},"
          + "\"sicklyRetryPolicy\":null,\"throttlePolicy\":null,\"guaranteed\":false}";

  private DeliveryPolicies() {}

  /** Validates a subscription's DeliveryPolicy; its retry policy, or null when it sets none. */
  public static PhasedRetryPolicy subscription(String json, String errorPrefix) {
    JsonNode root = parse(json, errorPrefix);
    if (root != null) {
      throttle(root.get("throttlePolicy"), errorPrefix);
    }
    return root == null ? null : retry(root.get("healthyRetryPolicy"), errorPrefix);
  }

  /** Validates a topic's DeliveryPolicy; its HTTP retry policy, or null when it sets none. */
  public static PhasedRetryPolicy topic(String json, String errorPrefix) {
    JsonNode root = parse(json, errorPrefix);
    if (root != null) {
      throttle(root.path("http").get("defaultThrottlePolicy"), errorPrefix);
    }
    return root == null ? null : retry(root.path("http").get("defaultHealthyRetryPolicy"), errorPrefix);
  }

  /**
   * The {@code maxReceivesPerSecond} of the subscription's {@code throttlePolicy}, else of the
   * topic's {@code http.defaultThrottlePolicy}; null when neither sets one.
   */
  public static Integer maxReceivesPerSecond(String subscriptionPolicy, String topicPolicy) {
    for (String json : new String[] {subscriptionPolicy, topicPolicy}) {
      if (json == null || json.isBlank()) {
        continue;
      }
      try {
        JsonNode root = Json.parse(json);
        JsonNode own = root.path("throttlePolicy").path("maxReceivesPerSecond");
        JsonNode topic = root.path("http").path("defaultThrottlePolicy").path("maxReceivesPerSecond");
        if (own.canConvertToInt() && own.asInt() >= 1) {
          return own.asInt();
        }
        if (topic.canConvertToInt() && topic.asInt() >= 1) {
          return topic.asInt();
        }
      } catch (IllegalArgumentException e) {
        // validated when set; an unreadable policy sets no rate
      }
    }
    return null;
  }

  /** The Content-Type HTTP/S deliveries carry: the request policy's, or SNS's default. */
  public static String contentType(String subscriptionPolicy, String topicPolicy) {
    for (String json : new String[] {subscriptionPolicy, topicPolicy}) {
      if (json == null || json.isBlank()) {
        continue;
      }
      try {
        JsonNode root = Json.parse(json);
        String own = root.path("requestPolicy").path("headerContentType").asText(null);
        String topic = root.path("http").path("defaultRequestPolicy").path("headerContentType").asText(null);
        if (own != null) {
          return own;
        }
        if (topic != null) {
          return topic;
        }
      } catch (IllegalArgumentException e) {
        // validated when set; an unreadable policy falls back to the default
      }
    }
    return "text/plain; charset=UTF-8";
  }

  private static JsonNode parse(String json, String errorPrefix) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      JsonNode root = Json.parse(json);
      if (!root.isObject()) {
        throw SnsErrors.invalidParameter(errorPrefix + "DeliveryPolicy: failed to parse JSON.");
      }
      return root;
    } catch (IllegalArgumentException e) {
      throw SnsErrors.invalidParameter(errorPrefix + "DeliveryPolicy: failed to parse JSON.");
    }
  }

  /** A throttle policy's rate must be a whole number of at least 1 ("maxReceivesPerSecond"). */
  private static void throttle(JsonNode p, String errorPrefix) {
    if (p == null || p.isNull()) {
      return;
    }
    JsonNode rate = p.get("maxReceivesPerSecond");
    if (rate != null && !rate.isNull() && (!rate.canConvertToInt() || rate.asInt() < 1)) {
      throw SnsErrors.invalidParameter(errorPrefix + "DeliveryPolicy: maxReceivesPerSecond must be at least 1");
    }
  }

  private static PhasedRetryPolicy retry(JsonNode p, String errorPrefix) {
    if (p == null || p.isNull()) {
      return null;
    }
    int min = p.path("minDelayTarget").asInt(20);
    int max = p.path("maxDelayTarget").asInt(20);
    int retries = p.path("numRetries").asInt(3);
    int noDelay = p.path("numNoDelayRetries").asInt(0);
    int minDelay = p.path("numMinDelayRetries").asInt(0);
    int maxDelay = p.path("numMaxDelayRetries").asInt(0);
    String fn = p.path("backoffFunction").asText("linear");
    String bad = null;
    if (min < 1 || min > max) {
      bad = "minDelayTarget must be at least 1 and at most maxDelayTarget";
    } else if (max > MAX_DELAY_SECONDS) {
      bad = "maxDelayTarget must be at most " + MAX_DELAY_SECONDS;
    } else if (retries < 0 || retries > MAX_RETRIES) {
      bad = "numRetries must be between 0 and " + MAX_RETRIES;
    } else if (noDelay < 0 || minDelay < 0 || maxDelay < 0 || noDelay + minDelay + maxDelay > retries) {
      bad = "numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must be at most numRetries";
    } else if (BackoffFunction.of(fn) == null) {
      bad = "backoffFunction must be one of arithmetic, exponential, geometric, linear";
    }
    if (bad != null) {
      throw SnsErrors.invalidParameter(errorPrefix + "DeliveryPolicy: " + bad);
    }
    return new PhasedRetryPolicy(
        retries, noDelay, minDelay, maxDelay, Duration.ofSeconds(min), Duration.ofSeconds(max), BackoffFunction.of(fn));
  }
}
