package dev.fogbank.bench;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * {@code sqs-send-receive-delete}: each worker on its own queue sends ten messages one by one,
 * receives up to ten at once (no wait), and deletes what it received in one DeleteMessageBatch.
 * A cycle is 12 API calls when the receive returns all ten.
 */
final class SendReceiveDelete implements Workload {

  /** SQS's maximum for MaxNumberOfMessages and for entries in a batch. */
  static final int BATCH = 10;

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    SqsClient sqs = clients.sqs();
    int size = options.size();
    String queueUrl = BenchQueues.create(sqs, "srd", index);
    String body = BenchQueues.body(size);
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        for (int i = 0; i < BATCH; i++) {
          timer.call(() -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)));
        }
        ReceiveMessageResponse received =
            timer.call(
                () -> sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(BATCH).waitTimeSeconds(0)));
        if (!received.hasMessages() || received.messages().isEmpty()) {
          return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(received.messages().size());
        for (Message m : received.messages()) {
          entries.add(
              DeleteMessageBatchRequestEntry.builder()
                  .id(Integer.toString(entries.size()))
                  .receiptHandle(m.receiptHandle())
                  .build());
        }
        long start = System.nanoTime();
        DeleteMessageBatchResponse deleted =
            timer.call(() -> sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)));
        if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
          timer.failedEntries(start);
        }
      }

      @Override
      public void close() {
        BenchQueues.delete(sqs, queueUrl);
      }
    };
  }
}
