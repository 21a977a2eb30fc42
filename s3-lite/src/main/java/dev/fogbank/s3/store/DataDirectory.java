package dev.fogbank.s3.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Where object bytes live: one file per object version or part, written to a temporary name and
 * moved into place only once the upload is complete and verified — an interrupted upload leaves
 * nothing. A temporary directory by default, deleted when the JVM exits.
 */
public final class DataDirectory {

  private final Path root;
  private final Path incoming;

  public DataDirectory(Path root) {
    this.root = root;
    this.incoming = root.resolve("incoming");
    try {
      Files.createDirectories(incoming);
      Files.createDirectories(root.resolve("objects"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh temporary directory that is removed on exit. */
  public static DataDirectory temporary() {
    try {
      Path dir = Files.createTempDirectory("fogbank-s3-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "fogbank-s3-cleanup"));
      return new DataDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return root;
  }

  public Path newIncoming() {
    return incoming.resolve(UUID.randomUUID().toString());
  }

  /** Moves a verified upload into the object area under a name of its own. */
  public Path commit(Path incomingFile) {
    Path target = root.resolve("objects").resolve(UUID.randomUUID().toString());
    try {
      return Files.move(incomingFile, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes an object's file; readers that opened it keep reading it (POSIX unlink). */
  public static void delete(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try {
      if (!Files.exists(dir)) {
        return;
      }
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes every file (reset). */
  public void clear() {
    deleteTree(root.resolve("objects"));
    try {
      Files.createDirectories(root.resolve("objects"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
