package dev.fogbank.lambda.runtime;

import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.lambda.function.FunctionVersion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The official runtime interface client ({@code com.amazonaws:aws-lambda-java-runtime-interface-client},
 * main class {@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}, the handler string
 * as its one argument), with the jars it needs at run time. The build copies them into Fogbank's
 * own resources ({@code fogbank/ric/}); they are unpacked under the runtime directory on first use,
 * so a child JVM never depends on Fogbank's class path or on a Maven repository.
 *
 * <p>The command mirrors how Lambda's managed Java runtimes start the client: the runtime's jars
 * first on the class path (so the function's own copy of {@code aws-lambda-java-core} cannot
 * shadow the runtime's), then the task root, its {@code lib/*.jar} and the layers' {@code
 * java/lib/*.jar}; the working directory is the task root, which the client loads the handler
 * from. JVM flags favour a fast start (C1 only, class data sharing, no perf data file), let the
 * client load its native library quietly, and size the heap from the function's memory. {@code
 * JAVA_TOOL_OPTIONS} in the function's variables reaches the JVM as it does in Lambda.
 *
 * <p>Settings: {@code lambda.java17}, {@code lambda.java21}, {@code lambda.java25} name the {@code
 * java} binary for that runtime; by default the JVM running Fogbank.
 */
final class RuntimeInterfaceClient {

  static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** The jars under {@code fogbank/ric/}, versions stripped by the build (see the module's pom). */
  static final List<String> JARS =
      List.of(
          "aws-lambda-java-runtime-interface-client.jar",
          "aws-lambda-java-core.jar",
          "aws-lambda-java-serialization.jar",
          "utils-lite.jar");

  private static final Map<Path, RuntimeInterfaceClient> UNPACKED = new ConcurrentHashMap<>();

  /**
   * The system property naming the client's native Runtime API library; without it, every client
   * start copies the library out of its jar to one fixed path, {@code /tmp/.libaws-lambda-jni.so},
   * and loads it from there, which concurrent starts race on.
   */
  static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private final List<Path> jars;
  /** The native library unpacked for this platform, or null to let the client unpack its own. */
  private final Path nativeLibrary;

  private RuntimeInterfaceClient(List<Path> jars, Path nativeLibrary) {
    this.jars = jars;
    this.nativeLibrary = nativeLibrary;
  }

  /**
   * The client unpacked under {@code root/ric}, once per runtime directory (again if the directory
   * was emptied meanwhile).
   */
  static RuntimeInterfaceClient in(Path root) {
    Path key = root.toAbsolutePath();
    RuntimeInterfaceClient client = UNPACKED.computeIfAbsent(key, RuntimeInterfaceClient::unpack);
    if (!client.jars.stream().allMatch(Files::isRegularFile)
        || (client.nativeLibrary != null && !Files.isRegularFile(client.nativeLibrary))) {
      client = UNPACKED.compute(key, (k, stale) -> unpack(k));
    }
    return client;
  }

  private static RuntimeInterfaceClient unpack(Path root) {
    try {
      Path dir = Files.createDirectories(root.resolve("ric"));
      List<Path> out = new ArrayList<>();
      for (String jar : JARS) {
        Path target = dir.resolve(jar);
        try (InputStream in = RuntimeInterfaceClient.class.getResourceAsStream("/fogbank/ric/" + jar)) {
          if (in == null) {
            throw new IllegalStateException(
                "The runtime interface client (" + jar + ") is missing from Fogbank's resources; rebuild lambda-runtime.");
          }
          // Written beside the target and moved, so a concurrent start never sees half a jar.
          Path part = Files.createTempFile(dir, jar, ".part");
          Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
          Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        out.add(target);
      }
      return new RuntimeInterfaceClient(List.copyOf(out), nativeLibrary(out.getFirst(), dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Unpacks the client's native library for this machine ({@code jni/libaws-lambda-jni.<platform>.so}
   * in its jar: x86_64 or aarch64, glibc or musl); null when there is none for it.
   */
  private static Path nativeLibrary(Path clientJar, Path dir) throws IOException {
    String arch =
        switch (System.getProperty("os.arch")) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch_64";
          default -> null;
        };
    if (arch == null || !System.getProperty("os.name").startsWith("Linux")) {
      return null;
    }
    boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (arch.equals("x86_64") ? "x86_64" : "aarch64") + ".so.1"));
    String name = "libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + arch + ".so";
    try (ZipFile zip = new ZipFile(clientJar.toFile())) {
      ZipEntry entry = zip.getEntry("jni/" + name);
      if (entry == null) {
        return null;
      }
      Path target = dir.resolve(name);
      Path part = Files.createTempFile(dir, name, ".part");
      try (InputStream in = zip.getInputStream(entry)) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    }
  }

  /** The command line of a child JVM running {@code version}'s handler. */
  List<String> command(FunctionVersion version, Path code, Path opt, EmulatorConfig config) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java(version.runtime(), config));
    cmd.add("-XX:+TieredCompilation");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xshare:auto");
    cmd.add("-XX:-UsePerfData");
    // The client loads its native Runtime API library with System.load; without this, JDK 24+
    // prints a restricted-method warning into the function's log at every start.
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Xmx" + heapMegabytes(version.memorySize()) + "m");
    if (nativeLibrary != null) {
      cmd.add("-D" + JNI_PROPERTY + "=" + nativeLibrary);
    }
    cmd.add("-cp");
    cmd.add(classPath(code, opt));
    cmd.add(MAIN_CLASS);
    cmd.add(version.handler());
    return cmd;
  }

  /**
   * Most of the function's memory for the heap; the rest stays for metaspace, code cache and
   * thread stacks, which count against the same memory in Lambda.
   */
  static int heapMegabytes(int memorySize) {
    return Math.max(64, memorySize * 85 / 100);
  }

  private String classPath(Path code, Path opt) {
    List<String> parts = new ArrayList<>();
    jars.forEach(j -> parts.add(j.toString()));
    parts.add(code.toString());
    parts.add(code.resolve("lib") + File.separator + "*");
    if (opt != null) {
      parts.add(opt.resolve("java").resolve("lib") + File.separator + "*");
    }
    return String.join(File.pathSeparator, parts);
  }

  /** The {@code java} for a runtime: {@code lambda.<runtime>} if set, else Fogbank's own. */
  static String java(String runtime, EmulatorConfig config) {
    String own = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return runtime == null ? own : config.setting("lambda." + runtime, own);
  }
}
