package dev.fogbank.lambda.runtime;

import dev.fogbank.lambda.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The class loader of one Java execution environment: the package's classes (its root), its
 * {@code lib/*.jar}, and the layers' {@code java/lib/*.jar}, looked up before Fogbank's own
 * classes so that functions bring their own versions of libraries. Only the JDK and the runtime
 * interfaces ({@code com.amazonaws.services.lambda.runtime}) come from Fogbank, as the java
 * runtimes provide them, with the sandbox the rewritten classes call; Fogbank's other classes and
 * resources are not visible to the function.
 *
 * <p>Every class it defines goes through {@link FunctionBytecode}, so that the function's
 * environment variables, exits and child processes stay in its {@link Sandbox}. Classes are read
 * from the jars here rather than by {@link URLClassLoader#findClass}, which cannot define altered
 * bytes: multi-release jars answer the entry for the running Java version, and classes are defined
 * without signers (a rewritten class no longer matches a signed jar's digests, and signers mean
 * nothing without a security manager).
 */
final class FunctionClassLoader extends URLClassLoader implements Sandbox.Owner {

  static {
    registerAsParallelCapable();
  }

  private static final String RUNTIME_PACKAGE = "com.amazonaws.services.lambda.runtime.";
  private static final String RUNTIME_SHADED = "com.amazonaws.lambda.thirdparty.";
  private static final String SANDBOX_PACKAGE = "dev.fogbank.lambda.runtime.sandbox.";

  private static final ClassLoader JDK = ClassLoader.getPlatformClassLoader();

  private final Sandbox sandbox;
  private final List<Root> roots;

  FunctionClassLoader(String name, Path code, Path opt, ClassLoader parent) {
    this(name, code, opt, parent, new Sandbox(Map.of(), status -> {}));
  }

  FunctionClassLoader(String name, Path code, Path opt, ClassLoader parent, Sandbox sandbox) {
    this(name, paths(code, opt), parent, sandbox);
  }

  private FunctionClassLoader(String name, List<Path> paths, ClassLoader parent, Sandbox sandbox) {
    super(name, urls(paths), parent);
    this.sandbox = sandbox;
    this.roots = paths.stream().map(Root::new).toList();
  }

  @Override
  public Sandbox sandbox() {
    return sandbox;
  }

  private static List<Path> paths(Path code, Path opt) {
    List<Path> paths = new ArrayList<>();
    paths.add(code);
    jars(code.resolve("lib"), paths);
    if (opt != null) {
      jars(opt.resolve("java").resolve("lib"), paths);
    }
    return paths;
  }

  private static URL[] urls(List<Path> paths) {
    return paths.stream().map(FunctionClassLoader::url).toArray(URL[]::new);
  }

  private static URL url(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void jars(Path dir, List<Path> paths) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(paths::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (offeredByRuntime(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        try {
          c = findClass(name);
        } catch (ClassNotFoundException e) {
          c = fromJdk(name, e);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  /**
   * What the java runtimes put on the function's parent class path, and so win over the package's
   * copies: the JDK's {@code java.*}, aws-lambda-java-core ({@code
   * com.amazonaws.services.lambda.runtime} and its {@code logging}) and the runtime's serialization
   * (with its shaded libraries); plus the sandbox the rewritten classes call. Not the events
   * library ({@code com.amazonaws.services.lambda.runtime.events}), which a function bundles.
   */
  static boolean offeredByRuntime(String name) {
    if (name.startsWith("java.") || name.startsWith(SANDBOX_PACKAGE) || name.startsWith(RUNTIME_SHADED)) {
      return true;
    }
    if (!name.startsWith(RUNTIME_PACKAGE)) {
      return false;
    }
    String rest = name.substring(RUNTIME_PACKAGE.length());
    return rest.indexOf('.') < 0 || rest.startsWith("logging.") || rest.startsWith("serialization.");
  }

  /**
   * A class the package does not hold comes from the JDK (any of its modules: {@code javax.*},
   * {@code jdk.*}, {@code org.w3c.*}…), never from Fogbank's own class path: the java runtimes offer
   * a function nothing else, so a library it does not bundle is missing, as in Lambda.
   */
  private Class<?> fromJdk(String name, ClassNotFoundException notOwn) throws ClassNotFoundException {
    Class<?> c = getParent().loadClass(name);
    if (!c.getModule().isNamed()) {
      throw notOwn;
    }
    return c;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String path = name.replace('.', '/').concat(".class");
    for (Root root : roots) {
      byte[] bytes;
      try {
        bytes = root.read(path);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
      if (bytes != null) {
        definePackage(name, root);
        byte[] defined = FunctionBytecode.rewrite(bytes);
        return defineClass(name, defined, 0, defined.length, root.codeSource);
      }
    }
    throw new ClassNotFoundException(name);
  }

  /** The class's package, with the jar manifest's specification and implementation titles. */
  private void definePackage(String className, Root root) throws ClassNotFoundException {
    int dot = className.lastIndexOf('.');
    if (dot < 0) {
      return;
    }
    String pkg = className.substring(0, dot);
    if (getDefinedPackage(pkg) != null) {
      return;
    }
    try {
      Manifest manifest = root.manifest();
      if (manifest != null) {
        definePackage(pkg, manifest, root.codeSource.getLocation());
      } else {
        definePackage(pkg, null, null, null, null, null, null, null);
      }
    } catch (IllegalArgumentException e) {
      // another thread defined it first
      if (getDefinedPackage(pkg) == null) {
        throw new ClassNotFoundException(className, e);
      }
    } catch (IOException e) {
      throw new ClassNotFoundException(className, e);
    }
  }

  /**
   * The package's resources, then the JDK's; not Fogbank's, so that a {@link java.util.ServiceLoader}
   * in the function finds the providers the package brings (its HTTP client, its logging), not the
   * ones on Fogbank's class path.
   */
  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : JDK.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
    all.addAll(Collections.list(JDK.getResources(name)));
    return Collections.enumeration(all);
  }

  @Override
  public void close() throws IOException {
    try {
      for (Root root : roots) {
        root.close();
      }
    } finally {
      super.close();
    }
  }

  /** A directory or a jar of the class path, the jar opened on first use. */
  private static final class Root {
    final Path path;
    final boolean directory;
    final CodeSource codeSource;
    private JarFile jar;
    private boolean closed;

    Root(Path path) {
      this.path = path;
      this.directory = Files.isDirectory(path);
      this.codeSource = new CodeSource(url(path), (CodeSigner[]) null);
    }

    byte[] read(String entry) throws IOException {
      if (directory) {
        Path file = path.resolve(entry);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      }
      JarFile j = jar();
      if (j == null) {
        return null;
      }
      JarEntry e = j.getJarEntry(entry);
      if (e == null) {
        return null;
      }
      try (InputStream in = j.getInputStream(e)) {
        return in.readAllBytes();
      }
    }

    Manifest manifest() throws IOException {
      JarFile j = directory ? null : jar();
      return j == null ? null : j.getManifest();
    }

    private synchronized JarFile jar() throws IOException {
      if (jar == null && !closed) {
        // Opened for the running Java version, so a multi-release jar answers its versioned entry.
        jar = new JarFile(path.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
      }
      return jar;
    }

    synchronized void close() throws IOException {
      closed = true;
      if (jar != null) {
        jar.close();
      }
    }
  }
}
