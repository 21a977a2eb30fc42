package dev.fogbank.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.SystemClock;
import dev.fogbank.lambda.function.CodePackage;
import dev.fogbank.lambda.function.FunctionVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Execution environments started directly, without HTTP in front: the Runtime API round trip. */
class EnvironmentFactoryTest {

  private final Path root = tempDir();
  private final EnvironmentFactory factory = new EnvironmentFactory(root, SystemClock.INSTANCE, EmulatorConfig.defaults());
  private ExecutionEnvironment env;

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("fogbank-lambda-test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  private FunctionVersion version(String runtime, String handler, Map<String, String> files) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var e : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    ObjectNode config = Json.object();
    config.put("FunctionName", "fn");
    config.put("FunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:fn");
    config.put("Runtime", runtime);
    config.put("Handler", handler);
    config.put("Timeout", 3);
    config.put("MemorySize", 128);
    config.put("RevisionId", "r1");
    return new FunctionVersion("$LATEST", config, CodePackage.of(out.toByteArray(), root.resolve("code")), List.of());
  }

  private InvocationResult invoke(String payload) throws Exception {
    Invocation inv =
        new Invocation("req-1", payload.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() + 3000, "arn", "Root=1-x", null);
    return env.submit(inv).get(10, TimeUnit.SECONDS);
  }

  @Test
  void pythonHandlerAnswersThroughTheRuntimeApi() throws Exception {
    env = factory.start(version("python3.11", "app.handler", Map.of("app.py", "def handler(e, c):\n    print('out')\n    return {'x': e['x'] + 1}\n")), "us-east-1", "000000000000", null);
    InvocationResult r = invoke("{\"x\":1}");
    assertFalse(r.error(), new String(r.payload(), StandardCharsets.UTF_8));
    assertEquals("{\"x\": 2}", new String(r.payload(), StandardCharsets.UTF_8));
    assertEquals("out\n", r.log());
    assertTrue(env.takeInitDuration() >= 0);
  }

  @Test
  void pythonImportErrorBecomesTheInvocationsError() throws Exception {
    env = factory.start(version("python3.11", "nope.handler", Map.of("app.py", "x = 1\n")), "us-east-1", "000000000000", null);
    InvocationResult r = invoke("{}");
    assertTrue(r.error());
    assertTrue(r.fatal());
    JsonNode doc = Json.parse(new String(r.payload(), StandardCharsets.UTF_8));
    assertEquals("Runtime.ImportModuleError", doc.path("errorType").asText());
  }

  @Test
  void pythonExitEndsTheEnvironment() throws Exception {
    env = factory.start(version("python3.11", "app.handler", Map.of("app.py", "import sys\ndef handler(e, c):\n    sys.exit(3)\n")), "us-east-1", "000000000000", null);
    InvocationResult r = invoke("{}");
    assertTrue(r.fatal());
    JsonNode doc = Json.parse(new String(r.payload(), StandardCharsets.UTF_8));
    assertEquals("Runtime.ExitError", doc.path("errorType").asText());
    assertFalse(env.alive());
  }

  @Test
  void pythonStartsWithoutSiteButKeepsSitePackagesImportable() throws Exception {
    // What the interpreter itself puts on sys.path through site: these must stay importable.
    Process probe = new ProcessBuilder("python3", "-c", "import site; print('\\n'.join(site.getsitepackages()))").start();
    List<String> sitePackages = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    probe.waitFor();
    env =
        factory.start(
            version("python3.11", "app.handler", Map.of("app.py", "import json, sys\ndef handler(e, c):\n    return {'noSite': sys.flags.no_site, 'path': sys.path}\n")),
            "us-east-1",
            "000000000000",
            null);
    InvocationResult r = invoke("{}");
    assertFalse(r.error(), new String(r.payload(), StandardCharsets.UTF_8));
    JsonNode doc = Json.parse(new String(r.payload(), StandardCharsets.UTF_8));
    assertEquals(1, doc.path("noSite").asInt(), doc.toString());
    List<String> path = new java.util.ArrayList<>();
    doc.path("path").forEach(p -> path.add(p.asText()));
    assertEquals(root.resolve("code").toString(), Path.of(path.get(0)).getParent().toString(), path.toString());
    assertTrue(path.containsAll(sitePackages), path + " lacks " + sitePackages);
  }
}
