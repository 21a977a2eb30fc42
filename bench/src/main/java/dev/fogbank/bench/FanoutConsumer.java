package dev.fogbank.bench;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Long-polls one queue of {@code sns-fanout} until {@code stopAt}, deleting what it receives, and
 * records each message's publish-to-received latency from the stamp at the start of its body.
 */
final class FanoutConsumer implements Runnable {

  private final SqsClient sqs;
  private final String queueUrl;
  private final long measureFrom;
  private final long measureUntil;
  private final long stopAt;
  private final Histogram latencies = new Histogram(1_000L, 60_000_000_000L, 3);
  private long deliveriesInWindow;
  private long errors;

  FanoutConsumer(SqsClient sqs, String queueUrl, long measureFrom, long measureUntil, long stopAt) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.measureFrom = measureFrom;
    this.measureUntil = measureUntil;
    this.stopAt = stopAt;
  }

  @Override
  public void run() {
    while (System.nanoTime() < stopAt) {
      ReceiveMessageResponse received;
      try {
        received =
            sqs.receiveMessage(
                b -> b.queueUrl(queueUrl).maxNumberOfMessages(SendReceiveDelete.BATCH).waitTimeSeconds(1));
      } catch (SdkException e) {
        errors++;
        continue;
      }
      long now = System.nanoTime();
      if (!received.hasMessages() || received.messages().isEmpty()) {
        continue;
      }
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(received.messages().size());
      for (Message m : received.messages()) {
        record(m.body(), now);
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(entries.size()))
                .receiptHandle(m.receiptHandle())
                .build());
      }
      try {
        sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      } catch (SdkException e) {
        errors++;
      }
    }
  }

  private void record(String body, long receivedAt) {
    if (receivedAt >= measureFrom && receivedAt < measureUntil) {
      deliveriesInWindow++;
    }
    int space = body.indexOf(' ');
    long stamp;
    try {
      stamp = Long.parseLong(space < 0 ? body : body.substring(0, space));
    } catch (NumberFormatException e) {
      errors++;
      return;
    }
    if (stamp >= measureFrom && stamp < measureUntil) {
      latencies.recordValue(Math.max(1_000L, Math.min(receivedAt - stamp, latencies.getHighestTrackableValue())));
    }
  }

  Histogram latencies() {
    return latencies;
  }

  long deliveriesInWindow() {
    return deliveriesInWindow;
  }

  long errors() {
    return errors;
  }
}
