package dev.fogbank.bench;

import software.amazon.awssdk.services.sqs.SqsClient;

/** A load pattern: each worker thread gets its own {@link Worker}, and repeats its cycle. */
interface Workload {

  /** A worker's state: its queue, its prepared request bodies. */
  interface Worker {

    /** One round of API calls, each through {@code timer}. */
    void cycle(OpTimer timer);

    /** Removes what {@link Workload#worker} created (not measured). */
    void close();
  }

  /** Creates one worker's resources (not measured). */
  Worker worker(SqsClient sqs, int index, int size);

  static Workload named(String name) {
    return switch (name) {
      case "sqs-send-receive-delete" -> new SendReceiveDelete();
      case "sqs-send-batch" -> new SendBatch();
      default ->
          throw new IllegalArgumentException(
              "unknown workload " + name + " (known: sqs-send-receive-delete, sqs-send-batch)");
    };
  }
}
