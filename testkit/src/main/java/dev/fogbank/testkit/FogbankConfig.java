package dev.fogbank.testkit;

import dev.fogbank.core.EmulatorConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an embedded Fogbank starts: {@code Fogbank.start(FogbankConfig.defaults().services("sqs")
 * .virtualTime())}. Immutable; each {@code with}-style method returns a new config.
 *
 * <p>The defaults suit tests: every service on the class path, loopback only, a free port, region
 * {@code us-east-1}, account {@code 000000000000}, the system clock.
 */
public final class FogbankConfig {

  private final EmulatorConfig emulator;

  private FogbankConfig(EmulatorConfig emulator) {
    this.emulator = emulator;
  }

  public static FogbankConfig defaults() {
    return new FogbankConfig(EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0));
  }

  /** The port to bind; 0 (the default) picks a free one. */
  public FogbankConfig port(int port) {
    return new FogbankConfig(emulator.withPort(port));
  }

  public FogbankConfig region(String region) {
    return new FogbankConfig(emulator.withRegion(region));
  }

  public FogbankConfig account(String account) {
    return new FogbankConfig(emulator.withAccount(account));
  }

  /** The services to run, by their endpoint prefix ({@code sqs}, {@code lambda}, …); none = all. */
  public FogbankConfig services(String... services) {
    return new FogbankConfig(emulator.withServices(new LinkedHashSet<>(List.of(services))));
  }

  /**
   * A virtual clock that stands still until {@link FogbankClock#advance} moves it, so that "after
   * the visibility timeout" or "retry in two minutes" takes no real time and never flakes.
   */
  public FogbankConfig virtualTime() {
    return new FogbankConfig(emulator.withVirtualTime(true, true));
  }

  /** A virtual clock that also runs on its own, like the wall clock, and can be advanced. */
  public FogbankConfig runningVirtualTime() {
    return new FogbankConfig(emulator.withVirtualTime(true, false));
  }

  /** One service setting, e.g. {@code setting("sqs.queue-url-style", "domain")}. */
  public FogbankConfig setting(String name, String value) {
    Map<String, String> settings = new LinkedHashMap<>(emulator.settings());
    settings.put(name, value);
    return new FogbankConfig(emulator.withSettings(settings));
  }

  public FogbankConfig settings(Map<String, String> more) {
    Map<String, String> settings = new LinkedHashMap<>(emulator.settings());
    settings.putAll(more);
    return new FogbankConfig(emulator.withSettings(settings));
  }

  public int port() {
    return emulator.port();
  }

  public String region() {
    return emulator.region();
  }

  public String account() {
    return emulator.account();
  }

  public Set<String> services() {
    return emulator.services();
  }

  public boolean isVirtualTime() {
    return emulator.virtualTime();
  }

  /** The core configuration this maps to. */
  public EmulatorConfig toEmulatorConfig() {
    return emulator;
  }

  @Override
  public String toString() {
    return emulator.toString();
  }
}
