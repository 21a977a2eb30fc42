package dev.fogbank.testkit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link FogbankTest}: starts Fogbank when a test first asks for it (or for a
 * client), keeps it in JUnit's store for the class or the test, and lets JUnit close it, and the
 * clients built on it, when that scope ends.
 */
public final class FogbankTestExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FogbankTestExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Fogbank.class || type == FogbankClock.class || SdkClients.isClient(type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    ExtensionContext scope = scope(context);
    Fogbank fogbank = fogbank(scope);
    if (type == Fogbank.class) {
      return fogbank;
    }
    if (type == FogbankClock.class) {
      return fogbank.clock();
    }
    try {
      Object client = SdkClients.build(type, fogbank);
      if (client instanceof AutoCloseable closeable) {
        // Closed with the test (or class) that asked for it; JUnit closes stored AutoCloseables.
        scope.getStore(NAMESPACE).put(new Object(), new Closing(closeable));
      }
      return client;
    } catch (RuntimeException e) {
      throw new ParameterResolutionException("Cannot build " + type.getName() + " for Fogbank: " + e.getMessage(), e);
    }
  }

  /**
   * Where this parameter's Fogbank lives: the test's own context for a per-test lifecycle (when
   * there is a test method), else the class's.
   */
  private static ExtensionContext scope(ExtensionContext context) {
    FogbankTest settings = settings(context);
    if (settings.lifecycle() == FogbankTest.Lifecycle.PER_TEST && context.getTestMethod().isPresent()) {
      return context;
    }
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  /**
   * The Fogbank of this scope, started on first use. A {@code @Nested} class inherits its outer
   * class's Fogbank through the store's parent lookup.
   */
  private static Fogbank fogbank(ExtensionContext scope) {
    ExtensionContext.Store store = scope.getStore(NAMESPACE);
    return store
        .getOrComputeIfAbsent(Fogbank.class, k -> new Closing(Fogbank.start(config(settings(scope)))), Closing.class)
        .fogbank();
  }

  /** A store value that closes {@code resource} when its scope ends. */
  static Object closing(AutoCloseable resource) {
    return new Closing(resource);
  }

  /**
   * What the store closes when its scope ends. JUnit closes {@link AutoCloseable} values since
   * 5.13 and {@code CloseableResource} values before; this is both, and closes once.
   */
  @SuppressWarnings("deprecation")
  private static final class Closing implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final AutoCloseable resource;
    private boolean closed;

    Closing(AutoCloseable resource) {
      this.resource = resource;
    }

    Fogbank fogbank() {
      return (Fogbank) resource;
    }

    @Override
    public synchronized void close() throws Exception {
      if (!closed) {
        closed = true;
        resource.close();
      }
    }
  }

  static FogbankConfig config(FogbankTest settings) {
    FogbankConfig config =
        FogbankConfig.defaults()
            .region(settings.region())
            .account(settings.account())
            .services(settings.services());
    if (settings.virtualTime()) {
      config = config.virtualTime();
    }
    for (String setting : settings.settings()) {
      int eq = setting.indexOf('=');
      if (eq <= 0) {
        throw new ExtensionConfigurationException("@FogbankTest settings are name=value, not '" + setting + "'");
      }
      config = config.setting(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
    }
    return config;
  }

  private static FogbankTest settings(ExtensionContext context) {
    Optional<Class<?>> type = context.getTestClass();
    while (type.isPresent()) {
      FogbankTest found = find(type.get());
      if (found != null) {
        return found;
      }
      type = Optional.ofNullable(type.get().getEnclosingClass());
    }
    throw new ExtensionConfigurationException("FogbankTestExtension needs @FogbankTest on the test class");
  }

  private static FogbankTest find(Class<?> type) {
    FogbankTest direct = type.getAnnotation(FogbankTest.class);
    if (direct != null) {
      return direct;
    }
    for (var annotation : type.getAnnotations()) {
      FogbankTest meta = annotation.annotationType().getAnnotation(FogbankTest.class);
      if (meta != null) {
        return meta;
      }
    }
    return null;
  }
}
