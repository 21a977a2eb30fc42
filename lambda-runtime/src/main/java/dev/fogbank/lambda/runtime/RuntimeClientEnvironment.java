package dev.fogbank.lambda.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * An execution environment that is a child JVM running the official runtime interface client
 * against a Runtime API of its own.
 *
 * <p>The client cannot print Fogbank's end-of-invocation marker, so the end of an invocation is
 * what ends it in Lambda: the runtime's next {@code /next} call. The client writes its error line
 * (the {@code reportableError} of an uncaught exception) after it posts the error, and before it
 * polls again, so the invocation's log is complete only then. The child's stdout and stderr go to
 * a file rather than a pipe: everything the child wrote before it polled is in the file when the
 * poll arrives, so each invocation's log is exactly the bytes written since the previous one.
 */
final class RuntimeClientEnvironment extends RuntimeProcess {

  private final Path outputFile;
  private final FileChannel output;
  /** Guarded by the lock. */
  private long outputRead;

  /**
   * @param root Fogbank's Lambda runtime directory; the child's output file lives under it, never
   *     in the function's own {@code /tmp}
   */
  RuntimeClientEnvironment(List<String> command, Map<String, String> environment, Path taskRoot, Path root) {
    try {
      Path dir = Files.createDirectories(root.resolve("output"));
      this.outputFile = Files.createTempFile(dir, "env", ".log");
      this.output = FileChannel.open(outputFile, StandardOpenOption.READ);
    } catch (IOException e) {
      api.close();
      throw new UncheckedIOException(e);
    }
    try {
      start(command, environment, taskRoot, pb -> pb.redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile())));
    } catch (RuntimeException e) {
      ended();
      throw e;
    }
  }

  /** The answer waits for the runtime's next poll, which ends the invocation in Lambda. */
  @Override
  protected void answered(Pending p) {}

  @Override
  protected void polled(Pending p) {
    complete(p);
  }

  /**
   * What the child wrote since the last invocation ended: by the time it polls again it has
   * written all of this one's output, a last line without its newline included (Lambda's log
   * takes it as it is).
   */
  @Override
  protected String takeOutput() {
    try {
      long size = output.size();
      if (size <= outputRead) {
        return "";
      }
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - outputRead));
      while (buf.hasRemaining() && output.read(buf, outputRead + buf.position()) >= 0) {
        // positional reads until the buffer holds every byte up to size
      }
      outputRead += buf.position();
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  protected void ended() {
    try {
      output.close();
      Files.deleteIfExists(outputFile);
    } catch (IOException e) {
      // the runtime directory is cleaned up with Fogbank's
    }
  }
}
