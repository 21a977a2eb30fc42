package dev.fogbank.sns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.retry.PhasedRetryPolicy;
import dev.fogbank.sns.publish.MessageAttribute;
import dev.fogbank.sns.publish.SnsMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Envelopes, signatures and delivery policies without HTTP. */
class EnvelopeTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private final Signer signer = new Signer(NOW);
  private final Envelope envelope = new Envelope(signer);

  private X509Certificate certificate() throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(signer.certificatePem().getBytes(StandardCharsets.US_ASCII)));
  }

  private boolean verifies(String algorithm, String canonical, String signature) throws Exception {
    Signature v = Signature.getInstance(algorithm);
    v.initVerify(certificate().getPublicKey());
    v.update(canonical.getBytes(StandardCharsets.UTF_8));
    return v.verify(Base64.getDecoder().decode(signature));
  }

  @Test
  void certificateIsSelfSignedAndCurrent() throws Exception {
    X509Certificate cert = certificate();
    cert.verify(cert.getPublicKey());
    cert.checkValidity(java.util.Date.from(NOW));
    assertEquals("CN=sns.amazonaws.com", cert.getSubjectX500Principal().getName());
    assertTrue(signer.certificateName().matches("SimpleNotificationService-[0-9a-f]{32}\\.pem"));
  }

  @Test
  void confirmationIsSignedOverItsCanonicalString() throws Exception {
    String body =
        envelope.confirmation("SubscriptionConfirmation", "id-1", "arn:aws:sns:us-east-1:000000000000:t", "tok",
            "You have chosen…", "http://h/?Action=ConfirmSubscription", NOW.toEpochMilli(), "2", "http://h");
    JsonNode c = Json.parse(body);
    // "Verifying the signatures of Amazon SNS messages": SubscriptionConfirmation's fields, in this order.
    String canonical =
        "Message\nYou have chosen…\nMessageId\nid-1\nSubscribeURL\nhttp://h/?Action=ConfirmSubscription\nTimestamp\n2024-05-01T12:00:00.000Z"
            + "\nToken\ntok\nTopicArn\narn:aws:sns:us-east-1:000000000000:t\nType\nSubscriptionConfirmation\n";
    assertTrue(verifies("SHA256withRSA", canonical, c.path("Signature").asText()));
    assertEquals("2", c.path("SignatureVersion").asText());
    assertEquals("http://h/_fogbank/sns/" + signer.certificateName(), c.path("SigningCertURL").asText());
  }

  @Test
  void lambdaEventHasSnsRecordShape() {
    SnsMessage m =
        new SnsMessage("m-1", "arn:aws:sns:us-east-1:000000000000:t", "hi", null, null,
            Map.of("a", new MessageAttribute("String", "v", null)), null, null, null, NOW.toEpochMilli(), "http://h",
            new java.util.concurrent.ConcurrentHashMap<>());
    JsonNode record = envelope.lambdaEvent(m, "hi", "arn:aws:sns:us-east-1:000000000000:t:sub", "1").path("Records").get(0);
    assertEquals("aws:sns", record.path("EventSource").asText());
    assertEquals("1.0", record.path("EventVersion").asText());
    JsonNode sns = record.path("Sns");
    assertEquals("Notification", sns.path("Type").asText());
    assertTrue(sns.path("Subject").isNull());
    assertTrue(sns.has("SigningCertUrl") && sns.has("UnsubscribeUrl"));
    assertEquals("v", sns.path("MessageAttributes").path("a").path("Value").asText());
  }

  @Test
  void deliveryPoliciesReadAndValidate() {
    PhasedRetryPolicy p =
        DeliveryPolicies.subscription(
            "{\"healthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":10,\"numRetries\":6,\"numNoDelayRetries\":1,\"backoffFunction\":\"exponential\"}}",
            "Invalid parameter: ");
    assertEquals(Duration.ZERO, p.delayBefore(1, 0, 0));
    assertEquals(Duration.ofSeconds(10), p.delayBefore(6, 0, 0));
    assertNull(p.delayBefore(7, 0, 0));
    AwsException bad =
        assertThrows(AwsException.class,
            () -> DeliveryPolicies.subscription("{\"healthyRetryPolicy\":{\"minDelayTarget\":30,\"maxDelayTarget\":10}}", "Invalid parameter: "));
    assertTrue(bad.getMessage().startsWith("Invalid parameter: DeliveryPolicy: "));
    assertEquals("application/json", DeliveryPolicies.contentType("{\"requestPolicy\":{\"headerContentType\":\"application/json\"}}", null));
    assertEquals("text/plain; charset=UTF-8", DeliveryPolicies.contentType(null, null));
  }
}
