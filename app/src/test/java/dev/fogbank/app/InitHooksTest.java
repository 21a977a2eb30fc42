package dev.fogbank.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitHooksTest {

  @TempDir Path root;

  private Path script(String relative, String body, boolean executable) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    if (executable) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return p;
  }

  @Test
  void readyScriptsRunInLocalStacksOrderAndAFailureDoesNotStopTheRest() throws IOException {
    Path trace = root.resolve("trace");
    // LocalStack's order: alphanumerical, a folder's own scripts before its subfolders.
    script("ready.d/b.sh", "echo b >> " + trace + "; exit 3", true);
    script("ready.d/a.sh", "echo a:$AWS_ENDPOINT_URL >> " + trace, true);
    script("ready.d/0sub/c.sh", "echo c >> " + trace, true);
    script("ready.d/d.sh", "echo d >> " + trace, false);
    InitHooks hooks = new InitHooks(List.of(root), Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"));

    assertEquals(false, hooks.stage(InitHooks.Stage.READY).path("completed").asBoolean());
    hooks.run(InitHooks.Stage.READY);

    assertEquals(List.of("a:http://localhost:4566", "b", "c"), Files.readAllLines(trace));
    JsonNode ready = hooks.stage(InitHooks.Stage.READY);
    assertEquals(true, ready.path("completed").asBoolean());
    assertEquals("a.sh", ready.path("scripts").get(0).path("name").asText());
    assertEquals("SUCCESSFUL", ready.path("scripts").get(0).path("state").asText());
    assertEquals("ERROR", ready.path("scripts").get(1).path("state").asText()); // exit status 3
    assertEquals("ERROR", ready.path("scripts").get(2).path("state").asText()); // not executable
    assertEquals("c.sh", ready.path("scripts").get(3).path("name").asText());
    assertEquals("READY", ready.path("scripts").get(3).path("stage").asText());
  }

  @Test
  void stagesAreReportedInLocalStacksShape() throws IOException {
    script("shutdown.d/bye.sh", "true", true);
    InitHooks hooks = new InitHooks(List.of(root.resolve("missing"), root), Map.of());
    JsonNode all = hooks.all();
    // LocalStack's GET /_localstack/init: {"completed": {BOOT, START, READY, SHUTDOWN}, "scripts": [...]}
    assertEquals(true, all.path("completed").path("BOOT").asBoolean());
    assertEquals(true, all.path("completed").path("START").asBoolean());
    assertEquals(false, all.path("completed").path("READY").asBoolean());
    assertEquals(false, all.path("completed").path("SHUTDOWN").asBoolean());
    assertEquals("UNKNOWN", all.path("scripts").get(0).path("state").asText());
    hooks.run(InitHooks.Stage.SHUTDOWN);
    assertEquals("SUCCESSFUL", hooks.all().path("scripts").get(0).path("state").asText());
  }
}
