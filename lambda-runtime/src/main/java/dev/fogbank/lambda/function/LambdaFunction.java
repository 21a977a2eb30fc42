package dev.fogbank.lambda.function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A function and everything that hangs off it: {@code $LATEST} (replaced by each update), the
 * published versions, aliases, resource policy, tags, reserved concurrency, function URLs and
 * event invoke configs. Mutations lock the function ({@code synchronized (fn)}); reads see the
 * current immutable snapshots.
 */
public final class LambdaFunction {

  private final String name;
  private final String arn;
  private volatile FunctionVersion latest;
  private final TreeMap<Long, FunctionVersion> versions = new TreeMap<>();
  private long lastVersion;
  private final Map<String, Alias> aliases = new ConcurrentHashMap<>();
  private final Map<String, String> tags = new ConcurrentHashMap<>();
  /** Statement id → statement (the policy document's Statement entries), per qualifier. */
  private final Map<String, Map<String, ObjectNode>> policies = new ConcurrentHashMap<>();
  private final Map<String, String> policyRevisions = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> urlConfigs = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> eventInvokeConfigs = new ConcurrentHashMap<>();
  private volatile Integer reservedConcurrency;
  /** Qualifier (version or alias) → provisioned concurrency config. */
  private final Map<String, ProvisionedConcurrencyConfig> provisionedConcurrency = new ConcurrentHashMap<>();
  /** Whether $LATEST changed since the last PublishVersion (an unchanged $LATEST publishes nothing new). */
  private volatile boolean unpublishedChanges = true;

  public LambdaFunction(String name, String arn, FunctionVersion latest) {
    this.name = name;
    this.arn = arn;
    this.latest = latest;
  }

  public String name() {
    return name;
  }

  /** The unqualified ARN. */
  public String arn() {
    return arn;
  }

  public FunctionVersion latest() {
    return latest;
  }

  public void latest(FunctionVersion version) {
    this.latest = version;
  }

  /** A published version, or null. */
  public synchronized FunctionVersion version(long number) {
    return versions.get(number);
  }

  public synchronized java.util.List<FunctionVersion> versions() {
    return java.util.List.copyOf(versions.values());
  }

  public synchronized FunctionVersion lastPublished() {
    return versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  /** Adds a version under the next number; numbers are never reused, even after deletions. */
  public synchronized long nextVersionNumber() {
    return lastVersion + 1;
  }

  public synchronized void addVersion(long number, FunctionVersion version) {
    versions.put(number, version);
    lastVersion = number;
  }

  public synchronized FunctionVersion removeVersion(long number) {
    return versions.remove(number);
  }

  public Map<String, Alias> aliases() {
    return aliases;
  }

  public Map<String, String> tags() {
    return tags;
  }

  /** The statements of the policy of a qualifier ("" for the unqualified function). */
  public Map<String, ObjectNode> policy(String qualifier) {
    return policies.computeIfAbsent(qualifier, q -> new LinkedHashMap<>());
  }

  public Map<String, String> policyRevisions() {
    return policyRevisions;
  }

  public Map<String, ObjectNode> urlConfigs() {
    return urlConfigs;
  }

  public Map<String, ObjectNode> eventInvokeConfigs() {
    return eventInvokeConfigs;
  }

  public boolean unpublishedChanges() {
    return unpublishedChanges;
  }

  public void unpublishedChanges(boolean value) {
    this.unpublishedChanges = value;
  }

  public Map<String, ProvisionedConcurrencyConfig> provisionedConcurrency() {
    return provisionedConcurrency;
  }

  /** The provisioned concurrency requested over every version and alias of the function. */
  public int provisionedTotal() {
    return provisionedConcurrency.values().stream().mapToInt(ProvisionedConcurrencyConfig::requested).sum();
  }

  public Integer reservedConcurrency() {
    return reservedConcurrency;
  }

  public void reservedConcurrency(Integer value) {
    this.reservedConcurrency = value;
  }
}
