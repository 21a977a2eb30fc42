package dev.fogbank.sns.publish;

import dev.fogbank.sns.filter.FilterPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * A published message, as the topic fans it out.
 *
 * @param perProtocol for {@code MessageStructure=json}: the message of each protocol, with its
 *     {@code default}; null otherwise
 * @param deduplicationId FIFO: the explicit or content-based deduplication id
 * @param endpoint the SNS endpoint the publisher addressed ({@code http://host:port}), for the
 *     URLs an envelope carries
 * @param signatures the envelope signatures made so far, by signature version and message text:
 *     the signed fields are the same for every subscriber of one protocol (the UnsubscribeURL is
 *     not signed), so a fan-out to ten queues signs once, not ten times — an RSA signature costs
 *     about a millisecond
 */
public record SnsMessage(
    String messageId,
    String topicArn,
    String message,
    Map<String, String> perProtocol,
    String subject,
    Map<String, MessageAttribute> attributes,
    String messageGroupId,
    String deduplicationId,
    String sequenceNumber,
    long timestamp,
    String endpoint,
    ConcurrentMap<String, String> signatures) {

  /** The message a subscriber of {@code protocol} gets. */
  public String messageFor(String protocol) {
    if (perProtocol == null) {
      return message;
    }
    String specific = perProtocol.get(protocol);
    return specific != null ? specific : perProtocol.get("default");
  }

  public Map<String, FilterPolicy.AttributeValue> filterAttributes() {
    Map<String, FilterPolicy.AttributeValue> out = new LinkedHashMap<>();
    attributes.forEach((k, v) -> out.put(k, v.filterValue()));
    return out;
  }
}
