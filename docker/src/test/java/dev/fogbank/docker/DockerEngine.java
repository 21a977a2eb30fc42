package dev.fogbank.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Docker tests can run here: an engine that answers and the images build-image.sh
 * makes. When not, they are skipped with the reason, and the rest of the build goes on.
 */
public final class DockerEngine {

  private DockerEngine() {}

  /**
   * Skips the calling test unless an engine answers and every image in {@code images} exists.
   * Call it from {@code @BeforeEach}: a test skipped there is reported with the reason, one
   * skipped from {@code @BeforeAll} is not reported at all.
   */
  public static void assumeImages(String... images) {
    String missing = missing(images);
    assumeTrue(missing == null, () -> "Skipped: " + missing);
  }

  /** Whether an engine answers and every image in {@code images} exists. */
  public static boolean available(String... images) {
    return missing(images) == null;
  }

  private static String missing(String... images) {
    if (!docker("version", "--format", "{{.Server.Version}}")) {
      return "no Docker engine answers (start dockerd, see docker/build-image.sh)";
    }
    for (String image : images) {
      if (!docker("image", "inspect", image)) {
        return "image " + image + " does not exist here (build it with docker/build-image.sh)";
      }
    }
    return null;
  }

  /** Whether {@code docker <args>} succeeds within 15 seconds. */
  public static boolean docker(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "docker";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What {@code docker <args>} prints, trimmed; empty when it fails. */
  public static String output(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "docker";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? out.strip() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
