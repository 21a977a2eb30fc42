package dev.fogbank.docker.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.Fogbank;
import dev.fogbank.testkit.FogbankTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The README's embedded example, kept here so that it is known to run as written. */
@FogbankTest(services = "sqs", virtualTime = true)
class OrderQueueTest {

  @AfterEach
  void cleanUp(Fogbank fogbank) {
    fogbank.reset(); // one Fogbank per class; every test starts with no queues
  }

  @Test
  void anUnacknowledgedOrderComesBackAfterTheVisibilityTimeout(SqsClient sqs, Fogbank fogbank) {
    String url = sqs.createQueue(b -> b.queueName("orders")).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("order-1"));

    var first = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(30)).messages();
    assertEquals("order-1", first.get(0).body());
    assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());

    fogbank.clock().advance(Duration.ofSeconds(31)); // no sleeping: virtual time

    var again = sqs.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNamesWithStrings("ApproximateReceiveCount")).messages();
    assertEquals("order-1", again.get(0).body());
    assertEquals("2", again.get(0).attributesAsStrings().get("ApproximateReceiveCount"));
  }

  @Test
  void eachTestStartsWithoutQueues(SqsClient sqs) {
    assertTrue(sqs.listQueues().queueUrls().isEmpty());
  }
}
