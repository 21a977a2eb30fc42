package dev.fogbank.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a function's class loader offers besides the package: the JDK and what the java runtimes
 * put on their class path (aws-lambda-java-core, the runtime's serialization), never Fogbank's own
 * classes or resources.
 */
class FunctionClassLoaderVisibilityTest {

  private final Path code = temp();
  private final FunctionClassLoader loader = new FunctionClassLoader("lambda:test", code, null, getClass().getClassLoader());

  private static Path temp() {
    try {
      return Files.createTempDirectory("fogbank-visibility");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() throws IOException {
    loader.close();
  }

  @Test
  void fogbanksOwnClassesAreNotThere() {
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.fogbank.core.time.Clock"));
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass(getClass().getName()));
  }

  @Test
  void theJdkAndTheRuntimeLibrariesAre() throws Exception {
    assertSame(javax.xml.parsers.DocumentBuilderFactory.class, loader.loadClass("javax.xml.parsers.DocumentBuilderFactory"));
    assertSame(java.sql.Timestamp.class, loader.loadClass("java.sql.Timestamp"));
    assertSame(Context.class, loader.loadClass(Context.class.getName()));
    assertSame(LogLevel.class, loader.loadClass(LogLevel.class.getName()));
    assertSame(PojoSerializer.class, loader.loadClass(PojoSerializer.class.getName()));
  }

  @Test
  void fogbanksResourcesAndServiceProvidersAreNotThere() throws Exception {
    // Fogbank's class path registers an SLF4J provider (logback); a function's SLF4J must not find it.
    assertFalse(loader.getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider").hasMoreElements());
    assertNull(loader.getResource("logback-test.xml"));
  }

  @Test
  void theEventsLibraryComesFromThePackage() throws Exception {
    // aws-lambda-java-events is not part of the java runtimes: a function bundles it.
    Path lib = Files.createDirectories(code.resolve("lib"));
    Path events = Path.of(SQSEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.copy(events, lib.resolve("events.jar"), StandardCopyOption.REPLACE_EXISTING);
    try (FunctionClassLoader withEvents = new FunctionClassLoader("lambda:test", code, null, getClass().getClassLoader())) {
      assertSame(withEvents, withEvents.loadClass(SQSEvent.class.getName()).getClassLoader());
    }
  }
}
