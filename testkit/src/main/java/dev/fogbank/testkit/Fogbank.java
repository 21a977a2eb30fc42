package dev.fogbank.testkit;

import dev.fogbank.core.Emulator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

/**
 * Fogbank embedded in this JVM: {@code try (Fogbank fogbank = Fogbank.start()) {…}}. No Docker,
 * no separate process; the services are those on the class path.
 *
 * <pre>{@code
 * try (Fogbank fogbank = Fogbank.start(FogbankConfig.defaults().services("sqs").virtualTime())) {
 *   SqsClient sqs = fogbank.client(SqsClient.builder());
 *   ...
 *   fogbank.clock().advance(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class Fogbank implements AutoCloseable {

  private final Emulator emulator;
  private final FogbankConfig config;
  private final FogbankClock clock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Fogbank(Emulator emulator, FogbankConfig config) {
    this.emulator = emulator;
    this.config = config;
    this.clock = new FogbankClock(emulator.clock(), emulator.scheduler());
  }

  /** All services on the class path, a free port, the system clock. */
  public static Fogbank start() {
    return start(FogbankConfig.defaults());
  }

  public static Fogbank start(FogbankConfig config) {
    return new Fogbank(Emulator.start(config.toEmulatorConfig()), config);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://localhost:<port>}: the endpoint every SDK client and the CLI take. */
  public URI endpoint() {
    return URI.create("http://localhost:" + port());
  }

  public int port() {
    return emulator.port();
  }

  public String region() {
    return emulator.config().region();
  }

  public String account() {
    return emulator.config().account();
  }

  public FogbankConfig config() {
    return config;
  }

  /** What time the services think it is, and (with virtual time) the way to move it. */
  public FogbankClock clock() {
    return clock;
  }

  public Instant now() {
    return clock.now();
  }

  /** Same as {@code clock().advance(duration)}. */
  public void advance(Duration duration) {
    clock.advance(duration);
  }

  /**
   * Drops every resource of every service, as {@code POST /_fogbank/reset} does: the cheap way to
   * give each test a clean account while keeping one server per class.
   */
  public void reset() {
    emulator.registry().services().forEach(s -> s.module().reset());
  }

  /** An SDK v2 client pointed at this Fogbank, with test credentials and its region. */
  public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
    return AwsClients.configure(builder, this).build();
  }

  /**
   * An SDK v2 client of the given type ({@code SqsClient.class}, {@code DynamoDbAsyncClient.class},
   * any type with a static {@code builder()}), pointed at this Fogbank.
   */
  public <C> C client(Class<C> type) {
    return SdkClients.build(type, this);
  }

  /** The running emulator, for what this facade does not cover. */
  public Emulator emulator() {
    return emulator;
  }

  /** Stops the server and every service; calling it again does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      emulator.close();
    }
  }

  @Override
  public String toString() {
    return "Fogbank at " + endpoint();
  }

  /** Configures an embedded Fogbank step by step; the same as a {@link FogbankConfig}. */
  public static final class Builder {
    private FogbankConfig config = FogbankConfig.defaults();

    private Builder() {}

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      config = config.port(port);
      return this;
    }

    public Builder region(String region) {
      config = config.region(region);
      return this;
    }

    public Builder account(String account) {
      config = config.account(account);
      return this;
    }

    public Builder services(String... services) {
      config = config.services(services);
      return this;
    }

    /**
     * A virtual clock; {@code frozen} makes it stand still until {@link Fogbank#advance}, which is
     * what deterministic tests want.
     */
    public Builder virtualTime(boolean frozen) {
      config = frozen ? config.virtualTime() : config.runningVirtualTime();
      return this;
    }

    public Builder settings(Map<String, String> settings) {
      config = config.settings(settings);
      return this;
    }

    public FogbankConfig config() {
      return config;
    }

    public Fogbank start() {
      return Fogbank.start(config);
    }
  }
}
