package dev.fogbank.stepfunctions.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Map Run: one run of a Distributed Map state, whose items run as child executions. Counts and
 * settings as DescribeMapRun reports them; UpdateMapRun changes the settings while it runs.
 */
public final class MapRun {

  private final String arn;
  private final String executionArn;
  private final String stateMachineArn;
  private final long startDate;
  private final int total;
  private final List<Execution> children = new CopyOnWriteArrayList<>();
  private volatile String status = "RUNNING";
  private volatile Long stopDate;
  private volatile int maxConcurrency;
  private volatile long toleratedFailureCount;
  private volatile double toleratedFailurePercentage;
  private int resultsWritten;
  private int redriveCount;
  private Long redriveDate;
  private int succeeded;
  private int failed;
  private int aborted;
  private int timedOut;

  public MapRun(String arn, String executionArn, String stateMachineArn, long startDate, int total, int maxConcurrency,
      long toleratedFailureCount, double toleratedFailurePercentage) {
    this.arn = arn;
    this.executionArn = executionArn;
    this.stateMachineArn = stateMachineArn;
    this.startDate = startDate;
    this.total = total;
    this.maxConcurrency = maxConcurrency;
    this.toleratedFailureCount = toleratedFailureCount;
    this.toleratedFailurePercentage = toleratedFailurePercentage;
  }

  public String arn() {
    return arn;
  }

  public String executionArn() {
    return executionArn;
  }

  public List<Execution> children() {
    return children;
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }

  public String status() {
    return status;
  }

  public synchronized void update(Integer maxConcurrency, Long toleratedCount, Double toleratedPercentage) {
    if (maxConcurrency != null) {
      this.maxConcurrency = maxConcurrency;
    }
    if (toleratedCount != null) {
      this.toleratedFailureCount = toleratedCount;
    }
    if (toleratedPercentage != null) {
      this.toleratedFailurePercentage = toleratedPercentage;
    }
  }

  /** Counts a child execution's end; true when the failures now exceed the tolerance. */
  public synchronized boolean childEnded(ExecutionStatus s) {
    switch (s) {
      case SUCCEEDED -> succeeded++;
      case FAILED -> failed++;
      case TIMED_OUT -> timedOut++;
      default -> aborted++;
    }
    return exceeded();
  }

  /** Failed, timed-out and aborted children beyond ToleratedFailureCount and ToleratedFailurePercentage. */
  public synchronized boolean exceeded() {
    int bad = failed + timedOut + aborted;
    return bad > toleratedFailureCount && bad * 100.0 / Math.max(1, total) > toleratedFailurePercentage;
  }

  /** How many child executions' results ResultWriter has written. */
  public synchronized void resultsWritten(int count) {
    resultsWritten = count;
  }

  public synchronized int redriveCount() {
    return redriveCount;
  }

  /**
   * A redrive of the run after it FAILED or was ABORTED: RUNNING again, its failed, timed-out and
   * aborted children to be counted anew as they end. False if the run cannot be redriven.
   */
  public synchronized boolean redrive(long now) {
    if (!status.equals("FAILED") && !status.equals("ABORTED")) {
      return false;
    }
    status = "RUNNING";
    stopDate = null;
    failed = 0;
    timedOut = 0;
    aborted = 0;
    redriveCount++;
    redriveDate = now;
    return true;
  }

  public synchronized void end(String status, long now) {
    if (this.status.equals("RUNNING")) {
      this.status = status;
      this.stopDate = now;
    }
  }

  /** DescribeMapRun. */
  public synchronized ObjectNode describe() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("mapRunArn", arn);
    o.put("executionArn", executionArn);
    o.put("status", status);
    o.put("startDate", startDate / 1000.0);
    if (stopDate != null) {
      o.put("stopDate", stopDate / 1000.0);
    }
    o.put("maxConcurrency", maxConcurrency);
    o.put("toleratedFailurePercentage", toleratedFailurePercentage);
    o.put("toleratedFailureCount", toleratedFailureCount);
    o.put("redriveCount", redriveCount);
    if (redriveDate != null) {
      o.put("redriveDate", redriveDate / 1000.0);
    }
    int running = (int) children.stream().filter(c -> c.status() == ExecutionStatus.RUNNING).count();
    int ended = succeeded + failed + aborted + timedOut;
    // Items and child executions are one to one here (a batch counts as one item per child)
    for (String key : List.of("itemCounts", "executionCounts")) {
      ObjectNode c = o.putObject(key);
      c.put("pending", Math.max(0, total - ended - running));
      c.put("running", running);
      c.put("succeeded", succeeded);
      c.put("failed", failed);
      c.put("timedOut", timedOut);
      c.put("aborted", aborted);
      c.put("total", total);
      c.put("resultsWritten", resultsWritten);
    }
    return o;
  }

  /** ListMapRuns. */
  public ObjectNode listItem() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("executionArn", executionArn);
    o.put("mapRunArn", arn);
    o.put("stateMachineArn", stateMachineArn);
    o.put("startDate", startDate / 1000.0);
    if (stopDate != null) {
      o.put("stopDate", stopDate / 1000.0);
    }
    return o;
  }
}
