package dev.fogbank.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

/**
 * Starts Fogbank inside the test JVM on a free port for a test class, and builds SDK v2 clients
 * pointed at it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();
 *
 * SqsClient sqs = fogbank.client(SqsClient.builder());
 * fogbank.advance(Duration.ofMinutes(4));
 * }</pre>
 *
 * Test methods may also take the {@link Fogbank}, its {@link FogbankClock} or any SDK v2 client as
 * parameters, as with {@link FogbankTest}.
 */
public final class FogbankExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private final Consumer<Fogbank.Builder> configure;
  private Fogbank fogbank;

  private FogbankExtension(Consumer<Fogbank.Builder> configure) {
    this.configure = configure;
  }

  /** All services, system clock. */
  public static FogbankExtension create() {
    return new FogbankExtension(b -> {});
  }

  /** All services, a frozen virtual clock that moves only through {@link #advance}. */
  public static FogbankExtension withVirtualTime() {
    return new FogbankExtension(b -> b.virtualTime(true));
  }

  public static FogbankExtension configured(Consumer<Fogbank.Builder> configure) {
    return new FogbankExtension(configure);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Fogbank.Builder builder = Fogbank.builder();
    configure.accept(builder);
    fogbank = builder.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (fogbank != null) {
      fogbank.close();
      fogbank = null;
    }
  }

  public Fogbank fogbank() {
    if (fogbank == null) {
      throw new IllegalStateException("Fogbank is not running: register the extension with @RegisterExtension");
    }
    return fogbank;
  }

  public URI endpoint() {
    return fogbank().endpoint();
  }

  public void advance(Duration duration) {
    fogbank().advance(duration);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Fogbank.class || type == FogbankClock.class || SdkClients.isClient(type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Fogbank.class) {
      return fogbank();
    }
    if (type == FogbankClock.class) {
      return fogbank().clock();
    }
    Object client = SdkClients.build(type, fogbank());
    if (client instanceof AutoCloseable closeable) {
      context.getStore(ExtensionContext.Namespace.create(FogbankExtension.class)).put(new Object(), FogbankTestExtension.closing(closeable));
    }
    return client;
  }

  /** An SDK v2 client pointed at Fogbank, with test credentials and the emulator's region. */
  public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
    return AwsClients.configure(builder, fogbank()).build();
  }
}
