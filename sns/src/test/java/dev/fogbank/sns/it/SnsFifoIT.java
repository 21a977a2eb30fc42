package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** FIFO topics to FIFO queues: order per message group, deduplication, and the FIFO rules. */
class SnsFifoIT extends SnsItSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fifoTopicKeepsOrderPerGroupInFifoQueues() throws Exception {
    String topic = fifoTopic(unique("order"), false);
    Queue q1 = queue(unique("order1") + ".fifo");
    Queue q2 = queue(unique("order2") + ".fifo");
    subscribe(topic, q1, Map.of("RawMessageDelivery", "true"));
    subscribe(topic, q2, Map.of());
    List<String> sequence = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String body = "m" + i;
      String group = i % 2 == 0 ? "even" : "odd";
      PublishResponse r = sns.publish(p -> p.topicArn(topic).message(body).messageGroupId(group).messageDeduplicationId(body));
      assertNotNull(r.sequenceNumber());
      assertEquals(20, r.sequenceNumber().length());
      sequence.add(r.sequenceNumber());
    }
    assertEquals(sequence.stream().sorted().toList(), sequence);

    List<String> even = new ArrayList<>();
    List<String> odd = new ArrayList<>();
    for (Message m : drain(q1)) {
      (m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID).equals("even") ? even : odd).add(m.body());
    }
    assertEquals(List.of("m0", "m2", "m4", "m6", "m8", "m10", "m12", "m14", "m16", "m18"), even);
    assertEquals(List.of("m1", "m3", "m5", "m7", "m9", "m11", "m13", "m15", "m17", "m19"), odd);

    List<Message> wrapped = drain(q2);
    assertEquals(20, wrapped.size());
    assertTrue(JSON.readTree(wrapped.get(0).body()).has("SequenceNumber"));
  }

  @Test
  void duplicatesWithinFiveMinutesAreAcceptedButNotDelivered() {
    String topic = fifoTopic(unique("dedup"), true);
    Queue q = queue(unique("dedup") + ".fifo");
    subscribe(topic, q, Map.of("RawMessageDelivery", "true"));

    String first = sns.publish(p -> p.topicArn(topic).message("same body").messageGroupId("g")).messageId();
    String again = sns.publish(p -> p.topicArn(topic).message("same body").messageGroupId("g")).messageId();
    assertEquals(first, again);
    String explicit = sns.publish(p -> p.topicArn(topic).message("other").messageGroupId("g").messageDeduplicationId("d1")).messageId();
    String explicitAgain = sns.publish(p -> p.topicArn(topic).message("different").messageGroupId("g").messageDeduplicationId("d1")).messageId();
    assertEquals(explicit, explicitAgain);
    assertEquals(List.of("same body", "other"), drain(q).stream().map(Message::body).toList());

    // "the 5-minute deduplication interval": after it, the same content is delivered again.
    fogbank.advance(Duration.ofMinutes(5).plusSeconds(1));
    String later = sns.publish(p -> p.topicArn(topic).message("same body").messageGroupId("g")).messageId();
    assertTrue(!later.equals(first));
    assertEquals(List.of("same body"), drain(q).stream().map(Message::body).toList());
  }

  @Test
  void fifoRulesAnswerInvalidParameter() {
    String topic = fifoTopic(unique("rules"), false);
    InvalidParameterException noGroup =
        assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.topicArn(topic).message("x").messageDeduplicationId("d")));
    assertEquals("Invalid parameter: The MessageGroupId parameter is required for FIFO topics", noGroup.awsErrorDetails().errorMessage());
    InvalidParameterException noDedup =
        assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.topicArn(topic).message("x").messageGroupId("g")));
    assertEquals(
        "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
        noDedup.awsErrorDetails().errorMessage());

    String standard = topic(unique("standard"));
    InvalidParameterException dedupOnStandard =
        assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.topicArn(standard).message("x").messageDeduplicationId("d")));
    assertEquals(
        "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
        dedupOnStandard.awsErrorDetails().errorMessage());

    Queue standardQueue = queue(unique("std"));
    InvalidParameterException standardQueueOnFifo =
        assertThrows(InvalidParameterException.class, () -> subscribe(topic, standardQueue, Map.of()));
    assertTrue(standardQueueOnFifo.awsErrorDetails().errorMessage().startsWith("Invalid parameter: Invalid parameter: Endpoint Reason: "));
    Queue fifoQueue = queue(unique("fifo") + ".fifo");
    InvalidParameterException fifoQueueOnStandard =
        assertThrows(InvalidParameterException.class, () -> subscribe(standard, fifoQueue, Map.of()));
    assertEquals(
        "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics",
        fifoQueueOnStandard.awsErrorDetails().errorMessage());
  }

  @Test
  void fifoTopicAttributesReportFifo() {
    String topic = fifoTopic(unique("attrs"), true);
    Map<String, String> a = sns.getTopicAttributes(b -> b.topicArn(topic)).attributes();
    assertEquals("true", a.get("FifoTopic"));
    assertEquals("true", a.get("ContentBasedDeduplication"));
  }
}
