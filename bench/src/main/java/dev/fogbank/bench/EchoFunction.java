package dev.fogbank.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A function whose handler answers its event unchanged, in one of the runtimes the Lambda
 * workloads compare: {@code python3.12} ({@code return event}), {@code nodejs20.x} ({@code async
 * (event) => event}) and {@code java21} (a stream handler copying its input to its output,
 * compiled by the driver).
 */
enum EchoFunction {
  PYTHON(Runtime.PYTHON3_12, "index.handler"),
  NODE(Runtime.NODEJS20_X, "index.handler"),
  JAVA(Runtime.JAVA21, "bench.Echo::handleRequest");

  static final String PYTHON_SOURCE = "def handler(event, context):\n    return event\n";
  static final String NODE_SOURCE = "export const handler = async (event) => event;\n";
  static final String JAVA_SOURCE =
      """
      package bench;

      import java.io.*;

      public class Echo {
        public void handleRequest(InputStream in, OutputStream out) throws IOException {
          in.transferTo(out);
        }
      }
      """;

  final Runtime runtime;
  final String handler;
  private byte[] zip;

  EchoFunction(Runtime runtime, String handler) {
    this.runtime = runtime;
    this.handler = handler;
  }

  /** The deployment package, built once. */
  synchronized SdkBytes zip() {
    if (zip == null) {
      zip =
          switch (this) {
            case PYTHON -> BenchFunctions.pythonZip(PYTHON_SOURCE);
            case NODE -> zipOf("index.mjs", NODE_SOURCE.getBytes(StandardCharsets.UTF_8));
            case JAVA -> javaZip("bench.Echo", JAVA_SOURCE);
          };
    }
    return SdkBytes.fromByteArray(zip);
  }

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
}
