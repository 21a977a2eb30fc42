package dev.fogbank.lambda.function;

import dev.fogbank.lambda.invoke.ConcurrencyGovernor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Lambda's resources in one account and region: functions and layers. */
public final class LambdaState {

  private final String account;
  private final String region;
  private final Map<String, LambdaFunction> functions = new ConcurrentSkipListMap<>();
  /** Layer name → version number → layer version. */
  private final Map<String, ConcurrentSkipListMap<Long, LayerVersion>> layers = new ConcurrentSkipListMap<>();
  /** The last version number each layer name used; numbers are never reused. */
  private final Map<String, Long> lastLayerVersion = new ConcurrentHashMap<>();

  private final ConcurrencyGovernor governor;

  public LambdaState(String account, String region, int accountConcurrency) {
    this.account = account;
    this.region = region;
    this.governor = new ConcurrencyGovernor(accountConcurrency);
  }

  public ConcurrencyGovernor governor() {
    return governor;
  }

  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  public Map<String, LambdaFunction> functions() {
    return functions;
  }

  public Map<String, ConcurrentSkipListMap<Long, LayerVersion>> layers() {
    return layers;
  }

  public synchronized long nextLayerVersion(String layerName) {
    return lastLayerVersion.merge(layerName, 1L, Long::sum);
  }
}
