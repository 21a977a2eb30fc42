package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SMSSandboxPhoneNumberVerificationStatus;

/**
 * SMS, email and mobile push: accepted and recorded, never sent; the recorded messages are listed
 * by Fogbank's admin endpoints ({@code GET /_fogbank/sns/sms}, {@code GET /_fogbank/sns/messages}).
 */
class SnsSmsAndPlatformIT extends SnsItSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonNode admin(String pathAndQuery) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(fogbank.endpoint() + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return JSON.readTree(r.body());
  }

  @Test
  void smsPublishedToANumberIsListedByTheAdminEndpoint() throws Exception {
    String phone = "+1555" + (1_000_000 + (int) (Math.random() * 8_000_000));
    String id = sns.publish(p -> p.phoneNumber(phone).message("your code is 1234")).messageId();
    JsonNode listed = admin("/_fogbank/sns/sms?phoneNumber=" + phone.replace("+", "%2B")).path("sms_messages");
    assertEquals(1, listed.size());
    assertEquals(id, listed.get(0).path("MessageId").asText());
    assertEquals("your code is 1234", listed.get(0).path("Message").asText());
    assertEquals(phone, listed.get(0).path("PhoneNumber").asText());

    InvalidParameterException bad = assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.phoneNumber("12ab").message("x")));
    assertEquals("Invalid parameter: PhoneNumber Reason: 12ab is not valid to publish to", bad.awsErrorDetails().errorMessage());
  }

  @Test
  void smsAndEmailSubscriptionsRecordTopicMessages() throws Exception {
    String topic = topic(unique("sms"));
    String phone = "+4470" + (10_000_000 + (int) (Math.random() * 80_000_000));
    sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint(phone));
    String id = sns.publish(p -> p.topicArn(topic).message("topic sms")).messageId();
    awaitFanout();
    JsonNode listed = admin("/_fogbank/sns/sms?phoneNumber=" + phone.replace("+", "%2B")).path("sms_messages");
    assertEquals(id, listed.get(0).path("MessageId").asText());
    assertEquals(topic, listed.get(0).path("TopicArn").asText());

    String email = unique("user") + "@example.com";
    sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint(email));
    JsonNode messages = admin("/_fogbank/sns/messages").path("messages");
    JsonNode confirmation = null;
    for (JsonNode m : messages) {
      if (email.equals(m.path("Endpoint").asText()) && "SubscriptionConfirmation".equals(m.path("Type").asText())) {
        confirmation = m;
      }
    }
    assertTrue(confirmation != null, "email confirmation recorded");
    String token = confirmation.path("Token").asText();
    String arn = sns.confirmSubscription(b -> b.topicArn(topic).token(token)).subscriptionArn();
    assertEquals("false", sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes().get("PendingConfirmation"));
  }

  @Test
  void smsSettingsOptOutsAndSandbox() {
    sns.setSMSAttributes(b -> b.attributes(Map.of("DefaultSMSType", "Transactional", "DefaultSenderID", "Fogbank")));
    assertEquals("Transactional", sns.getSMSAttributes(b -> b.attributes("DefaultSMSType")).attributes().get("DefaultSMSType"));
    assertThrows(InvalidParameterException.class, () -> sns.setSMSAttributes(b -> b.attributes(Map.of("DefaultSMSType", "Loud"))));
    assertFalse(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber("+15550000000")).isOptedOut());
    sns.optInPhoneNumber(b -> b.phoneNumber("+15550000000"));
    assertFalse(sns.getSMSSandboxAccountStatus(b -> {}).isInSandbox());
    sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber("+15550000001"));
    sns.verifySMSSandboxPhoneNumber(b -> b.phoneNumber("+15550000001").oneTimePassword("123456"));
    assertTrue(sns.listSMSSandboxPhoneNumbers(b -> {}).phoneNumbers().stream()
        .anyMatch(n -> n.phoneNumber().equals("+15550000001") && n.status() == SMSSandboxPhoneNumberVerificationStatus.VERIFIED));
  }

  @Test
  void platformApplicationsAndEndpoints() throws Exception {
    String name = unique("app");
    String app =
        sns.createPlatformApplication(b -> b.name(name).platform("GCM").attributes(Map.of("PlatformCredential", "secret"))).platformApplicationArn();
    assertEquals("arn:aws:sns:us-east-1:000000000000:app/GCM/" + name, app);
    assertFalse(sns.getPlatformApplicationAttributes(b -> b.platformApplicationArn(app)).attributes().containsKey("PlatformCredential"));
    String endpoint = sns.createPlatformEndpoint(b -> b.platformApplicationArn(app).token("device-token")).endpointArn();
    assertEquals(endpoint, sns.createPlatformEndpoint(b -> b.platformApplicationArn(app).token("device-token")).endpointArn());
    assertEquals("device-token", sns.getEndpointAttributes(b -> b.endpointArn(endpoint)).attributes().get("Token"));
    assertEquals(1, sns.listEndpointsByPlatformApplication(b -> b.platformApplicationArn(app)).endpoints().size());

    String id = sns.publish(p -> p.targetArn(endpoint).message("push!")).messageId();
    boolean recorded = false;
    for (JsonNode m : admin("/_fogbank/sns/messages").path("messages")) {
      recorded |= id.equals(m.path("MessageId").asText()) && endpoint.equals(m.path("TargetArn").asText());
    }
    assertTrue(recorded);

    sns.setEndpointAttributes(b -> b.endpointArn(endpoint).attributes(Map.of("Enabled", "false")));
    assertEquals("EndpointDisabled",
        assertThrows(software.amazon.awssdk.services.sns.model.EndpointDisabledException.class,
            () -> sns.publish(p -> p.targetArn(endpoint).message("x"))).awsErrorDetails().errorCode());
    sns.deletePlatformApplication(b -> b.platformApplicationArn(app));
    assertThrows(NotFoundException.class, () -> sns.getEndpointAttributes(b -> b.endpointArn(endpoint)));
  }

  @Test
  void lambdaSubscriptionsAreStoredAndConfirmed() {
    String topic = topic(unique("lambda"));
    String arn =
        sns.subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint("arn:aws:lambda:us-east-1:000000000000:function:handler")).subscriptionArn();
    Map<String, String> a = sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes();
    assertEquals("lambda", a.get("Protocol"));
    assertEquals("false", a.get("PendingConfirmation"));
    // Without a Lambda service the delivery is accepted and keeps retrying (AWS managed endpoint policy).
    sns.publish(p -> p.topicArn(topic).message("for a function"));
    awaitFanout();
  }
}
