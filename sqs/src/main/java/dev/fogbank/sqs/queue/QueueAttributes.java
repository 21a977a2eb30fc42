package dev.fogbank.sqs.queue;

import dev.fogbank.core.protocol.Json;
import dev.fogbank.sqs.SqsErrors;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A queue's settable attributes with SQS's defaults and valid ranges (CreateQueue and
 * SetQueueAttributes API references). Values are checked and normalised once ({@link
 * #normalize}) and then applied; the typed fields are read on every send and receive.
 */
public final class QueueAttributes {

  public static final int MAX_VISIBILITY_TIMEOUT = 43_200;
  public static final int DEFAULT_MAXIMUM_MESSAGE_SIZE = 262_144;

  /** Attributes GetQueueAttributes computes; a request may name them but never set them. */
  public static final Set<String> COMPUTED =
      Set.of(
          "ApproximateNumberOfMessages",
          "ApproximateNumberOfMessagesNotVisible",
          "ApproximateNumberOfMessagesDelayed",
          "CreatedTimestamp",
          "LastModifiedTimestamp",
          "QueueArn");

  private static final Set<String> FIFO_ONLY =
      Set.of("FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");

  final boolean fifo;
  volatile int visibilityTimeout = 30;
  volatile int maximumMessageSize = DEFAULT_MAXIMUM_MESSAGE_SIZE;
  volatile int messageRetentionPeriod = 345_600;
  volatile int delaySeconds;
  volatile int receiveMessageWaitTimeSeconds;
  volatile String policy;
  volatile RedrivePolicy redrivePolicy;
  volatile String redriveAllowPolicyText;
  volatile RedriveAllowPolicy redriveAllowPolicy;
  volatile String kmsMasterKeyId;
  volatile int kmsDataKeyReusePeriodSeconds = 300;
  volatile boolean sqsManagedSseEnabled = true;
  volatile boolean contentBasedDeduplication;
  volatile String deduplicationScope = "queue";
  volatile String fifoThroughputLimit = "perQueue";

  QueueAttributes(boolean fifo) {
    this.fifo = fifo;
  }

  /**
   * Checks names and values and returns them normalised ({@code TRUE} → {@code true}, a redrive
   * policy re-serialised). Unknown or read-only names answer InvalidAttributeName; values out of
   * range InvalidAttributeValue.
   */
  public static Map<String, String> normalize(Map<String, String> attributes, boolean fifo, boolean creating) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : attributes.keySet()) {
      boolean known =
          switch (name) {
            case "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "DelaySeconds",
                "ReceiveMessageWaitTimeSeconds", "Policy", "RedrivePolicy", "RedriveAllowPolicy",
                "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled" -> true;
            case "FifoQueue" -> fifo || creating;
            case "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit" -> fifo;
            default -> false;
          };
      if (!known) {
        throw SqsErrors.invalidAttributeName(name);
      }
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String name = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue();
      switch (name) {
        case "VisibilityTimeout" -> out.put(name, integer(name, value, 0, MAX_VISIBILITY_TIMEOUT));
        case "MaximumMessageSize" -> out.put(name, integer(name, value, 1024, DEFAULT_MAXIMUM_MESSAGE_SIZE));
        case "MessageRetentionPeriod" -> out.put(name, integer(name, value, 60, 1_209_600));
        case "DelaySeconds" -> out.put(name, integer(name, value, 0, 900));
        case "ReceiveMessageWaitTimeSeconds" -> out.put(name, integer(name, value, 0, 20));
        case "KmsDataKeyReusePeriodSeconds" -> out.put(name, integer(name, value, 60, 86_400));
        case "SqsManagedSseEnabled", "ContentBasedDeduplication" -> out.put(name, bool(name, value));
        case "FifoQueue" -> {
          String b = bool(name, value);
          if (!creating && !b.equals(Boolean.toString(fifo))) {
            throw SqsErrors.invalidAttributeValue(name, "Modifying queue type is not supported.");
          }
          out.put(name, b);
        }
        case "DeduplicationScope" -> out.put(name, oneOf(name, value, "messageGroup", "queue"));
        case "FifoThroughputLimit" -> out.put(name, oneOf(name, value, "perQueue", "perMessageGroupId"));
        case "Policy" -> out.put(name, policy(value));
        case "RedrivePolicy" -> out.put(name, value.isEmpty() ? "" : RedrivePolicy.parse(value).toJson());
        case "RedriveAllowPolicy" -> {
          if (!value.isEmpty()) {
            RedriveAllowPolicy.parse(value);
          }
          out.put(name, value);
        }
        default -> out.put(name, value);
      }
    }
    if ("perMessageGroupId".equals(out.get("FifoThroughputLimit"))
        && "queue".equals(out.get("DeduplicationScope"))) {
      // High-throughput FIFO: per-message-group throughput needs message-group deduplication.
      throw SqsErrors.invalidAttributeValue(
          "FifoThroughputLimit", "The FifoThroughputLimit attribute can be set to perMessageGroupId only when DeduplicationScope is messageGroup.");
    }
    return out;
  }

  private static String integer(String name, String value, int min, int max) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v >= min && v <= max) {
        return Integer.toString(v);
      }
    } catch (NumberFormatException e) {
      // reported below, as SQS does for any value it cannot use
    }
    throw SqsErrors.invalidAttributeValue(name);
  }

  private static String bool(String name, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw SqsErrors.invalidAttributeValue(name);
    }
    return v;
  }

  private static String oneOf(String name, String value, String a, String b) {
    if (!value.equals(a) && !value.equals(b)) {
      throw SqsErrors.invalidAttributeValue(name);
    }
    return value;
  }

  private static String policy(String value) {
    if (value.isEmpty()) {
      return value;
    }
    try {
      if (Json.parse(value).isObject()) {
        return value;
      }
    } catch (IllegalArgumentException e) {
      // not JSON
    }
    throw SqsErrors.invalidAttributeValue("Policy");
  }

  /** Applies normalised values (an empty policy removes it). Caller holds the queue's lock. */
  void apply(Map<String, String> values) {
    values.forEach(
        (name, value) -> {
          switch (name) {
            case "VisibilityTimeout" -> visibilityTimeout = Integer.parseInt(value);
            case "MaximumMessageSize" -> maximumMessageSize = Integer.parseInt(value);
            case "MessageRetentionPeriod" -> messageRetentionPeriod = Integer.parseInt(value);
            case "DelaySeconds" -> delaySeconds = Integer.parseInt(value);
            case "ReceiveMessageWaitTimeSeconds" -> receiveMessageWaitTimeSeconds = Integer.parseInt(value);
            case "KmsDataKeyReusePeriodSeconds" -> kmsDataKeyReusePeriodSeconds = Integer.parseInt(value);
            case "SqsManagedSseEnabled" -> {
              sqsManagedSseEnabled = Boolean.parseBoolean(value);
              if (sqsManagedSseEnabled) {
                kmsMasterKeyId = null;
              }
            }
            case "KmsMasterKeyId" -> {
              kmsMasterKeyId = value.isEmpty() ? null : value;
              if (kmsMasterKeyId != null) {
                sqsManagedSseEnabled = false;
              }
            }
            case "ContentBasedDeduplication" -> contentBasedDeduplication = Boolean.parseBoolean(value);
            case "DeduplicationScope" -> deduplicationScope = value;
            case "FifoThroughputLimit" -> fifoThroughputLimit = value;
            case "Policy" -> policy = value.isEmpty() ? null : value;
            case "RedrivePolicy" -> redrivePolicy = value.isEmpty() ? null : RedrivePolicy.parse(value);
            case "RedriveAllowPolicy" -> {
              redriveAllowPolicyText = value.isEmpty() ? null : value;
              redriveAllowPolicy = value.isEmpty() ? null : RedriveAllowPolicy.parse(value);
            }
            default -> {}
          }
        });
  }

  /** The configured attributes as GetQueueAttributes reports them, in SQS's order. */
  Map<String, String> configured() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("DelaySeconds", Integer.toString(delaySeconds));
    out.put("MaximumMessageSize", Integer.toString(maximumMessageSize));
    out.put("MessageRetentionPeriod", Integer.toString(messageRetentionPeriod));
    if (policy != null) {
      out.put("Policy", policy);
    }
    out.put("ReceiveMessageWaitTimeSeconds", Integer.toString(receiveMessageWaitTimeSeconds));
    if (redrivePolicy != null) {
      out.put("RedrivePolicy", redrivePolicy.toJson());
    }
    if (redriveAllowPolicyText != null) {
      out.put("RedriveAllowPolicy", redriveAllowPolicyText);
    }
    out.put("VisibilityTimeout", Integer.toString(visibilityTimeout));
    if (kmsMasterKeyId != null) {
      out.put("KmsMasterKeyId", kmsMasterKeyId);
      out.put("KmsDataKeyReusePeriodSeconds", Integer.toString(kmsDataKeyReusePeriodSeconds));
    }
    out.put("SqsManagedSseEnabled", Boolean.toString(sqsManagedSseEnabled));
    if (fifo) {
      out.put("FifoQueue", "true");
      out.put("ContentBasedDeduplication", Boolean.toString(contentBasedDeduplication));
      out.put("DeduplicationScope", deduplicationScope);
      out.put("FifoThroughputLimit", fifoThroughputLimit);
    }
    return out;
  }

  /** The attribute's current value for a CreateQueue comparison ("" when unset). */
  String current(String name) {
    if (FIFO_ONLY.contains(name) && !fifo) {
      return name.equals("FifoQueue") ? "false" : "";
    }
    return switch (name) {
      case "Policy" -> policy == null ? "" : policy;
      case "RedrivePolicy" -> redrivePolicy == null ? "" : redrivePolicy.toJson();
      case "RedriveAllowPolicy" -> redriveAllowPolicyText == null ? "" : redriveAllowPolicyText;
      case "KmsMasterKeyId" -> kmsMasterKeyId == null ? "" : kmsMasterKeyId;
      case "KmsDataKeyReusePeriodSeconds" -> Integer.toString(kmsDataKeyReusePeriodSeconds);
      default -> configured().getOrDefault(name, "");
    };
  }

  public int visibilityTimeout() {
    return visibilityTimeout;
  }

  public int receiveMessageWaitTimeSeconds() {
    return receiveMessageWaitTimeSeconds;
  }

  public RedrivePolicy redrivePolicy() {
    return redrivePolicy;
  }

  public RedriveAllowPolicy redriveAllowPolicy() {
    return redriveAllowPolicy;
  }

  public String policy() {
    return policy;
  }
}
