package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** Publishing to a topic with several SQS subscriptions: envelope and raw delivery. */
class SnsFanoutIT extends SnsItSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void publishFansOutToEverySubscribedQueue() throws Exception {
    String topic = topic(unique("fanout"));
    Queue a = queue(unique("a"));
    Queue b = queue(unique("b"));
    Queue c = queue(unique("c"));
    String subA = subscribe(topic, a, Map.of());
    subscribe(topic, b, Map.of());
    subscribe(topic, c, Map.of());

    String id = sns.publish(p -> p.topicArn(topic).message("hello").subject("greeting")).messageId();

    for (Queue q : List.of(a, b, c)) {
      List<Message> got = drain(q);
      assertEquals(1, got.size());
      JsonNode envelope = JSON.readTree(got.get(0).body());
      assertEquals("Notification", envelope.path("Type").asText());
      assertEquals(id, envelope.path("MessageId").asText());
      assertEquals(topic, envelope.path("TopicArn").asText());
      assertEquals("greeting", envelope.path("Subject").asText());
      assertEquals("hello", envelope.path("Message").asText());
      assertEquals("1", envelope.path("SignatureVersion").asText());
      assertTrue(envelope.path("Timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
      assertTrue(envelope.path("UnsubscribeURL").asText().contains("Action=Unsubscribe&SubscriptionArn=" + topic + ":"));
    }
    assertEquals(List.of(), drain(a));
    assertTrue(subA.startsWith(topic + ":"));
  }

  @Test
  void envelopeLayoutFieldOrderAndAttributes() throws Exception {
    String topic = topic(unique("layout"));
    Queue q = queue(unique("layout"));
    subscribe(topic, q, Map.of());
    sns.publish(p -> p.topicArn(topic).message("m").messageAttributes(Map.of(
        "color", MessageAttributeValue.builder().dataType("String").stringValue("red").build())));

    String body = drain(q).get(0).body();
    // SNS's layout ("HTTP/HTTPS notification JSON format"): "Key" : "value", two-space indent, this order.
    assertTrue(body.startsWith("{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \""), body);
    List<String> order = List.of("\"Type\"", "\"MessageId\"", "\"TopicArn\"", "\"Message\"", "\"Timestamp\"", "\"SignatureVersion\"",
        "\"Signature\"", "\"SigningCertURL\"", "\"UnsubscribeURL\"", "\"MessageAttributes\"");
    int last = -1;
    for (String key : order) {
      int at = body.indexOf(key);
      assertTrue(at > last, key + " out of order in " + body);
      last = at;
    }
    assertFalse(body.contains("\"Subject\""));
    JsonNode attributes = JSON.readTree(body).path("MessageAttributes");
    assertEquals("String", attributes.path("color").path("Type").asText());
    assertEquals("red", attributes.path("color").path("Value").asText());
  }

  @Test
  void signatureVerifiesWithTheCertificateAtSigningCertUrl() throws Exception {
    String topic = topic(unique("signed"));
    Queue q = queue(unique("signed"));
    subscribe(topic, q, Map.of());
    sns.publish(p -> p.topicArn(topic).message("verify me").subject("s"));
    JsonNode m = JSON.readTree(drain(q).get(0).body());

    HttpResponse<byte[]> pem =
        HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(m.path("SigningCertURL").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, pem.statusCode());
    X509Certificate cert =
        (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.body()));

    // The canonical string of a Notification ("Verifying the signatures of Amazon SNS messages").
    String canonical =
        "Message\n" + m.path("Message").asText() + "\nMessageId\n" + m.path("MessageId").asText()
            + "\nSubject\n" + m.path("Subject").asText() + "\nTimestamp\n" + m.path("Timestamp").asText()
            + "\nTopicArn\n" + m.path("TopicArn").asText() + "\nType\n" + m.path("Type").asText() + "\n";
    Signature verifier = Signature.getInstance("SHA1withRSA");
    verifier.initVerify(cert.getPublicKey());
    verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
    assertTrue(verifier.verify(Base64.getDecoder().decode(m.path("Signature").asText())));
  }

  @Test
  void rawDeliveryMapsAttributesToSqsMessageAttributes() {
    String topic = topic(unique("raw"));
    Queue raw = queue(unique("raw"));
    Queue wrapped = queue(unique("wrapped"));
    subscribe(topic, raw, Map.of("RawMessageDelivery", "true"));
    subscribe(topic, wrapped, Map.of());

    sns.publish(p -> p.topicArn(topic).message("{\"order\":1}").messageAttributes(Map.of(
        "store", MessageAttributeValue.builder().dataType("String").stringValue("north").build(),
        "price", MessageAttributeValue.builder().dataType("Number").stringValue("12.5").build(),
        "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("bytes")).build())));

    Message m = drain(raw).get(0);
    assertEquals("{\"order\":1}", m.body());
    assertEquals("String", m.messageAttributes().get("store").dataType());
    assertEquals("north", m.messageAttributes().get("store").stringValue());
    assertEquals("Number", m.messageAttributes().get("price").dataType());
    assertEquals("12.5", m.messageAttributes().get("price").stringValue());
    assertEquals("bytes", m.messageAttributes().get("blob").binaryValue().asUtf8String());

    Message w = drain(wrapped).get(0);
    assertTrue(w.messageAttributes().isEmpty());
    assertTrue(w.body().contains("\"Type\" : \"Notification\""));
  }

  @Test
  void messageStructureJsonSendsEachProtocolItsMessage() throws Exception {
    String topic = topic(unique("structure"));
    Queue q = queue(unique("structure"));
    subscribe(topic, q, Map.of("RawMessageDelivery", "true"));
    Queue other = queue(unique("default"));
    subscribe(topic, other, Map.of());
    sns.publish(p -> p.topicArn(topic).messageStructure("json").message("{\"default\":\"plain\",\"sqs\":\"for sqs\",\"email\":\"for email\"}"));

    assertEquals("for sqs", drain(q).get(0).body());
    assertEquals("for sqs", JSON.readTree(drain(other).get(0).body()).path("Message").asText());
  }

  @Test
  void unsubscribedQueuesGetNothingAndCountsFollow() {
    String topic = topic(unique("unsub"));
    Queue q = queue(unique("unsub"));
    String sub = subscribe(topic, q, Map.of());
    assertEquals("1", sns.getTopicAttributes(b -> b.topicArn(topic)).attributes().get("SubscriptionsConfirmed"));
    sns.unsubscribe(b -> b.subscriptionArn(sub));
    sns.publish(p -> p.topicArn(topic).message("nobody"));
    assertEquals(List.of(), drain(q));
    Map<String, String> a = sns.getTopicAttributes(b -> b.topicArn(topic)).attributes();
    assertEquals("0", a.get("SubscriptionsConfirmed"));
    assertEquals("1", a.get("SubscriptionsDeleted"));
  }

  @Test
  void deliveryToADeletedQueueGoesToTheRedriveDeadLetterQueue() throws Exception {
    String topic = topic(unique("gone"));
    Queue target = queue(unique("gone"));
    Queue dlq = queue(unique("gone-dlq"));
    subscribe(topic, target, Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}"));
    sqs.deleteQueue(b -> b.queueUrl(target.url()));

    String id = sns.publish(p -> p.topicArn(topic).message("lost")).messageId();

    // A deleted queue is a client-side error: SNS moves the message to the DLQ without retrying.
    Message dead = drain(dlq).get(0);
    assertEquals(id, JSON.readTree(dead.body()).path("MessageId").asText());
    assertTrue(dead.messageAttributes().get("ErrorCode").stringValue().contains("QueueDoesNotExist"));
    assertNull(dead.messageAttributes().get("store"));
  }
}
