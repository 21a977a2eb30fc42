package dev.fogbank.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI Debian installs ({@code /usr/bin/aws}), run against an endpoint with test
 * credentials, region us-east-1 and no pager: for conformance tests that a real client's
 * command line works, not only the SDK.
 */
public final class AwsCli {

  public static final String PATH = "/usr/bin/aws";

  /** The exit code and both outputs of one command. */
  public record Result(int code, String out, String err) {}

  private AwsCli() {}

  public static boolean available() {
    return Files.isExecutable(Path.of(PATH));
  }

  /** The command's standard output; fails the test when the command fails. */
  public static String ok(URI endpoint, String... args) throws IOException, InterruptedException {
    Result r = run(endpoint, args);
    assertEquals(0, r.code(), "aws " + String.join(" ", args) + ": " + r.err());
    return r.out();
  }

  /** The command's standard error; fails the test when the command succeeds. */
  public static String failing(URI endpoint, String... args) throws IOException, InterruptedException {
    Result r = run(endpoint, args);
    assertTrue(r.code() != 0, "expected aws " + String.join(" ", args) + " to fail");
    return r.err();
  }

  public static Result run(URI endpoint, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PATH, "--endpoint-url", endpoint.toString(), "--region", "us-east-1"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("AWS_ACCESS_KEY_ID", "test");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
    pb.environment().put("AWS_PAGER", "");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), out, err);
  }
}
