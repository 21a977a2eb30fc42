package dev.fogbank.stepfunctions.it;

import dev.fogbank.testkit.LambdaPackages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Deployment packages for the test functions in {@code it.fn}, as {@code mvn package} would make
 * them: the package's compiled classes at the root and, for a function that calls AWS itself, the
 * AWS SDK for Java v2 (Step Functions client, HTTP client and what they need) in {@code lib/}. A
 * java function sees only its package and what the java runtimes provide, as in Lambda.
 */
final class FunctionPackages {

  private static final String FN = "dev/fogbank/stepfunctions/it/fn/";

  private FunctionPackages() {}

  static byte[] zip(boolean withSdk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      Path classes = Path.of(FunctionPackages.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (Stream<Path> files = Files.list(classes.resolve(FN))) {
        for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
          add(zip, FN + p.getFileName(), p);
        }
      }
      if (withSdk) {
        for (Path jar : LambdaPackages.sdkJars("sfn")) {
          add(zip, "lib/" + jar.getFileName(), jar);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    Files.copy(file, zip);
    zip.closeEntry();
  }
}
