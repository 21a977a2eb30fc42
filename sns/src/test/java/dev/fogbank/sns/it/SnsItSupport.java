package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.engine.ServiceRegistry;
import dev.fogbank.sns.SnsModule;
import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** One embedded Fogbank (SNS and SQS, frozen virtual clock) and SDK v2 clients for each test class. */
abstract class SnsItSupport {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  final SnsClient sns = fogbank.client(SnsClient.builder());
  final SqsClient sqs = fogbank.client(SqsClient.builder());

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  String topic(String name) {
    return sns.createTopic(b -> b.name(name)).topicArn();
  }

  String fifoTopic(String name, boolean contentBasedDeduplication) {
    CreateTopicResponse r =
        sns.createTopic(
            b -> b.name(name + ".fifo")
                .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", Boolean.toString(contentBasedDeduplication))));
    return r.topicArn();
  }

  /** A queue: its URL and ARN. */
  record Queue(String url, String arn) {}

  Queue queue(String name) {
    Map<QueueAttributeName, String> attributes =
        name.endsWith(".fifo") ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
    String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    String arn =
        sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    return new Queue(url, arn);
  }

  String subscribe(String topicArn, Queue queue, Map<String, String> attributes) {
    return sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()).attributes(attributes))
        .subscriptionArn();
  }

  /** Waits until SNS has handed every message published so far to its subscriptions. */
  static void awaitFanout() {
    ServiceRegistry.Service service = fogbank.fogbank().emulator().registry().byName("sns");
    SnsModule module = (SnsModule) service.module();
    try {
      assertTrue(module.engine().fanout().awaitIdle(Duration.ofSeconds(20)), "fan-out did not finish");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every message in the queue now, in the order SQS hands them out; the fan-out is over first. */
  List<Message> drain(Queue queue) {
    awaitFanout();
    List<Message> all = new ArrayList<>();
    while (true) {
      List<Message> batch =
          sqs.receiveMessage(
                  b -> b.queueUrl(queue.url())
                      .maxNumberOfMessages(10)
                      .waitTimeSeconds(0)
                      .messageAttributeNames("All")
                      .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
      for (Message m : batch) {
        sqs.deleteMessage(b -> b.queueUrl(queue.url()).receiptHandle(m.receiptHandle()));
      }
    }
  }
}
