package dev.fogbank.lambda.runtime.sandbox;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringTokenizer;

/**
 * What a function's calls to {@code System.getenv}, {@code System.getProperty} (for {@code aws.*}
 * keys), {@code System.exit}, {@code Runtime.exit},
 * {@code Runtime.halt}, {@code Runtime.exec}, shutdown hooks and {@code ProcessBuilder} become when
 * its classes are loaded: each call passes the calling class, whose loader names the function's
 * {@link Sandbox}. A class outside any sandbox gets the JDK's own behaviour.
 *
 * <p>The methods without a {@code Class} parameter serve method references ({@code
 * System::getenv}), whose caller is found on the stack instead.
 */
public final class SandboxCalls {

  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private SandboxCalls() {}

  private static Sandbox of(Class<?> caller) {
    return caller != null && caller.getClassLoader() instanceof Sandbox.Owner owner ? owner.sandbox() : null;
  }

  /** The nearest function frame on the stack (a lambda's own frame is hidden, its host's is not). */
  private static Sandbox onStack() {
    Optional<Sandbox> found =
        WALKER.walk(
            frames -> frames.map(f -> of(f.getDeclaringClass())).filter(Objects::nonNull).findFirst());
    return found.orElse(null);
  }

  // System.getenv

  public static String getenv(String name, Class<?> caller) {
    return getenv(name, of(caller));
  }

  public static String getenv(String name) {
    return getenv(name, onStack());
  }

  private static String getenv(String name, Sandbox sandbox) {
    if (sandbox == null) {
      return System.getenv(name);
    }
    // As the JDK: a null name is a NullPointerException.
    return sandbox.environment().get(Objects.requireNonNull(name));
  }

  public static Map<String, String> getenv(Class<?> caller) {
    return getenv(of(caller));
  }

  public static Map<String, String> getenv() {
    return getenv(onStack());
  }

  private static Map<String, String> getenv(Sandbox sandbox) {
    return sandbox == null ? System.getenv() : sandbox.environment();
  }

  // System properties: the aws.* ones are the function's own (see Sandbox#awsProperties)

  private static final String AWS_PROPERTY = "aws.";

  private static Map<String, String> awsProperties(String key, Class<?> caller) {
    Sandbox sandbox = key != null && key.startsWith(AWS_PROPERTY) ? of(caller) : null;
    return sandbox == null ? null : sandbox.awsProperties();
  }

  /** For a method reference: the caller is found on the stack, and only for an aws.* key. */
  private static Map<String, String> awsProperties(String key) {
    Sandbox sandbox = key != null && key.startsWith(AWS_PROPERTY) ? onStack() : null;
    return sandbox == null ? null : sandbox.awsProperties();
  }

  public static String getProperty(String key, Class<?> caller) {
    return getProperty(key, awsProperties(key, caller));
  }

  public static String getProperty(String key) {
    // The SDK for Java v2 reads its settings through System::getProperty.
    return getProperty(key, awsProperties(key));
  }

  private static String getProperty(String key, Map<String, String> own) {
    return own == null ? System.getProperty(key) : own.get(key);
  }

  public static String getProperty(String key, String def, Class<?> caller) {
    return getProperty(key, def, awsProperties(key, caller));
  }

  public static String getProperty(String key, String def) {
    return getProperty(key, def, awsProperties(key));
  }

  private static String getProperty(String key, String def, Map<String, String> own) {
    return own == null ? System.getProperty(key, def) : own.getOrDefault(key, def);
  }

  public static String setProperty(String key, String value, Class<?> caller) {
    Map<String, String> own = awsProperties(key, caller);
    // As the JDK: a null value is a NullPointerException.
    return own == null ? System.setProperty(key, value) : own.put(key, Objects.requireNonNull(value, "value"));
  }

  public static String clearProperty(String key, Class<?> caller) {
    Map<String, String> own = awsProperties(key, caller);
    return own == null ? System.clearProperty(key) : own.remove(key);
  }

  // System.exit, Runtime.exit, Runtime.halt

  public static void exit(int status, Class<?> caller) {
    exit(status, of(caller), false);
  }

  public static void exit(int status) {
    exit(status, onStack(), false);
  }

  public static void exit(Runtime runtime, int status, Class<?> caller) {
    exit(status, of(caller), false);
  }

  public static void halt(Runtime runtime, int status, Class<?> caller) {
    exit(status, of(caller), true);
  }

  private static void exit(int status, Sandbox sandbox, boolean halt) {
    if (sandbox == null) {
      // A class outside every function: nothing to end but the caller's thread, never Fogbank.
      throw new RuntimeExit(status);
    }
    throw sandbox.exit(status, halt);
  }

  // Shutdown hooks run when the function exits, not when Fogbank does.

  public static void addShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
    Sandbox sandbox = of(caller);
    if (sandbox == null) {
      runtime.addShutdownHook(hook);
    } else {
      sandbox.addShutdownHook(Objects.requireNonNull(hook));
    }
  }

  public static boolean removeShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
    Sandbox sandbox = of(caller);
    return sandbox == null ? runtime.removeShutdownHook(hook) : sandbox.removeShutdownHook(Objects.requireNonNull(hook));
  }

  // Child processes inherit the function's environment, not Fogbank's.

  public static Map<String, String> environment(ProcessBuilder builder, Class<?> caller) {
    Sandbox sandbox = of(caller);
    if (sandbox != null) {
      sandbox.prepare(builder);
    }
    return builder.environment();
  }

  public static Process start(ProcessBuilder builder, Class<?> caller) throws IOException {
    Sandbox sandbox = of(caller);
    if (sandbox != null) {
      sandbox.prepare(builder);
    }
    return builder.start();
  }

  public static List<Process> startPipeline(List<ProcessBuilder> builders, Class<?> caller) throws IOException {
    Sandbox sandbox = of(caller);
    if (sandbox != null) {
      builders.forEach(sandbox::prepare);
    }
    return ProcessBuilder.startPipeline(builders);
  }

  public static Process exec(Runtime runtime, String command, Class<?> caller) throws IOException {
    return exec(runtime, command, null, null, caller);
  }

  public static Process exec(Runtime runtime, String command, String[] envp, Class<?> caller) throws IOException {
    return exec(runtime, command, envp, null, caller);
  }

  public static Process exec(Runtime runtime, String command, String[] envp, File dir, Class<?> caller) throws IOException {
    // Runtime.exec(String, …) splits the command as the JDK does: on whitespace, no quoting.
    if (command.isEmpty()) {
      throw new IllegalArgumentException("Empty command");
    }
    StringTokenizer st = new StringTokenizer(command);
    String[] cmdarray = new String[st.countTokens()];
    for (int i = 0; st.hasMoreTokens(); i++) {
      cmdarray[i] = st.nextToken();
    }
    return exec(runtime, cmdarray, envp, dir, caller);
  }

  public static Process exec(Runtime runtime, String[] cmdarray, Class<?> caller) throws IOException {
    return exec(runtime, cmdarray, null, null, caller);
  }

  public static Process exec(Runtime runtime, String[] cmdarray, String[] envp, Class<?> caller) throws IOException {
    return exec(runtime, cmdarray, envp, null, caller);
  }

  public static Process exec(Runtime runtime, String[] cmdarray, String[] envp, File dir, Class<?> caller) throws IOException {
    Sandbox sandbox = of(caller);
    return runtime.exec(cmdarray, envp == null && sandbox != null ? sandbox.envp() : envp, dir);
  }
}
