package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.model.Message;

/** Publish and PublishBatch validation, per-entry failures, and the 256 KB limit. */
class SnsPublishIT extends SnsItSupport {

  private static PublishBatchRequestEntry entry(String id, String message) {
    return PublishBatchRequestEntry.builder().id(id).message(message).build();
  }

  @Test
  void publishBatchDeliversEachEntryAndReportsFailuresPerEntry() {
    String topic = topic(unique("batch"));
    Queue q = queue(unique("batch"));
    subscribe(topic, q, Map.of("RawMessageDelivery", "true"));
    List<PublishBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      entries.add(entry("e" + i, "message " + i));
    }
    entries.add(PublishBatchRequestEntry.builder().id("bad").message("x").messageAttributes(Map.of(
        "n", MessageAttributeValue.builder().dataType("Number").stringValue("not a number").build())).build());

    PublishBatchResponse r = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(entries));

    assertEquals(9, r.successful().size());
    assertEquals(1, r.failed().size());
    assertEquals("bad", r.failed().get(0).id());
    assertEquals("ParameterValueInvalid", r.failed().get(0).code());
    assertTrue(r.failed().get(0).senderFault());
    assertEquals(9, drain(q).size());
  }

  @Test
  void publishBatchRequestErrors() {
    String topic = topic(unique("batch-errors"));
    List<PublishBatchRequestEntry> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(entry("e" + i, "m"));
    }
    TooManyEntriesInBatchRequestException tooMany =
        assertThrows(TooManyEntriesInBatchRequestException.class, () -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(eleven)));
    assertEquals("The batch request contains more entries than permissible.", tooMany.awsErrorDetails().errorMessage());
    BatchEntryIdsNotDistinctException same =
        assertThrows(BatchEntryIdsNotDistinctException.class,
            () -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(entry("a", "1"), entry("a", "2"))));
    assertEquals("Two or more batch entries in the request have the same Id.", same.awsErrorDetails().errorMessage());
    SnsException badId =
        assertThrows(SnsException.class, () -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(entry("no spaces", "1"))));
    assertEquals("InvalidBatchEntryId", badId.awsErrorDetails().errorCode());
  }

  @Test
  void fifoBatchAnswersSequenceNumbers() {
    String topic = fifoTopic(unique("batch-fifo"), true);
    Queue q = queue(unique("batch-fifo") + ".fifo");
    subscribe(topic, q, Map.of("RawMessageDelivery", "true"));
    PublishBatchResponse r =
        sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
            PublishBatchRequestEntry.builder().id("1").message("one").messageGroupId("g").build(),
            PublishBatchRequestEntry.builder().id("2").message("two").messageGroupId("g").build(),
            PublishBatchRequestEntry.builder().id("3").message("three").build()));
    assertEquals(2, r.successful().size());
    assertTrue(r.successful().stream().allMatch(e -> e.sequenceNumber() != null));
    assertEquals("InvalidParameter", r.failed().get(0).code());
    assertEquals(List.of("one", "two"), drain(q).stream().map(Message::body).toList());
  }

  @Test
  void publishValidation() {
    String topic = topic(unique("validate"));
    InvalidParameterException empty = assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.topicArn(topic).message("")));
    assertEquals("Invalid parameter: Empty message", empty.awsErrorDetails().errorMessage());
    InvalidParameterException subject =
        assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.topicArn(topic).message("m").subject("line\nbreak")));
    assertEquals("Invalid parameter: Subject", subject.awsErrorDetails().errorMessage());
    InvalidParameterException noTarget = assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.message("m")));
    assertEquals("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter", noTarget.awsErrorDetails().errorMessage());
    InvalidParameterException structure =
        assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.topicArn(topic).messageStructure("json").message("{\"sqs\":\"x\"}")));
    assertEquals("Invalid parameter: Message Structure - No default entry in JSON message body", structure.awsErrorDetails().errorMessage());
    NotFoundException missing = assertThrows(NotFoundException.class, () -> sns.publish(p -> p.topicArn(topic + "-nope").message("m")));
    assertEquals(404, missing.statusCode());
  }

  @Test
  void messagesOver256KbAreRejectedAtTheLimitAccepted() {
    String topic = topic(unique("size"));
    // Publish: "at most 256 KB in size (262,144 bytes, not 262,144 characters)".
    sns.publish(p -> p.topicArn(topic).message("x".repeat(262_144)));
    InvalidParameterException tooLong =
        assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.topicArn(topic).message("x".repeat(262_145))));
    assertEquals("Invalid parameter: Message too long", tooLong.awsErrorDetails().errorMessage());
    assertThrows(InvalidParameterException.class, () -> sns.publish(p -> p.topicArn(topic).message("x".repeat(262_140))
        .messageAttributes(Map.of("attr", MessageAttributeValue.builder().dataType("String").stringValue("value").build()))));
  }

  @Test
  void messageAttributeErrorsAreParameterValueInvalid() {
    String topic = topic(unique("attrs"));
    InvalidParameterValueException type =
        assertThrows(InvalidParameterValueException.class, () -> sns.publish(p -> p.topicArn(topic).message("m")
            .messageAttributes(Map.of("a", MessageAttributeValue.builder().dataType("Text").stringValue("v").build()))));
    assertEquals(
        "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
        type.awsErrorDetails().errorMessage());
    assertEquals("ParameterValueInvalid", type.awsErrorDetails().errorCode());
    InvalidParameterValueException name =
        assertThrows(InvalidParameterValueException.class, () -> sns.publish(p -> p.topicArn(topic).message("m")
            .messageAttributes(Map.of("a..b", MessageAttributeValue.builder().dataType("String").stringValue("v").build()))));
    assertEquals("Message attribute name can not have successive '.' character.", name.awsErrorDetails().errorMessage());
    SnsException noType =
        assertThrows(SnsException.class, () -> sns.publish(p -> p.topicArn(topic).message("m")
            .messageAttributes(Map.of("a", MessageAttributeValue.builder().stringValue("v").build()))));
    assertEquals("ValidationError", noType.awsErrorDetails().errorCode());
    assertEquals(
        "1 validation error detected: Value null at 'messageAttributes.a.member.dataType' failed to satisfy constraint: Member must not be null",
        noType.awsErrorDetails().errorMessage());
  }
}
