package dev.fogbank.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code sns-fanout}: one topic with {@value #QUEUES} SQS queues subscribed with raw message
 * delivery. The workers publish (one Publish per cycle, the op); one consumer thread per queue
 * long-polls it (ReceiveMessage of up to 10, WaitTimeSeconds 1) and deletes what it got with
 * DeleteMessageBatch. Each message body starts with the driver's {@link System#nanoTime} just
 * before its Publish, so a consumer knows each delivery's publish-to-received latency.
 *
 * <p>Adds to the report: {@code deliveries} (messages received inside the measured window),
 * {@code deliveries_per_s}, {@code deliveries_per_cpu_s}, the publish-to-received latency
 * percentiles of messages published inside the window ({@code delivery_p50_ms}, {@code
 * delivery_p99_ms}, {@code delivery_max_ms}; consumers go on {@value #DRAIN_SECONDS} s after the
 * window so that late deliveries count), and {@code undelivered}: deliveries owed for messages
 * published inside the window (10 each) that no consumer had received by then.
 */
final class SnsFanout implements Workload {

  static final int QUEUES = 10;
  static final int DRAIN_SECONDS = 3;

  private SnsClient sns;
  private SqsClient sqs;
  private String topicArn;
  private final List<String> queueUrls = new ArrayList<>();
  private final List<FanoutConsumer> consumers = new ArrayList<>();
  private final List<Thread> consumerThreads = new ArrayList<>();
  /** Publishes answered 200 whose timestamp lies inside the measured window. */
  private final LongAdder publishedInWindow = new LongAdder();
  private long measureFrom;
  private long measureUntil;

  @Override
  public void setUp(BenchClients clients, DriverOptions options) {
    sns = clients.sns();
    sqs = clients.sqs();
    topicArn = sns.createTopic(b -> b.name("bench-fanout-" + BenchQueues.RUN)).topicArn();
    for (int i = 0; i < QUEUES; i++) {
      String url = BenchQueues.create(sqs, "fanout", i);
      queueUrls.add(url);
      String queueArn =
          sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      // As on AWS, the queue's policy lets the topic send to it.
      sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, policy(queueArn))));
      sns.subscribe(
          b ->
              b.topicArn(topicArn)
                  .protocol("sqs")
                  .endpoint(queueArn)
                  .attributes(Map.of("RawMessageDelivery", "true"))
                  .returnSubscriptionArn(true));
    }
  }

  private String policy(String queueArn) {
    return """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},\
        "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
        .formatted(queueArn, topicArn);
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    String padding = BenchQueues.body(options.size());
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        long stamp = System.nanoTime();
        // The stamp first, then padding up to --size characters.
        String stampText = Long.toString(stamp) + ' ';
        String message = stampText + padding.substring(Math.min(padding.length(), stampText.length()));
        timer.call(() -> sns.publish(b -> b.topicArn(topicArn).message(message)));
        if (stamp >= measureFrom && stamp < measureUntil) {
          publishedInWindow.increment();
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void start(long measureFromNanos, long measureUntilNanos) {
    measureFrom = measureFromNanos;
    measureUntil = measureUntilNanos;
    long stopAt = measureUntilNanos + DRAIN_SECONDS * 1_000_000_000L;
    for (int i = 0; i < queueUrls.size(); i++) {
      FanoutConsumer consumer = new FanoutConsumer(sqs, queueUrls.get(i), measureFromNanos, measureUntilNanos, stopAt);
      consumers.add(consumer);
      consumerThreads.add(Thread.ofPlatform().name("bench-consumer-" + i).start(consumer));
    }
  }

  @Override
  public void finish(ObjectNode line, DriverOptions options, double serverCpuSeconds) throws InterruptedException {
    for (Thread t : consumerThreads) {
      t.join();
    }
    Histogram latency = new Histogram(1_000L, 60_000_000_000L, 3);
    long deliveries = 0;
    long errors = 0;
    for (FanoutConsumer c : consumers) {
      latency.add(c.latencies());
      deliveries += c.deliveriesInWindow();
      errors += c.errors();
    }
    line.put("deliveries", deliveries);
    line.put("deliveries_per_s", LoadDriver.round((double) deliveries / options.seconds(), 1));
    if (!Double.isNaN(serverCpuSeconds)) {
      line.put("deliveries_per_cpu_s", serverCpuSeconds > 0 ? LoadDriver.round(deliveries / serverCpuSeconds, 1) : 0);
    }
    boolean any = latency.getTotalCount() > 0;
    line.put("delivery_p50_ms", any ? LoadDriver.round(latency.getValueAtPercentile(50) / 1e6, 3) : 0);
    line.put("delivery_p99_ms", any ? LoadDriver.round(latency.getValueAtPercentile(99) / 1e6, 3) : 0);
    line.put("delivery_max_ms", any ? LoadDriver.round(latency.getMaxValue() / 1e6, 3) : 0);
    line.put("undelivered", publishedInWindow.sum() * QUEUES - latency.getTotalCount());
    line.put("consumer_errors", errors);
  }

  @Override
  public void tearDown() {
    for (String url : queueUrls) {
      BenchQueues.delete(sqs, url);
    }
    if (topicArn != null) {
      try {
        sns.deleteTopic(b -> b.topicArn(topicArn));
      } catch (SdkException e) {
        System.err.println("could not delete " + topicArn + ": " + e.getMessage());
      }
    }
  }
}
