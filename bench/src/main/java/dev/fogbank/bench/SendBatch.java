package dev.fogbank.bench;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@code sqs-send-batch}: each worker on its own queue repeats one SendMessageBatch of ten
 * messages of {@code --size} bytes. The messages stay in the queue until the worker deletes it
 * at the end of the run.
 */
final class SendBatch implements Workload {

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    SqsClient sqs = clients.sqs();
    int size = options.size();
    String queueUrl = BenchQueues.create(sqs, "batch", index);
    String body = BenchQueues.body(size);
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(SendReceiveDelete.BATCH);
    for (int i = 0; i < SendReceiveDelete.BATCH; i++) {
      entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body).build());
    }
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        long start = System.nanoTime();
        SendMessageBatchResponse sent =
            timer.call(() -> sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)));
        if (sent.hasFailed() && !sent.failed().isEmpty()) {
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
