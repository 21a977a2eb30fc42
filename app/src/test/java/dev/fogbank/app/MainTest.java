package dev.fogbank.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(out));
    return cli.execute(args);
  }

  @Test
  void unknownFlagIsAUsageErrorWithExitCode2() {
    assertEquals(2, run("start", "--no-such-flag"));
    assertTrue(err.toString().lines().findFirst().orElse("").contains("--no-such-flag"), err.toString());
    assertTrue(err.toString().contains("Usage: fogbank start"), err.toString());
  }

  @Test
  void badPortIsAUsageError() {
    assertEquals(2, run("start", "--port", "70000"));
    assertTrue(err.toString().startsWith("Invalid --port 70000"), err.toString());
  }

  @Test
  void unknownServiceIsAUsageError() {
    assertEquals(2, run("start", "--services", "sqs,nosuch"));
    assertTrue(err.toString().startsWith("Unknown service 'nosuch'"), err.toString());
  }

  @Test
  void badAccountIsAUsageError() {
    assertEquals(2, run("start", "--account", "12"));
    assertTrue(err.toString().startsWith("Invalid --account '12'"), err.toString());
  }

  @Test
  void versionPrintsTheVersion() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().startsWith("fogbank "), out.toString());
  }

  @Test
  void missingCommandIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err.toString().startsWith("Missing command"), err.toString());
  }
}
