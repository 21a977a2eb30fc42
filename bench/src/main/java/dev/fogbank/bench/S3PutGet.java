package dev.fogbank.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code s3-put-get-small} (4 KB objects) and {@code s3-put-get-large} (8 MB): one bucket made by
 * the driver; each worker owns {@value #KEYS_PER_WORKER} keys. A cycle is one PutObject of random
 * bytes to one of the worker's keys, then one GetObject of that key, whose bytes must come back
 * as sent (otherwise the cycle counts as an error). Two ops per cycle, one object each way, so the
 * report adds MB/s in each direction.
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
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        String key = "w" + index + "/" + ThreadLocalRandom.current().nextInt(KEYS_PER_WORKER);
        // Vary the first bytes so that a stale object would not compare equal.
        data[0]++;
        timer.call(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data)));
        long start = System.nanoTime();
        ResponseBytes<GetObjectResponse> got = timer.call(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)));
        if (!Arrays.equals(data, got.asByteArrayUnsafe())) {
          timer.failedEntries(start);
        }
      }

      @Override
      public void close() {}
    };
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
