package dev.fogbank.core;

import java.util.Map;
import java.util.Set;

/**
 * How an emulator runs. The CLI, environment variables ({@code FOGBANK_*}) and the embedding API
 * all end up here.
 *
 * @param services the services to run; empty means all that are on the class path
 * @param virtualTime whether the clock can be moved through the admin API
 * @param frozenTime whether a virtual clock starts frozen (moves only when advanced)
 * @param settings service-specific options, e.g. {@code sqs.queue-url-style=domain}
 */
public record EmulatorConfig(
    String host,
    int port,
    String region,
    String account,
    Set<String> services,
    boolean virtualTime,
    boolean frozenTime,
    Map<String, String> settings) {

  public static final String DEFAULT_ACCOUNT = "000000000000";
  public static final String DEFAULT_REGION = "us-east-1";
  public static final int DEFAULT_PORT = 4566;

  public static EmulatorConfig defaults() {
    return new EmulatorConfig(
        "0.0.0.0", DEFAULT_PORT, DEFAULT_REGION, DEFAULT_ACCOUNT, Set.of(), false, false, Map.of());
  }

  public EmulatorConfig withPort(int port) {
    return new EmulatorConfig(host, port, region, account, services, virtualTime, frozenTime, settings);
  }

  public EmulatorConfig withHost(String host) {
    return new EmulatorConfig(host, port, region, account, services, virtualTime, frozenTime, settings);
  }

  public EmulatorConfig withRegion(String region) {
    return new EmulatorConfig(host, port, region, account, services, virtualTime, frozenTime, settings);
  }

  public EmulatorConfig withAccount(String account) {
    return new EmulatorConfig(host, port, region, account, services, virtualTime, frozenTime, settings);
  }

  public EmulatorConfig withServices(Set<String> services) {
    return new EmulatorConfig(host, port, region, account, services, virtualTime, frozenTime, settings);
  }

  public EmulatorConfig withVirtualTime(boolean virtual, boolean frozen) {
    return new EmulatorConfig(host, port, region, account, services, virtual, frozen, settings);
  }

  public EmulatorConfig withSettings(Map<String, String> settings) {
    return new EmulatorConfig(host, port, region, account, services, virtualTime, frozenTime, Map.copyOf(settings));
  }

  public String setting(String name, String fallback) {
    return settings.getOrDefault(name, fallback);
  }

  public boolean runs(String service) {
    return services.isEmpty() || services.contains(service);
  }
}
