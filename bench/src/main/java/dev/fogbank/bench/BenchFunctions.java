package dev.fogbank.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.State;

/** What the Lambda workloads share: a one-file Python package, and waiting for a new function. */
final class BenchFunctions {

  private BenchFunctions() {}

  /** A deployment package holding {@code index.py} with this source. */
  static byte[] pythonZip(String source) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("index.py"));
      zip.write(source.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** CreateFunction answers Pending; Invoke is allowed once the function is Active (60 s at most). */
  static void awaitActive(LambdaClient lambda, String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (lambda.getFunctionConfiguration(b -> b.functionName(name)).state() != State.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("function " + name + " not Active after 60 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
