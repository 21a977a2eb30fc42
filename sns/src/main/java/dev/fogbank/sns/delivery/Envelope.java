package dev.fogbank.sns.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sns.publish.MessageAttribute;
import dev.fogbank.sns.publish.SnsMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON documents SNS delivers: the {@code Notification} envelope (to SQS without raw delivery,
 * HTTP/S, email-json), {@code SubscriptionConfirmation} and {@code UnsubscribeConfirmation}, and
 * the Lambda event. Field order, the {@code "Key" : "value"} layout and the signed canonical
 * strings follow SNS ("HTTP/HTTPS notification JSON format", "Verifying the signatures of Amazon
 * SNS messages").
 */
public final class Envelope {

  /** SNS timestamps: {@code 2012-05-02T00:54:06.655Z}. */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Signer signer;

  public Envelope(Signer signer) {
    this.signer = signer;
  }

  public String certificateUrl(String endpoint) {
    return endpoint + "/_fogbank/sns/" + signer.certificateName();
  }

  public static String unsubscribeUrl(String endpoint, String subscriptionArn) {
    return endpoint + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn;
  }

  public static String subscribeUrl(String endpoint, String topicArn, String token) {
    return endpoint
        + "/?Action=ConfirmSubscription&TopicArn="
        + URLEncoder.encode(topicArn, StandardCharsets.UTF_8)
        + "&Token="
        + token;
  }

  public static String timestamp(long millis) {
    return TIMESTAMP.format(Instant.ofEpochMilli(millis));
  }

  /** The fields of a notification to one subscription, signed; {@code text} is that protocol's message. */
  public Map<String, String> notificationFields(SnsMessage m, String text, String subscriptionArn, String signatureVersion) {
    String ts = timestamp(m.timestamp());
    StringBuilder canonical = new StringBuilder();
    canonical.append("Message\n").append(text).append('\n');
    canonical.append("MessageId\n").append(m.messageId()).append('\n');
    if (m.subject() != null) {
      canonical.append("Subject\n").append(m.subject()).append('\n');
    }
    canonical.append("Timestamp\n").append(ts).append('\n');
    canonical.append("TopicArn\n").append(m.topicArn()).append('\n');
    canonical.append("Type\nNotification\n");

    Map<String, String> f = new LinkedHashMap<>();
    f.put("Type", "Notification");
    f.put("MessageId", m.messageId());
    if (m.sequenceNumber() != null) {
      f.put("SequenceNumber", m.sequenceNumber());
    }
    f.put("TopicArn", m.topicArn());
    if (m.subject() != null) {
      f.put("Subject", m.subject());
    }
    f.put("Message", text);
    f.put("Timestamp", ts);
    f.put("SignatureVersion", signatureVersion);
    f.put("Signature", m.signatures().computeIfAbsent(signatureVersion + '\n' + text, k -> signer.sign(canonical.toString(), signatureVersion)));
    f.put("SigningCertURL", certificateUrl(m.endpoint()));
    f.put("UnsubscribeURL", unsubscribeUrl(m.endpoint(), subscriptionArn));
    return f;
  }

  /** The notification envelope as SNS writes it. */
  public String notification(SnsMessage m, String text, String subscriptionArn, String signatureVersion) {
    return layout(notificationFields(m, text, subscriptionArn, signatureVersion), m.attributes());
  }

  /** {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation}, signed. */
  public String confirmation(
      String type, String messageId, String topicArn, String token, String message, String subscribeUrl,
      long timestamp, String signatureVersion, String endpoint) {
    String ts = timestamp(timestamp);
    String canonical =
        "Message\n" + message + "\nMessageId\n" + messageId + "\nSubscribeURL\n" + subscribeUrl
            + "\nTimestamp\n" + ts + "\nToken\n" + token + "\nTopicArn\n" + topicArn + "\nType\n" + type + "\n";
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Type", type);
    f.put("MessageId", messageId);
    f.put("Token", token);
    f.put("TopicArn", topicArn);
    f.put("Message", message);
    f.put("SubscribeURL", subscribeUrl);
    f.put("Timestamp", ts);
    f.put("SignatureVersion", signatureVersion);
    f.put("Signature", signer.sign(canonical, signatureVersion));
    f.put("SigningCertURL", certificateUrl(endpoint));
    return layout(f, Map.of());
  }

  /** The event SNS invokes a Lambda function with ({@code Records[0].Sns}). */
  public ObjectNode lambdaEvent(SnsMessage m, String text, String subscriptionArn, String signatureVersion) {
    Map<String, String> f = notificationFields(m, text, subscriptionArn, signatureVersion);
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    ObjectNode record = records.addObject();
    record.put("EventSource", "aws:sns");
    record.put("EventVersion", "1.0");
    record.put("EventSubscriptionArn", subscriptionArn);
    ObjectNode sns = record.putObject("Sns");
    f.forEach(
        (k, v) -> {
          // The Lambda event spells these two "Url", unlike the HTTP envelope.
          String key = k.equals("SigningCertURL") ? "SigningCertUrl" : k.equals("UnsubscribeURL") ? "UnsubscribeUrl" : k;
          sns.put(key, v);
        });
    if (!sns.has("Subject")) {
      sns.putNull("Subject");
    }
    ObjectNode attributes = sns.putObject("MessageAttributes");
    m.attributes().forEach((k, v) -> attributes.set(k, v.envelopeShape()));
    return event;
  }

  private static String layout(Map<String, String> fields, Map<String, MessageAttribute> attributes) {
    StringBuilder sb = new StringBuilder("{\n");
    boolean first = true;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (!first) {
        sb.append(",\n");
      }
      first = false;
      sb.append("  ").append(quote(e.getKey())).append(" : ").append(quote(e.getValue()));
    }
    if (!attributes.isEmpty()) {
      sb.append(",\n  \"MessageAttributes\" : {\n");
      boolean firstAttribute = true;
      for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
        if (!firstAttribute) {
          sb.append(",\n");
        }
        firstAttribute = false;
        sb.append("    ").append(quote(e.getKey())).append(" : ").append(Json.text(e.getValue().envelopeShape()));
      }
      sb.append("\n  }");
    }
    return sb.append("\n}").toString();
  }

  private static String quote(String s) {
    return Json.text(Json.NODES.textNode(s));
  }
}
