package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;

/** Subscriptions: attributes, listings, idempotence and SNS's errors. */
class SnsSubscriptionIT extends SnsItSupport {

  @Test
  void sqsSubscriptionAttributes() {
    String topic = topic(unique("sub"));
    Queue q = queue(unique("sub"));
    String arn = subscribe(topic, q, Map.of("RawMessageDelivery", "TRUE"));
    Map<String, String> a = sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes();
    assertEquals("false", a.get("PendingConfirmation"));
    assertEquals("true", a.get("ConfirmationWasAuthenticated"));
    assertEquals("true", a.get("RawMessageDelivery"));
    assertEquals("sqs", a.get("Protocol"));
    assertEquals(q.arn(), a.get("Endpoint"));
    assertEquals(topic, a.get("TopicArn"));
    assertEquals(arn, a.get("SubscriptionArn"));
    assertEquals("000000000000", a.get("Owner"));
    assertFalse(a.containsKey("FilterPolicy"));
  }

  @Test
  void subscribeIsIdempotentUnlessAttributesDiffer() {
    String topic = topic(unique("idem"));
    Queue q = queue(unique("idem"));
    String first = subscribe(topic, q, Map.of("RawMessageDelivery", "true"));
    assertEquals(first, subscribe(topic, q, Map.of("RawMessageDelivery", "true")));
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> subscribe(topic, q, Map.of("RawMessageDelivery", "false")));
    assertEquals("Invalid parameter: Attributes Reason: Subscription already exists with different attributes", e.awsErrorDetails().errorMessage());
  }

  @Test
  void listingsShowSubscriptions() {
    String topic = topic(unique("list"));
    Queue q1 = queue(unique("l1"));
    Queue q2 = queue(unique("l2"));
    String s1 = subscribe(topic, q1, Map.of());
    String s2 = subscribe(topic, q2, Map.of());
    List<Subscription> byTopic = sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions();
    assertEquals(2, byTopic.size());
    assertTrue(byTopic.stream().allMatch(s -> s.protocol().equals("sqs") && s.topicArn().equals(topic) && s.owner().equals("000000000000")));
    List<String> all = sns.listSubscriptionsPaginator(b -> {}).subscriptions().stream().map(Subscription::subscriptionArn).toList();
    assertTrue(all.containsAll(List.of(s1, s2)));
  }

  @Test
  void protocolAndEndpointErrors() {
    String topic = topic(unique("errors"));
    InvalidParameterException protocol =
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(topic).protocol("carrier-pigeon").endpoint("x")));
    assertEquals("Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon", protocol.awsErrorDetails().errorMessage());
    InvalidParameterException http =
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(topic).protocol("https").endpoint("http://example.com")));
    assertEquals("Invalid parameter: Endpoint must match the specified protocol", http.awsErrorDetails().errorMessage());
    InvalidParameterException sqsArn =
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint("queue-name")));
    assertEquals("Invalid parameter: SQS endpoint ARN", sqsArn.awsErrorDetails().errorMessage());
    InvalidParameterException attribute =
        assertThrows(InvalidParameterException.class,
            () -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:q").attributes(Map.of("Colour", "x"))));
    assertEquals("Invalid parameter: Attributes Reason: AttributeName", attribute.awsErrorDetails().errorMessage());
    InvalidParameterException deliveryPolicy =
        assertThrows(InvalidParameterException.class,
            () -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:q")
                .attributes(Map.of("DeliveryPolicy", "{}"))));
    assertEquals(
        "Invalid parameter: Attributes Reason: DeliveryPolicy: Delivery protocol [sqs] does not support delivery policies.",
        deliveryPolicy.awsErrorDetails().errorMessage());
    InvalidParameterException redrive =
        assertThrows(InvalidParameterException.class,
            () -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:q")
                .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"nope\"}"))));
    assertEquals("Invalid parameter: Attributes Reason: RedrivePolicy: deadLetterTargetArn is an invalid arn", redrive.awsErrorDetails().errorMessage());
    NotFoundException missingTopic =
        assertThrows(NotFoundException.class,
            () -> sns.subscribe(b -> b.topicArn(topic + "-missing").protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:q")));
    assertEquals("Topic does not exist", missingTopic.awsErrorDetails().errorMessage());
  }

  @Test
  void unknownSubscriptionIsNotFoundAndUnsubscribeIsIdempotent() {
    String topic = topic(unique("gone"));
    String missing = topic + ":00000000-0000-0000-0000-000000000000";
    NotFoundException e = assertThrows(NotFoundException.class, () -> sns.getSubscriptionAttributes(b -> b.subscriptionArn(missing)));
    assertEquals("Subscription does not exist", e.awsErrorDetails().errorMessage());
    sns.unsubscribe(b -> b.subscriptionArn(missing));
    InvalidParameterException bad = assertThrows(InvalidParameterException.class, () -> sns.unsubscribe(b -> b.subscriptionArn("garbage")));
    assertEquals("Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1", bad.awsErrorDetails().errorMessage());
  }

  @Test
  void emailSubscriptionsWaitForConfirmation() {
    String topic = topic(unique("email"));
    String arn = sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("someone@example.com")).subscriptionArn();
    assertEquals("pending confirmation", arn);
    Subscription listed = sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().get(0);
    assertEquals("PendingConfirmation", listed.subscriptionArn());
    assertEquals("1", sns.getTopicAttributes(b -> b.topicArn(topic)).attributes().get("SubscriptionsPending"));
    String real = sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("someone@example.com").returnSubscriptionArn(true)).subscriptionArn();
    assertTrue(real.startsWith(topic + ":"));
    assertEquals("true", sns.getSubscriptionAttributes(b -> b.subscriptionArn(real)).attributes().get("PendingConfirmation"));
  }
}
