package dev.fogbank.lambda.runtime;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of one Java execution environment: the package's classes (its root), its
 * {@code lib/*.jar}, and the layers' {@code java/lib/*.jar}, looked up before Fogbank's own
 * classes so that functions bring their own versions of libraries. Only the JDK and the runtime
 * interfaces ({@code com.amazonaws.services.lambda.runtime}) come from Fogbank, as the java
 * runtimes provide them.
 */
final class FunctionClassLoader extends URLClassLoader {

  private static final String RUNTIME_PACKAGE = "com.amazonaws.services.lambda.runtime.";

  FunctionClassLoader(String name, Path code, Path opt, ClassLoader parent) {
    super(name, urls(code, opt), parent);
  }

  private static URL[] urls(Path code, Path opt) {
    List<URL> urls = new ArrayList<>();
    try {
      urls.add(code.toUri().toURL());
      jars(code.resolve("lib"), urls);
      if (opt != null) {
        jars(opt.resolve("java").resolve("lib"), urls);
      }
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
    return urls.toArray(URL[]::new);
  }

  private static void jars(Path dir, List<URL> urls) throws MalformedURLException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(p.toUri().toURL());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith("java.") || name.startsWith(RUNTIME_PACKAGE)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        try {
          c = findClass(name);
        } catch (ClassNotFoundException e) {
          c = super.loadClass(name, false);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }
}
