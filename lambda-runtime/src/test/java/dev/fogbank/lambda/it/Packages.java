package dev.fogbank.lambda.it;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import software.amazon.awssdk.core.SdkBytes;

/** Deployment packages built in the test: zips of source files, and compiled Java handlers. */
final class Packages {

  private Packages() {}

  /** A zip of text files, name → content. */
  static SdkBytes zip(Map<String, String> files) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return SdkBytes.fromByteArray(zipBytes(bytes));
  }

  static SdkBytes zip(String name, String content) {
    return zip(Map.of(name, content));
  }

  static byte[] zipBytes(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Compiles Java sources (class name → source) against aws-lambda-java-core and zips the classes
   * as a deployment package, the layout {@code mvn package} of a Lambda project gives.
   */
  static SdkBytes java(Map<String, String> sources) {
    return java(sources, List.of());
  }

  /**
   * As {@link #java(Map)}, compiled also against {@code libraries} (jars), which the package
   * carries in {@code lib/} as a Lambda deployment package does.
   */
  static SdkBytes java(Map<String, String> sources, List<Path> libraries) {
    try {
      Path dir = Files.createTempDirectory("fogbank-java-fn");
      Path src = dir.resolve("src");
      Path classes = Files.createDirectories(dir.resolve("classes"));
      StringBuilder classpath = new StringBuilder(coreJar());
      libraries.forEach(l -> classpath.append(java.io.File.pathSeparator).append(l));
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath.toString(), "--release", "21", "-nowarn"));
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
        args.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      if (javac.run(null, null, err, args.toArray(String[]::new)) != 0) {
        throw new IllegalStateException("javac failed: " + err);
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      try (Stream<Path> walk = Files.walk(classes)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          files.put(classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
      for (Path l : libraries) {
        files.put("lib/" + l.getFileName(), Files.readAllBytes(l));
      }
      return SdkBytes.fromByteArray(zipBytes(files));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String coreJar() {
    return jarOf(RequestHandler.class).toString();
  }

  /** The jar (or directory) a class was loaded from. */
  static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
