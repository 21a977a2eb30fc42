package dev.fogbank.lambda.function;

/**
 * A provisioned concurrency config of one version or alias: how many environments were
 * requested, how many are allocated and available, and Lambda's status (IN_PROGRESS while they
 * start, READY when all are initialised, FAILED when init fails). A newer Put replaces the
 * config; {@code generation} lets the allocation of a replaced config see that it is stale.
 */
public final class ProvisionedConcurrencyConfig {

  private final int requested;
  private final String lastModified;
  private final FunctionVersion version;
  private final long generation;
  private volatile int allocated;
  private volatile String status = "IN_PROGRESS";
  private volatile String statusReason;

  public ProvisionedConcurrencyConfig(int requested, String lastModified, FunctionVersion version, long generation) {
    this.requested = requested;
    this.lastModified = lastModified;
    this.version = version;
    this.generation = generation;
  }

  public int requested() {
    return requested;
  }

  public String lastModified() {
    return lastModified;
  }

  /** The version whose environments are provisioned (an alias's own version). */
  public FunctionVersion version() {
    return version;
  }

  public long generation() {
    return generation;
  }

  public int allocated() {
    return allocated;
  }

  public String status() {
    return status;
  }

  public String statusReason() {
    return statusReason;
  }

  public void ready(int allocated) {
    this.allocated = allocated;
    this.status = "READY";
    this.statusReason = null;
  }

  public void failed(int allocated, String reason) {
    this.allocated = allocated;
    this.status = "FAILED";
    this.statusReason = reason;
  }
}
