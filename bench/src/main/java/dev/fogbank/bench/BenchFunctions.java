package dev.fogbank.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * What the Lambda workloads share: deployment packages (one source file, or one Java class
 * compiled by the driver), and creating a function and waiting until it can be invoked.
 */
final class BenchFunctions {

  private BenchFunctions() {}

  /** A deployment package holding {@code index.py} with this source. */
  static byte[] pythonZip(String source) {
    return zipOf("index.py", source.getBytes(StandardCharsets.UTF_8));
  }

  /** A deployment package holding one file. */
  static byte[] zipOf(String name, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** One class compiled with the driver's JDK (release 21), zipped as a deployment package. */
  static byte[] javaZip(String className, String source) {
    try {
      Path dir = Files.createTempDirectory("fogbank-bench-fn");
      Path src = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
      Files.createDirectories(src.getParent());
      Path classes = Files.createDirectories(dir.resolve("classes"));
      Files.writeString(src, source);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (javac == null || javac.run(null, null, null, "--release", "21", "-d", classes.toString(), src.toString()) != 0) {
        throw new IllegalStateException("could not compile " + className + " (a JDK is needed)");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes);
          Stream<Path> walk = Files.walk(classes)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          zip.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace('\\', '/')));
          zip.write(Files.readAllBytes(p));
          zip.closeEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates a function (the bench role, a 30 s timeout) and waits until it is Active, so that the
   * caller can invoke it at once.
   */
  static void create(LambdaClient lambda, String name, Runtime runtime, String handler, int memoryMb, SdkBytes zip) {
    lambda.createFunction(
        b ->
            b.functionName(name)
                .runtime(runtime)
                .role("arn:aws:iam::000000000000:role/bench-lambda")
                .handler(handler)
                .timeout(30)
                .memorySize(memoryMb)
                .code(c -> c.zipFile(zip)));
    awaitActive(lambda, name);
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
