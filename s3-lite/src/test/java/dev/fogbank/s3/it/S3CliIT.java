package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI against the server: {@code aws s3 cp}, {@code aws s3 sync}, {@code aws s3api}. */
class S3CliIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private record Result(int exit, String output) {}

  private static Result aws(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", fogbank.endpoint().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1",
        "AWS_PAGER", ""));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  private static boolean cliAvailable() {
    try {
      return aws("--version").exit() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void cpSyncAndS3apiRoundTrip(@TempDir Path dir) throws Exception {
    assumeTrue(cliAvailable(), "the aws CLI is not installed");
    String bucket = S3Clients.bucketName("cli");
    Result mb = aws("s3", "mb", "s3://" + bucket);
    assertEquals(0, mb.exit(), mb.output());
    Path file = dir.resolve("hello.txt");
    Files.writeString(file, "hello from the cli");
    Result cp = aws("s3", "cp", file.toString(), "s3://" + bucket + "/docs/hello.txt");
    assertEquals(0, cp.exit(), cp.output());
    Path local = dir.resolve("tree");
    Files.createDirectories(local.resolve("sub"));
    Files.writeString(local.resolve("a.txt"), "a");
    Files.writeString(local.resolve("sub/b.txt"), "b");
    Result sync = aws("s3", "sync", local.toString(), "s3://" + bucket + "/tree");
    assertEquals(0, sync.exit(), sync.output());
    Result ls = aws("s3api", "list-objects-v2", "--bucket", bucket, "--query", "Contents[].Key", "--output", "text");
    assertEquals(0, ls.exit(), ls.output());
    assertEquals(List.of("docs/hello.txt", "tree/a.txt", "tree/sub/b.txt"), List.of(ls.output().trim().split("\\s+")));
    Path back = dir.resolve("back.txt");
    Result get = aws("s3", "cp", "s3://" + bucket + "/docs/hello.txt", back.toString());
    assertEquals(0, get.exit(), get.output());
    assertEquals("hello from the cli", Files.readString(back));
    Result missing = aws("s3api", "head-object", "--bucket", bucket, "--key", "nope");
    assertTrue(missing.exit() != 0 && missing.output().contains("404"), missing.output());
  }

}
