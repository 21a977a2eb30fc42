package dev.fogbank.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@code sqs-lambda-esm}: one queue, mapped to one {@code java21} function whose handler echoes its
 * event (compiled and zipped by the driver) through an SQS event source mapping with the default
 * batch size (10). A cycle is one SendMessageBatch of ten messages whose bodies are the send time
 * (epoch microseconds); the handler appends "sent,handled" microseconds for every record it gets
 * to {@code <tmpdir>/fogbank-bench-esm-<queue>.csv}, which the driver reads at the end, so the
 * server and the driver must share a machine (and a {@code /tmp}).
 *
 * <p>Extra fields: {@code esm_handled} (records the handler got inside the window), {@code
 * esm_messages_per_s}, {@code esm_p50_ms}/{@code p99}/{@code max} (send-to-handler latency of the
 * messages sent inside the window) and {@code esm_unhandled} (messages sent inside the window the
 * handler had not seen 5 s after it). Unpaced, the senders can outrun the mapping: then the
 * backlog, not the mapping, is the latency; quote latency from a paced run ({@code --rate}) whose
 * {@code esm_unhandled} is 0.
 */
final class SqsLambdaEsm implements Workload {

  /** How long after the window the driver waits for the handler to catch up. */
  private static final Duration DRAIN = Duration.ofSeconds(5);

  static final String HANDLER_SOURCE =
      """
      package bench;

      import java.io.*;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.*;
      import java.time.Instant;
      import java.util.regex.Matcher;
      import java.util.regex.Pattern;

      public class Echo {
        static final Pattern BODY = Pattern.compile("\\"body\\":\\"(\\\\d+)\\"");
        static final Pattern SOURCE = Pattern.compile("\\"eventSourceARN\\":\\"arn:[^\\"]*:([^:\\"]+)\\"");

        public void handleRequest(InputStream in, OutputStream out) throws IOException {
          byte[] event = in.readAllBytes();
          Instant now = Instant.now();
          long handled = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
          String text = new String(event, StandardCharsets.UTF_8);
          Matcher source = SOURCE.matcher(text);
          String queue = source.find() ? source.group(1) : "unknown";
          StringBuilder lines = new StringBuilder();
          Matcher m = BODY.matcher(text);
          while (m.find()) {
            lines.append(m.group(1)).append(',').append(handled).append('\\n');
          }
          Path file = Path.of(System.getProperty("java.io.tmpdir"), "fogbank-bench-esm-" + queue + ".csv");
          synchronized (Echo.class) {
            Files.writeString(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          }
          out.write(event);
        }
      }
      """;

  private LambdaClient lambda;
  private SqsClient sqs;
  private String function;
  private String queueUrl;
  private String queueName;
  private String mapping;
  private long windowFromMicros;
  private long windowUntilMicros;

  @Override
  public void setUp(BenchClients clients, DriverOptions options) {
    create(clients);
  }

  private void create(BenchClients clients) {
    lambda = clients.lambda();
    sqs = clients.sqs();
    queueName = "bench-esm-" + BenchQueues.RUN;
    queueUrl = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    function = "bench-esm-echo-" + BenchQueues.RUN;
    BenchFunctions.create(
        lambda, function, Runtime.JAVA21, "bench.Echo::handleRequest", 512,
        SdkBytes.fromByteArray(BenchFunctions.javaZip("bench.Echo", HANDLER_SOURCE)));
    mapping = lambda.createEventSourceMapping(b -> b.functionName(function).eventSourceArn(queueArn)).uuid();
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  @Override
  public void start(long measureFromNanos, long measureUntilNanos) {
    long offset = nowMicros() - System.nanoTime() / 1_000;
    windowFromMicros = measureFromNanos / 1_000 + offset;
    windowUntilMicros = measureUntilNanos / 1_000 + offset;
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    SqsClient client = clients.sqs();
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(SendReceiveDelete.BATCH);
        String stamp = Long.toString(nowMicros());
        for (int i = 0; i < SendReceiveDelete.BATCH; i++) {
          entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(stamp).build());
        }
        long start = System.nanoTime();
        SendMessageBatchResponse sent = timer.call(() -> client.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)));
        if (sent.hasFailed() && !sent.failed().isEmpty()) {
          timer.failedEntries(start);
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void finish(ObjectNode line, DriverOptions options, double serverCpuSeconds) throws InterruptedException {
    Thread.sleep(DRAIN.toMillis());
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "fogbank-bench-esm-" + queueName + ".csv");
    Histogram latencies = new Histogram(1L, 600_000_000L, 3);
    long handledInWindow = 0;
    long sentInWindow = 0;
    try {
      if (Files.exists(file)) {
        for (String row : Files.readAllLines(file)) {
          int comma = row.indexOf(',');
          if (comma < 0) {
            continue;
          }
          long sent = Long.parseLong(row.substring(0, comma));
          long handled = Long.parseLong(row.substring(comma + 1));
          if (handled >= windowFromMicros && handled < windowUntilMicros) {
            handledInWindow++;
          }
          if (sent >= windowFromMicros && sent < windowUntilMicros) {
            sentInWindow++;
            latencies.recordValue(Math.max(1, handled - sent));
          }
        }
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long sentCount = line.path("ops").asLong() * SendReceiveDelete.BATCH;
    line.put("esm_handled", handledInWindow);
    line.put("esm_messages_per_s", LoadDriver.round(handledInWindow / (double) options.seconds(), 1));
    line.put("esm_p50_ms", LoadDriver.round(latencies.getValueAtPercentile(50) / 1000.0, 2));
    line.put("esm_p99_ms", LoadDriver.round(latencies.getValueAtPercentile(99) / 1000.0, 2));
    line.put("esm_max_ms", LoadDriver.round(latencies.getMaxValue() / 1000.0, 2));
    line.put("esm_unhandled", Math.max(0, sentCount - sentInWindow));
  }

  @Override
  public void tearDown() {
    try {
      lambda.deleteEventSourceMapping(b -> b.uuid(mapping));
      lambda.deleteFunction(b -> b.functionName(function));
    } catch (SdkException e) {
      System.err.println("could not delete the mapping or function: " + e.getMessage());
    }
    BenchQueues.delete(sqs, queueUrl);
  }
}
