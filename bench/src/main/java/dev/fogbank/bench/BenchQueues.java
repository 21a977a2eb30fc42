package dev.fogbank.bench;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The queues workers create for themselves, and the message bodies they send. */
final class BenchQueues {

  /** One prefix per driver run, so runs against a shared server never meet. */
  static final String RUN =
      Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

  private BenchQueues() {}

  static String create(SqsClient sqs, String workload, int index) {
    return sqs.createQueue(b -> b.queueName("bench-" + workload + "-" + RUN + "-" + index)).queueUrl();
  }

  static void delete(SqsClient sqs, String queueUrl) {
    try {
      sqs.deleteQueue(b -> b.queueUrl(queueUrl));
    } catch (SdkException e) {
      // The run's figures are already taken; a queue left behind only costs the server memory.
      System.err.println("could not delete " + queueUrl + ": " + e.getMessage());
    }
  }

  /** A body of {@code size} characters, all ASCII so that characters and bytes agree. */
  static String body(int size) {
    char[] chars = new char[size];
    Arrays.fill(chars, 'x');
    return new String(chars);
  }
}
