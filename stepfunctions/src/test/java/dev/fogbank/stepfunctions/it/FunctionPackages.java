package dev.fogbank.stepfunctions.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Deployment packages for the test functions in {@code it.fn}, as {@code mvn package} would make
 * them: the package's compiled classes at the root and, for a function that calls AWS itself, the
 * AWS SDK for Java v2 (Step Functions client, HTTP client and what they need) in {@code lib/}. A
 * java function sees only its package and what the java runtimes provide, as in Lambda.
 */
final class FunctionPackages {

  private static final String FN = "dev/fogbank/stepfunctions/it/fn/";

  private FunctionPackages() {}

  static byte[] zip(boolean withSdk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      Path classes = Path.of(FunctionPackages.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (Stream<Path> files = Files.list(classes.resolve(FN))) {
        for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
          add(zip, FN + p.getFileName(), p);
        }
      }
      if (withSdk) {
        for (Path jar : sdkJars()) {
          add(zip, "lib/" + jar.getFileName(), jar);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    Files.copy(file, zip);
    zip.closeEntry();
  }

  /**
   * The SDK's core jars and its Step Functions client (no other service client), the Apache HTTP
   * client, reactive streams and the SLF4J API, from the test class path. Every jar on it has a
   * manifest, which finds them even when failsafe's {@code java.class.path} is one jar.
   */
  private static List<Path> sdkJars() throws IOException {
    List<Path> classPath = new ArrayList<>();
    for (URL manifest : Collections.list(ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF"))) {
      String url = manifest.toString();
      if (url.startsWith("jar:file:")) {
        classPath.add(Path.of(URI.create(url.substring("jar:".length(), url.indexOf("!/")))));
      }
    }
    return classPath.stream()
        .distinct()
        .filter(
            p -> {
              String s = p.toString().replace('\\', '/');
              return (s.contains("/software/amazon/awssdk/") && !otherServiceClient(p) && !s.contains("/netty-nio-client/") && !s.contains("/crt-core/"))
                  || s.contains("/org/apache/httpcomponents/")
                  || s.contains("/org/reactivestreams/")
                  || s.contains("/org/slf4j/slf4j-api/");
            })
        .toList();
  }

  private static boolean otherServiceClient(Path jar) {
    try (JarFile j = new JarFile(jar.toFile())) {
      String services = "software/amazon/awssdk/services/";
      return j.stream()
          .map(e -> e.getName())
          .anyMatch(n -> n.startsWith(services) && n.length() > services.length() && !n.startsWith(services + "sfn/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
