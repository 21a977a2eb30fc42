package dev.fogbank.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import dev.fogbank.sqs.queue.Queue;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Queue URLs handed out in both styles and accepted in every form clients send. */
class QueueUrlsTest {

  private final VirtualClock clock = VirtualClock.frozenAt(Instant.parse("2025-01-01T00:00:00Z"));

  @Test
  void handsOutPathAndLocalStackDomainStyles() {
    try (Scheduler scheduler = new Scheduler(clock)) {
      Queue q = new Queue("123456789012", "eu-west-1", "orders", false, clock, scheduler);
      RequestContext ctx = new RequestContext("id", "123456789012", "eu-west-1", "localhost:4566", Protocol.QUERY, null, clock);
      assertEquals("http://localhost:4566/123456789012/orders", QueueUrls.of(ctx, q, QueueUrls.Style.PATH));
      assertEquals("http://sqs.eu-west-1.localhost.localstack.cloud:4566/123456789012/orders",
          QueueUrls.of(ctx, q, QueueUrls.Style.DOMAIN));
    }
  }

  @Test
  void acceptsEveryQueueUrlForm() {
    QueueUrls.Ref expected = new QueueUrls.Ref("123456789012", "us-east-1", "orders");
    assertEquals(expected, QueueUrls.parse("http://localhost:4566/123456789012/orders", "000000000000", "us-east-1"));
    assertEquals(new QueueUrls.Ref("123456789012", "eu-west-1", "orders"),
        QueueUrls.parse("http://sqs.eu-west-1.localhost.localstack.cloud:4566/123456789012/orders", "000000000000", "us-east-1"));
    assertEquals(new QueueUrls.Ref("123456789012", "eu-west-1", "orders"),
        QueueUrls.parse("https://sqs.eu-west-1.amazonaws.com/123456789012/orders", "000000000000", "us-east-1"));
    assertEquals(new QueueUrls.Ref("000000000000", "us-east-1", "orders"),
        QueueUrls.parse("orders", "000000000000", "us-east-1"));
    assertEquals(new QueueUrls.Ref("000000000000", "us-east-1", "orders"),
        QueueUrls.parse("http://localhost:4566/queue/orders", "000000000000", "us-east-1"));
    assertNull(QueueUrls.parse("http://localhost:4566/not/a/queue", "000000000000", "us-east-1"));
  }
}
