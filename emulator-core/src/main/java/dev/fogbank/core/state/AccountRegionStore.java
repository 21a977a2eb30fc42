package dev.fogbank.core.state;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * An engine's state, one {@code S} per account and region, as AWS isolates resources. Created on
 * first use.
 */
public final class AccountRegionStore<S> {

  private record Key(String account, String region) {}

  private final Map<Key, S> states = new ConcurrentHashMap<>();
  private final BiFunction<String, String, S> factory;

  public AccountRegionStore(BiFunction<String, String, S> factory) {
    this.factory = factory;
  }

  public S get(String account, String region) {
    Key key = new Key(account, region);
    S state = states.get(key); // every request asks; only the first for an account and region creates
    return state != null ? state : states.computeIfAbsent(key, k -> factory.apply(k.account, k.region));
  }

  /** The state if it was ever created, or null. */
  public S peek(String account, String region) {
    return states.get(new Key(account, region));
  }

  public Collection<S> all() {
    return states.values();
  }

  public void reset() {
    states.clear();
  }
}
