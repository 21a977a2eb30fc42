package dev.fogbank.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code s3-put-get-small} (4 KB objects) and {@code s3-put-get-large} (8 MB): one bucket made by
 * the driver; each worker owns {@value #KEYS_PER_WORKER} keys. A cycle is one PutObject of random
 * bytes to one of the worker's keys, then one GetObject of that key, whose bytes must come back
 * as sent (otherwise the cycle counts as an error). Two ops per cycle, one object each way, so the
 * report adds MB/s in each direction.
 *
 * <p>The driver shares the machine with the server it measures, so it handles the bytes as
 * little as it can while still checking every one: the PUT streams the worker's own array (no
 * copy of it per request), and the GET compares the body with that array as it arrives, a
 * buffer at a time, instead of collecting it into a new array first.
 */
final class S3PutGet implements Workload {

  static final int KEYS_PER_WORKER = 16;

  private final int objectSize;
  private S3Client s3;
  private String bucket;

  S3PutGet(int objectSize) {
    this.objectSize = objectSize;
  }

  @Override
  public void setUp(BenchClients clients, DriverOptions options) {
    s3 = clients.s3();
    bucket = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    byte[] data = new byte[objectSize];
    ThreadLocalRandom.current().nextBytes(data);
    byte[] buffer = new byte[Math.min(objectSize, COMPARE_BUFFER)];
    // The SDK asks for a fresh stream per attempt; each one reads the same array.
    RequestBody body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data), objectSize, "application/octet-stream");
    ResponseTransformer<GetObjectResponse, Boolean> sameBytes = (response, in) -> sameAs(data, in, buffer);
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        String key = "w" + index + "/" + ThreadLocalRandom.current().nextInt(KEYS_PER_WORKER);
        // Vary the first bytes so that a stale object would not compare equal.
        data[0]++;
        timer.call(() -> s3.putObject(b -> b.bucket(bucket).key(key), body));
        long start = System.nanoTime();
        boolean same = timer.call(() -> s3.getObject(b -> b.bucket(bucket).key(key), sameBytes));
        if (!same) {
          timer.failedEntries(start);
        }
      }

      @Override
      public void close() {}
    };
  }

  private static final int COMPARE_BUFFER = 64 * 1024;

  /** Whether {@code in} holds exactly the bytes of {@code expected}, read through {@code buffer}. */
  static boolean sameAs(byte[] expected, InputStream in, byte[] buffer) {
    try {
      int at = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (n > expected.length - at || !Arrays.equals(buffer, 0, n, expected, at, at + n)) {
          return false;
        }
        at += n;
      }
      return at == expected.length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finish(ObjectNode line, DriverOptions options, double serverCpuSeconds) {
    long ops = line.path("ops").asLong();
    double megabytes = (ops / 2.0) * objectSize / (1024.0 * 1024.0);
    line.put("object_bytes", objectSize);
    line.put("mb_per_s_each_way", LoadDriver.round(megabytes / options.seconds(), 1));
  }

  @Override
  public void tearDown() {
    if (bucket == null) {
      return;
    }
    try {
      s3.listObjectsV2Paginator(b -> b.bucket(bucket))
          .contents()
          .forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key())));
      s3.deleteBucket(b -> b.bucket(bucket));
    } catch (RuntimeException e) {
      System.err.println("could not remove bucket " + bucket + ": " + e.getMessage());
    }
  }
}
