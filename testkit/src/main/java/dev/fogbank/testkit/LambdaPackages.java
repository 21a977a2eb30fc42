package dev.fogbank.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Jars for the {@code lib/} of a Java function's deployment package, taken from the test's class
 * path. A java function sees only its package and what the java runtimes provide (as in Lambda),
 * so a function that calls AWS itself must carry the AWS SDK for Java v2, as {@code mvn package}
 * would put it there.
 */
public final class LambdaPackages {

  private static final String SERVICES = "software/amazon/awssdk/services/";

  private LambdaPackages() {}

  /**
   * The SDK's core jars with the client of {@code service} (its package name under {@code
   * software.amazon.awssdk.services}, e.g. {@code "sqs"}, {@code "sfn"}) and no other service
   * client, the Apache HTTP client, reactive streams and the SLF4J API.
   */
  public static List<Path> sdkJars(String service) {
    return classPathJars().stream()
        .filter(
            p -> {
              String s = p.toString().replace('\\', '/');
              return (s.contains("/software/amazon/awssdk/")
                      && !otherServiceClient(p, service)
                      && !s.contains("/netty-nio-client/")
                      && !s.contains("/crt-core/"))
                  || s.contains("/org/apache/httpcomponents/")
                  || s.contains("/org/reactivestreams/")
                  || s.contains("/org/slf4j/slf4j-api/");
            })
        .toList();
  }

  /** Every jar on the class path has a manifest: found so even when {@code java.class.path} is one jar (failsafe's). */
  private static List<Path> classPathJars() {
    List<Path> jars = new ArrayList<>();
    try {
      for (URL manifest : Collections.list(ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF"))) {
        String url = manifest.toString();
        if (url.startsWith("jar:file:")) {
          jars.add(Path.of(URI.create(url.substring("jar:".length(), url.indexOf("!/")))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jars.stream().distinct().toList();
  }

  private static boolean otherServiceClient(Path jar, String service) {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.stream()
          .map(e -> e.getName())
          .anyMatch(n -> n.startsWith(SERVICES) && n.length() > SERVICES.length() && !n.startsWith(SERVICES + service + "/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
