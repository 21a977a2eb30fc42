package dev.fogbank.stepfunctions.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** One execution of a state machine: what DescribeExecution reports, and its history. */
public final class Execution {

  private final String arn;
  private final String name;
  private final String stateMachineArn;
  private final String stateMachineName;
  private final String definition;
  private final String roleArn;
  private final boolean express;
  private final String input;
  private final long startDate;
  private final String versionArn;
  private final String aliasArn;
  private final History history = new History();
  private volatile CompletableFuture<Execution> completion = new CompletableFuture<>();
  private final List<Consumer<Execution>> listeners = new CopyOnWriteArrayList<>();
  private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
  private volatile Long stopDate;
  private volatile String output;
  private volatile String error;
  private volatile String cause;
  private volatile Runnable stopper;
  private volatile int redriveCount;
  private volatile String mapRunArn;
  private volatile Long redriveDate;

  public Execution(String arn, String name, String stateMachineArn, String stateMachineName, String definition,
      String roleArn, boolean express, String input, long startDate, String versionArn, String aliasArn) {
    this.arn = arn;
    this.name = name;
    this.stateMachineArn = stateMachineArn;
    this.stateMachineName = stateMachineName;
    this.definition = definition;
    this.roleArn = roleArn;
    this.express = express;
    this.input = input;
    this.startDate = startDate;
    this.versionArn = versionArn;
    this.aliasArn = aliasArn;
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public String stateMachineArn() {
    return stateMachineArn;
  }

  public String stateMachineName() {
    return stateMachineName;
  }

  public String definition() {
    return definition;
  }

  public String roleArn() {
    return roleArn;
  }

  public boolean express() {
    return express;
  }

  public String input() {
    return input;
  }

  public long startDate() {
    return startDate;
  }

  public String versionArn() {
    return versionArn;
  }

  public String aliasArn() {
    return aliasArn;
  }

  public History history() {
    return history;
  }

  public ExecutionStatus status() {
    return status;
  }

  public Long stopDate() {
    return stopDate;
  }

  public String output() {
    return output;
  }

  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }

  public CompletableFuture<Execution> completion() {
    return completion;
  }

  /** Called once when the execution ends (a parent's {@code .sync} task waits this way). */
  public void onEnd(Consumer<Execution> listener) {
    listeners.add(listener);
    if (status != ExecutionStatus.RUNNING) {
      listener.accept(this);
    }
  }

  public void stopper(Runnable stopper) {
    this.stopper = stopper;
  }

  public Runnable stopper() {
    return stopper;
  }

  /** Ends the execution once; false if it had already ended. */
  public synchronized boolean end(ExecutionStatus status, long stopDate, String output, String error, String cause) {
    if (this.status != ExecutionStatus.RUNNING) {
      return false;
    }
    this.output = output;
    this.error = error;
    this.cause = cause;
    this.stopDate = stopDate;
    this.status = status;
    completion.complete(this);
    listeners.forEach(l -> l.accept(this));
    return true;
  }

  /** A child execution of a Distributed Map names its Map Run. */
  public void mapRunArn(String arn) {
    this.mapRunArn = arn;
  }

  public String mapRunArn() {
    return mapRunArn;
  }

  public int redriveCount() {
    return redriveCount;
  }

  /** Redrive window: AWS redrives executions that ended at most 14 days ago. */
  public static final long REDRIVE_WINDOW_MILLIS = 14L * 24 * 3600 * 1000;

  /** Why the execution cannot be redriven at {@code now}, or null if it can. */
  public String notRedrivableReason(long now) {
    ExecutionStatus s = status;
    if (express) {
      return "Execution is EXPRESS and cannot be redriven";
    }
    if (s == ExecutionStatus.RUNNING || s == ExecutionStatus.SUCCEEDED) {
      return "Execution is " + s.name() + " and cannot be redriven";
    }
    Long stop = stopDate;
    if (stop != null && now - stop > REDRIVE_WINDOW_MILLIS) {
      return "Execution can only be redriven within 14 days of its end";
    }
    return null;
  }

  /**
   * RedriveExecution: the ended execution runs again (RUNNING, no stop date, output or error), its
   * redrive count one higher. False if it is not FAILED, TIMED_OUT or ABORTED.
   */
  public synchronized boolean redrive(long now) {
    if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
      return false;
    }
    output = null;
    error = null;
    cause = null;
    stopDate = null;
    redriveCount++;
    redriveDate = now;
    listeners.clear();
    completion = new CompletableFuture<>();
    status = ExecutionStatus.RUNNING;
    return true;
  }

  private void redriveFields(ObjectNode o, boolean withStatus, long now) {
    o.put("redriveCount", redriveCount);
    if (redriveDate != null) {
      o.put("redriveDate", redriveDate / 1000.0);
    }
    if (withStatus) {
      String reason = notRedrivableReason(now);
      o.put("redriveStatus", reason == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
      if (reason != null) {
        o.put("redriveStatusReason", reason);
      }
    }
  }

  /** The execution as DescribeExecution returns it at {@code now}. */
  public ObjectNode describe(long now) {
    ObjectNode o = describe();
    o.remove("redriveCount");
    redriveFields(o, true, now);
    return o;
  }

  /** The execution as DescribeExecution returns it. */
  public ObjectNode describe() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("executionArn", arn);
    o.put("stateMachineArn", stateMachineArn);
    o.put("name", name);
    o.put("status", status.name());
    o.put("startDate", startDate / 1000.0);
    if (stopDate != null) {
      o.put("stopDate", stopDate / 1000.0);
    }
    o.put("input", input);
    o.putObject("inputDetails").put("included", true);
    if (output != null) {
      o.put("output", output);
      o.putObject("outputDetails").put("included", true);
    }
    if (error != null) {
      o.put("error", error);
    }
    if (cause != null) {
      o.put("cause", cause);
    }
    if (versionArn != null) {
      o.put("stateMachineVersionArn", versionArn);
    }
    if (aliasArn != null) {
      o.put("stateMachineAliasArn", aliasArn);
    }
    if (mapRunArn != null) {
      o.put("mapRunArn", mapRunArn);
    }
    o.put("redriveCount", redriveCount);
    return o;
  }

  /** The execution as ListExecutions lists it. */
  public ObjectNode listItem() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("executionArn", arn);
    o.put("stateMachineArn", stateMachineArn);
    o.put("name", name);
    o.put("status", status.name());
    o.put("startDate", startDate / 1000.0);
    if (stopDate != null) {
      o.put("stopDate", stopDate / 1000.0);
    }
    if (versionArn != null) {
      o.put("stateMachineVersionArn", versionArn);
    }
    if (aliasArn != null) {
      o.put("stateMachineAliasArn", aliasArn);
    }
    redriveFields(o, false, 0);
    return o;
  }
}
