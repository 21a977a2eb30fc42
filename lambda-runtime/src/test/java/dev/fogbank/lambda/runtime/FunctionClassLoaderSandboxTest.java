package dev.fogbank.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.lambda.runtime.sandbox.RuntimeExit;
import dev.fogbank.lambda.runtime.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The bytecode rewrite through the class loader, without HTTP: classes compiled here, loaded as a
 * function's, calling {@code System.getenv}, {@code System.exit}, {@code Runtime.halt}, shutdown
 * hooks and child processes.
 */
class FunctionClassLoaderSandboxTest {

  private static final String PROBE =
      """
      package example;

      import java.util.function.Function;

      public class Probe {
        public static volatile boolean hookRan;

        public static String variable(String name) {
          return System.getenv(name);
        }

        public static boolean listed(String name) {
          return System.getenv().containsKey(name);
        }

        public static String byReference(String name) {
          Function<String, String> getenv = System::getenv;
          return getenv.apply(name);
        }

        public static String fromThread(String name) throws Exception {
          String[] seen = new String[1];
          Thread t = new Thread(() -> seen[0] = System.getenv(name));
          t.start();
          t.join();
          return seen[0];
        }

        public static String property(String key) {
          return System.getProperty(key);
        }

        public static String propertyByReference(String key) {
          return java.util.Optional.of(key).map(System::getProperty).orElse(null);
        }

        public static String setProperty(String key) {
          System.setProperty(key, "function");
          return System.getProperty(key, "none");
        }

        public static String exit(int status) {
          try {
            System.exit(status);
          } catch (Exception e) {
            return "swallowed";
          }
          return "returned";
        }

        public static void exitWithHook(int status) {
          Runtime.getRuntime().addShutdownHook(new Thread(() -> hookRan = true));
          Runtime.getRuntime().exit(status);
        }

        public static void halt(int status) {
          Runtime.getRuntime().halt(status);
        }

        public static String child(String name) throws Exception {
          Process p = new ProcessBuilder("sh", "-c", "printf %s \\"$" + name + "\\"").start();
          return new String(p.getInputStream().readAllBytes());
        }

        public static String exec(String name) throws Exception {
          Process p = Runtime.getRuntime().exec(new String[] {"sh", "-c", "printf %s \\"$" + name + "\\""});
          return new String(p.getInputStream().readAllBytes());
        }
      }
      """;

  private static final String PLAIN =
      """
      package example;

      public class Plain {
        public static long now() {
          return System.nanoTime();
        }
      }
      """;

  /** The probe compiled once: javac is the slow part of these tests. */
  private static Path probeCode;

  @BeforeAll
  static void compileProbe() throws IOException {
    probeCode = compile(Map.of("example.Probe", PROBE));
  }

  private final List<Integer> exits = new CopyOnWriteArrayList<>();
  private final Sandbox sandbox = new Sandbox(Map.of("MY_VAR", "mine", "AWS_REGION", "eu-west-3"), exits::add);
  private final List<FunctionClassLoader> loaders = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (FunctionClassLoader l : loaders) {
      l.close();
    }
  }

  private static Path compile(Map<String, String> sources) throws IOException {
    Path dir = Files.createTempDirectory("fogbank-sandbox-test");
    Path src = dir.resolve("src");
    Path classes = Files.createDirectories(dir.resolve("code"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "21", "-nowarn"));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    if (ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("javac failed: " + err);
    }
    return classes;
  }

  private Class<?> load(Path code, String name) throws Exception {
    return load(code, name, sandbox);
  }

  private Class<?> load(Path code, String name, Sandbox in) throws Exception {
    FunctionClassLoader loader = new FunctionClassLoader("lambda:test", code, null, getClass().getClassLoader(), in);
    loaders.add(loader);
    Class<?> c = Class.forName(name, true, loader);
    assertSame(loader, c.getClassLoader());
    return c;
  }

  private static Object call(Class<?> c, String method, Object arg) throws Throwable {
    Class<?> type = arg instanceof Integer ? int.class : String.class;
    try {
      return c.getMethod(method, type).invoke(null, arg);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A variable of Fogbank's own process that the function's environment does not have. */
  private static String fogbankVariable() {
    return System.getenv().keySet().stream().filter(k -> !k.equals("MY_VAR") && !k.equals("AWS_REGION")).findFirst().orElseThrow();
  }

  @Test
  void getenvAnswersTheFunctionsVariablesNotFogbanks() throws Throwable {
    Class<?> probe = load(probeCode, "example.Probe");
    String own = fogbankVariable();
    assertEquals("mine", call(probe, "variable", "MY_VAR"));
    assertEquals("eu-west-3", call(probe, "variable", "AWS_REGION"));
    assertNull(call(probe, "variable", own));
    assertEquals(true, call(probe, "listed", "MY_VAR"));
    assertEquals(false, call(probe, "listed", own));
    // a method reference and a thread the function starts see the same environment
    assertEquals("mine", call(probe, "byReference", "MY_VAR"));
    assertEquals("mine", call(probe, "fromThread", "MY_VAR"));
    // System.getenv(null) throws as the JDK's does
    assertThrows(NullPointerException.class, () -> call(probe, "variable", null));
  }

  @Test
  void awsSystemPropertiesAreTheFunctionsOwn() throws Throwable {
    Class<?> probe = load(probeCode, "example.Probe");
    String previous = System.setProperty("aws.region", "xx-fogbank-1");
    try {
      // Fogbank's aws.region would win over the function's AWS_REGION in the SDK: not seen.
      assertNull(call(probe, "property", "aws.region"));
      assertNull(call(probe, "propertyByReference", "aws.region"));
      assertEquals("function", call(probe, "setProperty", "aws.region"));
      assertEquals("function", call(probe, "property", "aws.region"));
      assertEquals("function", call(probe, "propertyByReference", "aws.region"));
      assertEquals("xx-fogbank-1", System.getProperty("aws.region"));
      // another environment does not see it
      assertNull(call(load(probeCode, "example.Probe", new Sandbox(Map.of(), status -> {})), "property", "aws.region"));
      // other properties are the JVM's
      assertEquals(System.getProperty("java.version"), call(probe, "property", "java.version"));
    } finally {
      if (previous == null) {
        System.clearProperty("aws.region");
      } else {
        System.setProperty("aws.region", previous);
      }
    }
  }

  @Test
  void exitUnwindsPastCatchExceptionAndEndsTheSandboxOnly() throws Throwable {
    Class<?> probe = load(probeCode, "example.Probe");
    RuntimeExit exit = assertThrows(RuntimeExit.class, () -> call(probe, "exit", 3));
    assertEquals(3, exit.status());
    assertEquals(List.of(3), exits);
    assertEquals(3, sandbox.exitStatus());
  }

  @Test
  void runtimeExitRunsTheFunctionsShutdownHooks() throws Throwable {
    Class<?> probe = load(probeCode, "example.Probe");
    assertThrows(RuntimeExit.class, () -> call(probe, "exitWithHook", 5));
    assertEquals(List.of(5), exits);
    assertTrue((boolean) probe.getField("hookRan").get(null));
  }

  @Test
  void haltEndsTheSandbox() throws Throwable {
    Class<?> probe = load(probeCode, "example.Probe");
    RuntimeExit exit = assertThrows(RuntimeExit.class, () -> call(probe, "halt", 1));
    assertEquals(1, exit.status());
    assertEquals(List.of(1), exits);
  }

  @Test
  void childProcessesInheritTheFunctionsEnvironment() throws Throwable {
    Class<?> probe = load(probeCode, "example.Probe");
    assertEquals("mine", call(probe, "child", "MY_VAR"));
    assertEquals("mine", call(probe, "exec", "MY_VAR"));
    assertEquals("", call(probe, "child", fogbankVariable()));
  }

  @Test
  void classWithoutSuchCallsIsDefinedAsItCame() throws Exception {
    Path code = compile(Map.of("example.Plain", PLAIN));
    byte[] original = Files.readAllBytes(code.resolve("example/Plain.class"));
    assertSame(original, FunctionBytecode.rewrite(original));
    byte[] probe = Files.readAllBytes(probeCode.resolve("example/Probe.class"));
    assertFalse(java.util.Arrays.equals(probe, FunctionBytecode.rewrite(probe)));
  }

  @Test
  void preJava5ClassIsRaisedSoItCanNameItself() throws Throwable {
    // A class file of version 46 (Java 1.2) calling System.getenv(String), as old libraries do.
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V1_2, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "example/Old", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "variable", "(Ljava/lang/String;)Ljava/lang/String;", null, null);
    mv.visitCode();
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getenv", "(Ljava/lang/String;)Ljava/lang/String;", false);
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    Path code = Files.createTempDirectory("fogbank-sandbox-old");
    Files.createDirectories(code.resolve("example"));
    Files.write(code.resolve("example/Old.class"), cw.toByteArray());
    assertEquals("mine", call(load(code, "example.Old"), "variable", "MY_VAR"));
  }

  @Test
  void jarClassesAreRewrittenWithTheirPackageFromTheManifest() throws Throwable {
    Path classes = probeCode;
    Path code = Files.createTempDirectory("fogbank-sandbox-jar");
    Path lib = Files.createDirectories(code.resolve("lib"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.2.3");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(lib.resolve("probe.jar")), manifest)) {
      jar.putNextEntry(new JarEntry("example/Probe.class"));
      jar.write(Files.readAllBytes(classes.resolve("example/Probe.class")));
      jar.closeEntry();
      // the entry a multi-release jar would answer on Java 9+ is not used without the attribute
      jar.putNextEntry(new JarEntry("META-INF/versions/9/example/Probe.class"));
      jar.write(new byte[] {0});
      jar.closeEntry();
    }
    Class<?> probe = load(code, "example.Probe");
    assertEquals("mine", call(probe, "variable", "MY_VAR"));
    assertEquals("1.2.3", probe.getPackage().getImplementationVersion());
    assertNotNull(probe.getProtectionDomain().getCodeSource());
    assertNull(probe.getProtectionDomain().getCodeSource().getCodeSigners());
    assertInstanceOf(Sandbox.Owner.class, probe.getClassLoader());
  }

  @Test
  void multiReleaseJarAnswersTheEntryForThisJava() throws Throwable {
    Path base = compile(Map.of("example.Plain", PLAIN));
    Path versioned =
        compile(
            Map.of(
                "example.Plain",
                """
                package example;
                public class Plain {
                  public static String now() {
                    return System.getenv("MY_VAR");
                  }
                }
                """));
    Path code = Files.createTempDirectory("fogbank-sandbox-mr");
    Path lib = Files.createDirectories(code.resolve("lib"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(lib.resolve("mr.jar")), manifest)) {
      jar.putNextEntry(new JarEntry("example/Plain.class"));
      jar.write(Files.readAllBytes(base.resolve("example/Plain.class")));
      jar.closeEntry();
      jar.putNextEntry(new JarEntry("META-INF/versions/21/example/Plain.class"));
      jar.write(Files.readAllBytes(versioned.resolve("example/Plain.class")));
      jar.closeEntry();
    }
    Class<?> plain = load(code, "example.Plain");
    assertEquals("mine", plain.getMethod("now").invoke(null));
    assertArrayEquals(new Class<?>[0], plain.getMethod("now").getParameterTypes());
  }
}
