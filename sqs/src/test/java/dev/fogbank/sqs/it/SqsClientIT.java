package dev.fogbank.sqs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS through the AWS SDK for Java v2 (JSON 1.0). The SDK checks MD5OfMessageBody and
 * MD5OfMessageAttributes of every send and receive itself, so a wrong digest fails these tests.
 */
class SqsClientIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final SqsClient sqs = fogbank.client(SqsClient.builder());

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String create(String name, Map<QueueAttributeName, String> attributes) {
    return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
  }

  @Test
  void queueUrlNamesHostAccountAndQueue() {
    String name = unique("url");
    String url = create(name, Map.of());
    assertEquals(fogbank.endpoint() + "/000000000000/" + name, url);
    assertEquals(url, sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
    assertEquals(url, sqs.getQueueUrl(b -> b.queueName(name).queueOwnerAWSAccountId("000000000000")).queueUrl());
  }

  @Test
  void sendAndReceiveWithAttributesVerifiedBySdkDigests() {
    String url = create(unique("attrs"), Map.of());
    SendMessageResponse sent =
        sqs.sendMessage(
            b -> b.queueUrl(url)
                .messageBody("héllo wörld \uD83D\uDE00")
                .messageAttributes(Map.of(
                    "colour", MessageAttributeValue.builder().dataType("String").stringValue("blue").build(),
                    "count", MessageAttributeValue.builder().dataType("Number.int").stringValue("42").build(),
                    "blob", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build()))
                .messageSystemAttributes(Map.of(
                    MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                    MessageSystemAttributeValue.builder().dataType("String").stringValue("Root=1-abc").build())));
    assertNotNull(sent.md5OfMessageAttributes());
    assertNotNull(sent.md5OfMessageSystemAttributes());

    ReceiveMessageResponse received =
        sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
    Message m = received.messages().get(0);
    assertEquals(sent.messageId(), m.messageId());
    assertEquals("héllo wörld \uD83D\uDE00", m.body());
    assertEquals("blue", m.messageAttributes().get("colour").stringValue());
    assertEquals(3, m.messageAttributes().get("blob").binaryValue().asByteArray().length);
    assertEquals("1", m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    assertEquals("000000000000", m.attributes().get(MessageSystemAttributeName.SENDER_ID));
    assertEquals("Root=1-abc", m.attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER));
    assertEquals(Long.toString(fogbank.fogbank().clock().millis()), m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
  }

  @Test
  void receiveSelectsMessageAttributesByNameAndPrefix() {
    String url = create(unique("select"), Map.of());
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(Map.of(
        "a.one", MessageAttributeValue.builder().dataType("String").stringValue("1").build(),
        "b", MessageAttributeValue.builder().dataType("String").stringValue("2").build())));
    Message m = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("a.*")).messages().get(0);
    // the SDK verifies MD5OfMessageAttributes over the returned subset
    assertEquals(List.of("a.one"), List.copyOf(m.messageAttributes().keySet()));
  }

  @Test
  void visibilityTimeoutHidesThenReturnsMessage() {
    String url = create(unique("vis"), Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    Message first = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
    assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
    fogbank.advance(Duration.ofSeconds(10));
    Message second = sqs.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages().get(0);
    assertEquals(first.messageId(), second.messageId());
    assertEquals("2", second.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    SqsException stale = assertThrows(SqsException.class,
        () -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()).visibilityTimeout(5)));
    assertEquals("InvalidParameterValue", stale.awsErrorDetails().errorCode());
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(second.receiptHandle()));
    assertEquals("0", sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
        .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  @Test
  void longPollWakesOnSendAndEndsWhenVirtualTimePassesDeadline() throws Exception {
    String url = create(unique("poll"), Map.of());
    CompletableFuture<ReceiveMessageResponse> poll =
        CompletableFuture.supplyAsync(() -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("arrived"));
    Message arrived = poll.get(10, TimeUnit.SECONDS).messages().get(0);
    assertEquals("arrived", arrived.body());
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(arrived.receiptHandle()));

    CompletableFuture<ReceiveMessageResponse> empty =
        CompletableFuture.supplyAsync(() -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)));
    // advancing repeatedly covers the moment the poll parks; it ends once its 20 s have passed
    while (!empty.isDone()) {
      fogbank.advance(Duration.ofSeconds(20));
      Thread.sleep(10);
    }
    assertTrue(empty.get().messages().isEmpty());
  }

  @Test
  void batchesReportEachEntry() {
    String url = create(unique("batch"), Map.of());
    SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
        SendMessageBatchRequestEntry.builder().id("a").messageBody("one").build(),
        SendMessageBatchRequestEntry.builder().id("b").messageBody("bad \u0000 char").build(),
        SendMessageBatchRequestEntry.builder().id("c").messageBody("three").delaySeconds(5).build()));
    assertEquals(List.of("a", "c"), sent.successful().stream().map(e -> e.id()).toList());
    BatchResultErrorEntry failed = sent.failed().get(0);
    assertEquals("b", failed.id());
    assertEquals("InvalidMessageContents", failed.code());
    assertTrue(failed.senderFault());

    List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertEquals(1, messages.size());
    sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
        ChangeMessageVisibilityBatchRequestEntry.builder().id("x").receiptHandle(messages.get(0).receiptHandle())
            .visibilityTimeout(0).build()));
    fogbank.advance(Duration.ofSeconds(5));
    List<Message> both = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertEquals(2, both.size());
    DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
        DeleteMessageBatchRequestEntry.builder().id("1").receiptHandle(both.get(0).receiptHandle()).build(),
        DeleteMessageBatchRequestEntry.builder().id("2").receiptHandle("not-a-handle").build()));
    assertEquals(1, deleted.successful().size());
    assertEquals("ReceiptHandleIsInvalid", deleted.failed().get(0).code());
  }

  @Test
  void batchRulesAnswerSqsErrors() {
    String url = create(unique("batchrules"), Map.of());
    SqsException tooMany = assertThrows(SqsException.class, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
        java.util.stream.IntStream.range(0, 11)
            .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("x").build()).toList())));
    assertEquals("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", tooMany.awsErrorDetails().errorCode());
    SqsException same = assertThrows(SqsException.class, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
        SendMessageBatchRequestEntry.builder().id("a").messageBody("x").build(),
        SendMessageBatchRequestEntry.builder().id("a").messageBody("y").build())));
    assertEquals("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", same.awsErrorDetails().errorCode());
    assertEquals(400, same.statusCode());
    String big = "x".repeat(200_000);
    SqsException tooLong = assertThrows(SqsException.class, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
        SendMessageBatchRequestEntry.builder().id("a").messageBody(big).build(),
        SendMessageBatchRequestEntry.builder().id("b").messageBody(big).build())));
    assertEquals("AWS.SimpleQueueService.BatchRequestTooLong", tooLong.awsErrorDetails().errorCode());
  }

  @Test
  void fifoQueueOrdersDeduplicatesAndNumbersMessages() {
    String url = create(unique("order") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
        QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
    String s1 = sqs.sendMessage(b -> b.queueUrl(url).messageBody("1").messageGroupId("g")).sequenceNumber();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("1").messageGroupId("g"));
    String s2 = sqs.sendMessage(b -> b.queueUrl(url).messageBody("2").messageGroupId("g")).sequenceNumber();
    assertTrue(s2.compareTo(s1) > 0);
    List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    assertEquals(List.of("1", "2"), got.stream().map(Message::body).toList());
    assertEquals("g", got.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    assertEquals(s1, got.get(0).attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER));
    SqsException delay = assertThrows(SqsException.class,
        () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("d").messageGroupId("g").delaySeconds(3)));
    assertEquals("InvalidParameterValue", delay.awsErrorDetails().errorCode());
  }

  @Test
  void redriveMovesMessageToDeadLetterQueueAndMoveTaskBringsItBack() {
    String dlqUrl = create(unique("dlq"), Map.of());
    String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    String url = create(unique("src"), Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1",
        QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison"));
    assertEquals(1, sqs.receiveMessage(b -> b.queueUrl(url)).messages().size());
    fogbank.advance(Duration.ofSeconds(1));
    assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
    assertEquals(List.of(url), sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlqUrl)).queueUrls());

    String handle = sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn)).taskHandle();
    assertNotNull(handle);
    fogbank.advance(Duration.ofSeconds(1));
    var tasks = sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn));
    assertEquals(1, tasks.results().size(), tasks.toString());
    var task = tasks.results().get(0);
    assertEquals("COMPLETED", task.status());
    assertEquals(1L, task.approximateNumberOfMessagesMoved());
    assertNull(task.taskHandle());
    assertEquals("poison", sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).body());
  }

  @Test
  void listQueuesPaginatesByPrefix() {
    String prefix = unique("list");
    for (int i = 0; i < 3; i++) {
      create(prefix + "-" + i, Map.of());
    }
    ListQueuesResponse first = sqs.listQueues(b -> b.queueNamePrefix(prefix).maxResults(2));
    assertEquals(2, first.queueUrls().size());
    assertNotNull(first.nextToken());
    ListQueuesResponse second = sqs.listQueues(b -> b.queueNamePrefix(prefix).maxResults(2).nextToken(first.nextToken()));
    assertEquals(List.of(fogbank.endpoint() + "/000000000000/" + prefix + "-2"), second.queueUrls());
    assertNull(second.nextToken());
  }

  @Test
  void tagsAndPermissions() {
    String url = sqs.createQueue(b -> b.queueName(unique("tags")).tags(Map.of("team", "a"))).queueUrl();
    sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "dev")));
    sqs.untagQueue(b -> b.queueUrl(url).tagKeys("team"));
    assertEquals(Map.of("env", "dev"), sqs.listQueueTags(b -> b.queueUrl(url)).tags());

    sqs.addPermission(b -> b.queueUrl(url).label("send").awsAccountIds("111122223333").actions("SendMessage"));
    String policy = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
        .attributes().get(QueueAttributeName.POLICY);
    assertTrue(policy.contains("\"Sid\":\"send\""), policy);
    assertTrue(policy.contains("arn:aws:iam::111122223333:root"), policy);
    sqs.removePermission(b -> b.queueUrl(url).label("send"));
    assertNull(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
        .attributes().get(QueueAttributeName.POLICY));
  }

  @Test
  void errorsCarrySqsCodes() {
    QueueDoesNotExistException missing = assertThrows(QueueDoesNotExistException.class,
        () -> sqs.getQueueUrl(b -> b.queueName("no-such-queue")));
    assertEquals(400, missing.statusCode());
    assertEquals("AWS.SimpleQueueService.NonExistentQueue", missing.awsErrorDetails().errorCode());

    String name = unique("exists");
    create(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10"));
    QueueNameExistsException exists = assertThrows(QueueNameExistsException.class,
        () -> create(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "20")));
    assertEquals("QueueAlreadyExists", exists.awsErrorDetails().errorCode());

    SqsException range = assertThrows(SqsException.class,
        () -> create(unique("range"), Map.of(QueueAttributeName.DELAY_SECONDS, "901")));
    assertEquals("InvalidAttributeValue", range.awsErrorDetails().errorCode());
    assertEquals("Invalid value for the parameter DelaySeconds.", range.awsErrorDetails().errorMessage());
  }
}
