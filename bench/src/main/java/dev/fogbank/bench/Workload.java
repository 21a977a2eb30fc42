package dev.fogbank.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A load pattern: shared resources set up once, then each worker thread gets its own {@link
 * Worker} and repeats its cycle. Nothing outside the workers' cycles is measured.
 */
interface Workload {

  /** The names {@link #named} knows. */
  List<String> NAMES =
      List.of(
          "sqs-send-receive-delete",
          "sqs-send-batch",
          "dynamodb-put-get",
          "dynamodb-query",
          "sns-fanout",
          "sfn-express",
          "sfn-lambda-task",
          "lambda-invoke",
          "lambda-invoke-node",
          "lambda-invoke-java",
          "lambda-cold-start",
          "lambda-cold-start-node",
          "lambda-cold-start-java",
          "lambda-burst",
          "sqs-lambda-esm",
          "s3-put-get-small",
          "s3-put-get-large");

  /** A worker's state: its queue, its keys, its prepared request bodies. */
  interface Worker {

    /** One round of API calls, each through {@code timer}. */
    void cycle(OpTimer timer);

    /** Removes what {@link Workload#worker} created (not measured). */
    void close();
  }

  /** Creates what all workers share (a table, a topic); not measured. */
  default void setUp(BenchClients clients, DriverOptions options) {}

  /** Creates one worker's resources (not measured). */
  Worker worker(BenchClients clients, int index, DriverOptions options);

  /** Starts the workload's own background threads (consumers) for the measured window. */
  default void start(long measureFromNanos, long measureUntilNanos) {}

  /**
   * Called after the workers stopped: ends background threads and adds the workload's own figures
   * to the report line.
   */
  default void finish(ObjectNode line, DriverOptions options, double serverCpuSeconds)
      throws InterruptedException {}

  /** Removes what {@link #setUp} created (not measured). */
  default void tearDown() {}

  static Workload named(String name) {
    return switch (name) {
      case "sqs-send-receive-delete" -> new SendReceiveDelete();
      case "sqs-send-batch" -> new SendBatch();
      case "dynamodb-put-get" -> new DynamoDbPutGet();
      case "dynamodb-query" -> new DynamoDbQuery();
      case "sns-fanout" -> new SnsFanout();
      case "sfn-express" -> new SfnExpress();
      case "sfn-lambda-task" -> new SfnLambdaTask();
      case "lambda-invoke" -> new LambdaInvoke(EchoFunction.PYTHON);
      case "lambda-invoke-node" -> new LambdaInvoke(EchoFunction.NODE);
      case "lambda-invoke-java" -> new LambdaInvoke(EchoFunction.JAVA);
      case "lambda-cold-start" -> new LambdaColdStart(EchoFunction.PYTHON);
      case "lambda-cold-start-node" -> new LambdaColdStart(EchoFunction.NODE);
      case "lambda-cold-start-java" -> new LambdaColdStart(EchoFunction.JAVA);
      case "lambda-burst" -> new LambdaBurst();
      case "sqs-lambda-esm" -> new SqsLambdaEsm();
      case "s3-put-get-small" -> new S3PutGet(4 * 1024);
      case "s3-put-get-large" -> new S3PutGet(8 * 1024 * 1024);
      default -> throw new IllegalArgumentException("unknown workload " + name + " (known: " + String.join(", ", NAMES) + ")");
    };
  }
}
