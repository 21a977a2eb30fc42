package dev.fogbank.testkit;

import dev.fogbank.core.Emulator;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Fogbank embedded in this JVM: {@code try (Fogbank fogbank = Fogbank.start()) {…}}. No Docker,
 * no separate process; services are those on the class path.
 */
public final class Fogbank implements AutoCloseable {

  private final Emulator emulator;

  private Fogbank(Emulator emulator) {
    this.emulator = emulator;
  }

  /** All services on an ephemeral port, with the system clock. */
  public static Fogbank start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://localhost:<port>} */
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

  public Clock clock() {
    return emulator.clock();
  }

  public Instant now() {
    return emulator.clock().now();
  }

  /**
   * Moves virtual time forward; every timer due on the way fires, in order, before this returns.
   * Needs {@link Builder#virtualTime}.
   */
  public void advance(Duration duration) {
    emulator.scheduler().advance(duration);
  }

  /** Drops every resource of every service, as {@code POST /_fogbank/reset} does. */
  public void reset() {
    emulator.registry().services().forEach(s -> s.module().reset());
  }

  /** The running emulator, for what this facade does not cover. */
  public Emulator emulator() {
    return emulator;
  }

  @Override
  public void close() {
    emulator.close();
  }

  /** Configures an embedded Fogbank. */
  public static final class Builder {
    private EmulatorConfig config =
        EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0);

    private Builder() {}

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      config = config.withPort(port);
      return this;
    }

    public Builder region(String region) {
      config = config.withRegion(region);
      return this;
    }

    public Builder account(String account) {
      config = config.withAccount(account);
      return this;
    }

    public Builder services(String... services) {
      config = config.withServices(Set.of(services));
      return this;
    }

    /**
     * A virtual clock; {@code frozen} makes it stand still until {@link Fogbank#advance}, which is
     * what deterministic tests want.
     */
    public Builder virtualTime(boolean frozen) {
      config = config.withVirtualTime(true, frozen);
      return this;
    }

    public Builder settings(Map<String, String> settings) {
      config = config.withSettings(settings);
      return this;
    }

    public Fogbank start() {
      return new Fogbank(Emulator.start(config));
    }
  }
}
