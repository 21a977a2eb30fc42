package dev.fogbank.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.FunctionVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Picking the Java mode, and the child JVM's command line. */
class JavaModeTest {

  @Test
  void settingPicksTheModeAndInProcessIsTheDefault() {
    assertEquals(JavaMode.IN_PROCESS, JavaMode.parse(null));
    assertEquals(JavaMode.IN_PROCESS, JavaMode.parse("in-process"));
    assertEquals(JavaMode.PROCESS, JavaMode.parse("process"));
    assertEquals(JavaMode.PROCESS, JavaMode.of(EmulatorConfig.defaults().withSettings(Map.of("lambda.java-mode", "Process"))));
    assertThrows(IllegalArgumentException.class, () -> JavaMode.parse("docker"));
  }

  @Test
  void childJvmRunsTheClientWithItsJarsFirstAndTheHeapFromMemory() throws Exception {
    Path root = Files.createTempDirectory("fogbank-ric-test");
    Path code = Files.createDirectories(root.resolve("code"));
    Path opt = Files.createDirectories(root.resolve("opt"));
    ObjectNode config = Json.object();
    config.put("FunctionName", "fn");
    config.put("Runtime", "java21");
    config.put("Handler", "example.Greeter::handleRequest");
    config.put("MemorySize", 512);
    FunctionVersion version = new FunctionVersion("$LATEST", config, null, List.of());
    EmulatorConfig settings = EmulatorConfig.defaults().withSettings(Map.of("lambda.java21", "/opt/jdk21/bin/java"));

    List<String> cmd = RuntimeInterfaceClient.in(root).command(version, code, opt, settings);

    assertEquals("/opt/jdk21/bin/java", cmd.get(0));
    assertTrue(cmd.contains("-Xmx435m"), cmd.toString());
    assertTrue(cmd.contains("-XX:TieredStopAtLevel=1"), cmd.toString());
    // The client's native library, unpacked once beside its jars (this build runs on x86_64 or
    // aarch64 Linux), instead of the client copying it to one shared /tmp path at every start.
    String jni = cmd.stream().filter(a -> a.startsWith("-D" + RuntimeInterfaceClient.JNI_PROPERTY + "=")).findFirst().orElseThrow();
    Path library = Path.of(jni.substring(jni.indexOf('=') + 1));
    assertEquals(root.resolve("ric").toAbsolutePath(), library.getParent());
    assertTrue(Files.size(library) > 0, library.toString());
    assertEquals(RuntimeInterfaceClient.MAIN_CLASS, cmd.get(cmd.size() - 2));
    assertEquals("example.Greeter::handleRequest", cmd.getLast());
    String[] classPath = cmd.get(cmd.indexOf("-cp") + 1).split(":");
    assertEquals(root.resolve("ric/aws-lambda-java-runtime-interface-client.jar").toAbsolutePath().toString(), classPath[0]);
    assertEquals(code.toString(), classPath[RuntimeInterfaceClient.JARS.size()]);
    assertEquals(opt.resolve("java/lib") + "/*", classPath[classPath.length - 1]);
    for (String jar : RuntimeInterfaceClient.JARS) {
      assertTrue(Files.size(root.resolve("ric").resolve(jar)) > 0, jar);
    }
    // A runtime directory emptied meanwhile gets the jars again.
    for (String jar : RuntimeInterfaceClient.JARS) {
      Files.delete(root.resolve("ric").resolve(jar));
    }
    RuntimeInterfaceClient.in(root);
    for (String jar : RuntimeInterfaceClient.JARS) {
      assertTrue(Files.isRegularFile(root.resolve("ric").resolve(jar)), jar);
    }
    // Without a setting for the runtime, the JVM running Fogbank.
    assertEquals(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        RuntimeInterfaceClient.java("java25", EmulatorConfig.defaults()));
  }
}
