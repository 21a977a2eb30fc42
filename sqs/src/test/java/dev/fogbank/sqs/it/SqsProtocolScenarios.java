package dev.fogbank.sqs.it;

import static dev.fogbank.sqs.it.WireClient.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.sqs.it.WireClient.Reply;
import dev.fogbank.sqs.queue.MessageAttribute;
import dev.fogbank.sqs.queue.MessageDigests;
import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQS scenarios run once per protocol (JSON 1.0 and query): the same requests must give the same
 * answers, and every bad input SQS's own error code (the query {@code <Code>}, which JSON carries
 * in {@code x-amzn-query-error}) with status 400.
 */
abstract class SqsProtocolScenarios {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  abstract WireClient wire();

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  String createQueue(String name) {
    Reply r = wire().call("CreateQueue", in().put("QueueName", name));
    assertEquals(200, r.status(), r.body());
    return r.text("QueueUrl");
  }

  static void assertError(Reply r, String code, String message) {
    assertEquals(400, r.status(), r.body());
    assertEquals(code, r.errorCode(), r.body());
    assertEquals("Sender", r.errorType(), r.body());
    if (message != null) {
      assertTrue(r.body().contains(message), r.body());
    }
  }

  @Test
  void sendReceiveDeleteRoundTrip() {
    String url = createQueue(unique("round"));
    ObjectNode send = in().put("QueueUrl", url).put("MessageBody", "line1\r\nline2 & <tag>");
    send.putObject("MessageAttributes").putObject("colour").put("DataType", "String").put("StringValue", "blue");
    Reply sent = wire().call("SendMessage", send);
    assertEquals(200, sent.status(), sent.body());
    assertEquals(MessageDigests.md5("line1\r\nline2 & <tag>"), sent.text("MD5OfMessageBody"));
    TreeMap<String, MessageAttribute> attrs = new TreeMap<>();
    attrs.put("colour", MessageAttribute.string("String", "blue"));
    assertEquals(MessageDigests.md5(attrs), sent.text("MD5OfMessageAttributes"));

    ObjectNode receive = in().put("QueueUrl", url).put("MaxNumberOfMessages", 10);
    receive.putArray("MessageAttributeNames").add("All");
    receive.putArray("MessageSystemAttributeNames").add("ApproximateReceiveCount");
    Reply got = wire().call("ReceiveMessage", receive);
    assertEquals(sent.text("MessageId"), got.text("MessageId"));
    assertEquals("line1\r\nline2 & <tag>", got.text("Body"));
    assertEquals("blue", got.text("StringValue"));
    assertEquals("1", got.text("ApproximateReceiveCount"));
    assertEquals(sent.text("MD5OfMessageAttributes"), got.text("MD5OfMessageAttributes"));

    Reply deleted = wire().call("DeleteMessage", in().put("QueueUrl", url).put("ReceiptHandle", got.text("ReceiptHandle")));
    assertEquals(200, deleted.status(), deleted.body());
    ObjectNode attributes = in().put("QueueUrl", url);
    attributes.putArray("AttributeNames").add("All");
    Reply counts = wire().call("GetQueueAttributes", attributes);
    assertEquals("0", counts.text("ApproximateNumberOfMessages"));
    assertEquals("0", counts.text("ApproximateNumberOfMessagesNotVisible"));
    assertEquals("30", counts.text("VisibilityTimeout"));
  }

  @Test
  void createQueueWithAttributesAndTags() {
    String name = unique("attrs");
    ObjectNode create = in().put("QueueName", name);
    create.putObject("Attributes").put("VisibilityTimeout", "45").put("DelaySeconds", "2");
    create.putObject("tags").put("team", "blue");
    Reply r = wire().call("CreateQueue", create);
    assertEquals(200, r.status(), r.body());
    String url = r.text("QueueUrl");
    Reply again = wire().call("CreateQueue", create);
    assertEquals(url, again.text("QueueUrl"));
    Reply tags = wire().call("ListQueueTags", in().put("QueueUrl", url));
    assertEquals("blue", tags.text("team"));
    ObjectNode get = in().put("QueueUrl", url);
    get.putArray("AttributeNames").add("VisibilityTimeout").add("QueueArn");
    Reply attrs = wire().call("GetQueueAttributes", get);
    assertEquals("45", attrs.text("VisibilityTimeout"));
    assertEquals("arn:aws:sqs:us-east-1:000000000000:" + name, attrs.text("QueueArn"));
  }

  @Test
  void batchReportsSuccessesAndFailures() {
    String url = createQueue(unique("batch"));
    ObjectNode batch = in().put("QueueUrl", url);
    ArrayNode entries = batch.putArray("Entries");
    entries.addObject().put("Id", "ok").put("MessageBody", "fine");
    entries.addObject().put("Id", "bad").put("MessageBody", "nul \u0001 char");
    Reply r = wire().call("SendMessageBatch", batch);
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("ok", "bad"), r.texts("Id"));
    assertEquals("InvalidMessageContents", r.text("Code"));
    assertEquals("true", r.text("SenderFault"));
  }

  @Test
  void missingQueueIsNonExistentQueue() {
    assertError(wire().call("GetQueueUrl", in().put("QueueName", "nope-" + UUID.randomUUID())),
        "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    assertError(wire().call("SendMessage", in().put("QueueUrl", fogbank.endpoint() + "/000000000000/nope").put("MessageBody", "x")),
        "AWS.SimpleQueueService.NonExistentQueue", null);
  }

  @Test
  void missingParameterNamesIt() {
    assertError(wire().call("CreateQueue", in()), "MissingParameter", "The request must contain the parameter QueueName.");
    String url = createQueue(unique("missing"));
    assertError(wire().call("SendMessage", in().put("QueueUrl", url)), "MissingParameter", "MessageBody");
  }

  @Test
  void queueAttributeErrors() {
    ObjectNode range = in().put("QueueName", unique("range"));
    range.putObject("Attributes").put("VisibilityTimeout", "43201");
    assertError(wire().call("CreateQueue", range), "InvalidAttributeValue", "Invalid value for the parameter VisibilityTimeout.");
    ObjectNode unknown = in().put("QueueName", unique("unknown"));
    unknown.putObject("Attributes").put("Colour", "blue");
    assertError(wire().call("CreateQueue", unknown), "InvalidAttributeName", "Unknown Attribute Colour.");
    assertError(wire().call("CreateQueue", in().put("QueueName", "bad name!")), "InvalidParameterValue", null);

    String name = unique("exists");
    ObjectNode first = in().put("QueueName", name);
    first.putObject("Attributes").put("DelaySeconds", "1");
    wire().call("CreateQueue", first);
    ObjectNode second = in().put("QueueName", name);
    second.putObject("Attributes").put("DelaySeconds", "2");
    assertError(wire().call("CreateQueue", second), "QueueAlreadyExists", "DelaySeconds");

    String url = createQueue(unique("get"));
    ObjectNode get = in().put("QueueUrl", url);
    get.putArray("AttributeNames").add("NoSuchAttribute");
    assertError(wire().call("GetQueueAttributes", get), "InvalidAttributeName", null);
  }

  @Test
  void messageErrors() {
    String url = createQueue(unique("msg"));
    assertError(wire().call("SendMessage", in().put("QueueUrl", url).put("MessageBody", "bad \u0008")),
        "InvalidMessageContents", "Invalid characters found.");
    assertError(wire().call("SendMessage", in().put("QueueUrl", url).put("MessageBody", "x".repeat(262_145))),
        "InvalidParameterValue", "Message must be shorter than 262144 bytes.");
    assertError(wire().call("ReceiveMessage", in().put("QueueUrl", url).put("MaxNumberOfMessages", 11)),
        "InvalidParameterValue", "MaxNumberOfMessages");
    assertError(wire().call("DeleteMessage", in().put("QueueUrl", url).put("ReceiptHandle", "garbage")),
        "ReceiptHandleIsInvalid", null);

    wire().call("SendMessage", in().put("QueueUrl", url).put("MessageBody", "m"));
    String handle = wire().call("ReceiveMessage", in().put("QueueUrl", url)).text("ReceiptHandle");
    assertEquals(200, wire().call("DeleteMessage", in().put("QueueUrl", url).put("ReceiptHandle", handle)).status());
    assertError(wire().call("ChangeMessageVisibility",
            in().put("QueueUrl", url).put("ReceiptHandle", handle).put("VisibilityTimeout", 10)),
        "InvalidParameterValue", "Message does not exist or is not available for visibility timeout change.");
  }

  @Test
  void batchErrors() {
    String url = createQueue(unique("batcherr"));
    assertError(wire().call("SendMessageBatch", in().put("QueueUrl", url)), "AWS.SimpleQueueService.EmptyBatchRequest", null);
    ObjectNode tooMany = in().put("QueueUrl", url);
    ArrayNode many = tooMany.putArray("Entries");
    for (int i = 0; i < 11; i++) {
      many.addObject().put("Id", "e" + i).put("MessageBody", "x");
    }
    assertError(wire().call("SendMessageBatch", tooMany), "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "Maximum number of entries per request are 10. You have sent 11.");
    ObjectNode same = in().put("QueueUrl", url);
    same.putArray("Entries").add(in().put("Id", "a").put("ReceiptHandle", "h")).add(in().put("Id", "a").put("ReceiptHandle", "h"));
    assertError(wire().call("DeleteMessageBatch", same), "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id a repeated.");
    ObjectNode badId = in().put("QueueUrl", url);
    badId.putArray("Entries").add(in().put("Id", "no spaces").put("MessageBody", "x"));
    assertError(wire().call("SendMessageBatch", badId), "AWS.SimpleQueueService.InvalidBatchEntryId", null);
  }

  @Test
  void purgeTwiceWithinAMinuteIsPurgeQueueInProgress() {
    String url = createQueue(unique("purge"));
    assertEquals(200, wire().call("PurgeQueue", in().put("QueueUrl", url)).status());
    assertError(wire().call("PurgeQueue", in().put("QueueUrl", url)), "AWS.SimpleQueueService.PurgeQueueInProgress", null);
    fogbank.advance(Duration.ofSeconds(60));
    assertEquals(200, wire().call("PurgeQueue", in().put("QueueUrl", url)).status());
  }

  @Test
  void deletedQueueNameWaitsSixtySeconds() {
    String name = unique("recreate");
    String url = createQueue(name);
    assertEquals(200, wire().call("DeleteQueue", in().put("QueueUrl", url)).status());
    assertError(wire().call("CreateQueue", in().put("QueueName", name)), "AWS.SimpleQueueService.QueueDeletedRecently", null);
    fogbank.advance(Duration.ofSeconds(60));
    assertNotNull(createQueue(name));
  }

  @Test
  void fifoRules() {
    ObjectNode create = in().put("QueueName", unique("rules") + ".fifo");
    create.putObject("Attributes").put("FifoQueue", "true");
    String url = wire().call("CreateQueue", create).text("QueueUrl");
    assertError(wire().call("SendMessage", in().put("QueueUrl", url).put("MessageBody", "x")),
        "MissingParameter", "MessageGroupId");
    assertError(wire().call("SendMessage", in().put("QueueUrl", url).put("MessageBody", "x").put("MessageGroupId", "g")),
        "InvalidParameterValue", "ContentBasedDeduplication");
    Reply ok = wire().call("SendMessage",
        in().put("QueueUrl", url).put("MessageBody", "x").put("MessageGroupId", "g").put("MessageDeduplicationId", "d"));
    assertEquals(20, ok.text("SequenceNumber").length());
  }
}
