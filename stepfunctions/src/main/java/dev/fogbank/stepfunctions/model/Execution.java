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
  private final CompletableFuture<Execution> completion = new CompletableFuture<>();
  private final List<Consumer<Execution>> listeners = new CopyOnWriteArrayList<>();
  private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
  private volatile Long stopDate;
  private volatile String output;
  private volatile String error;
  private volatile String cause;
  private volatile Runnable stopper;

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
    o.put("redriveCount", 0);
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
    o.put("redriveCount", 0);
    return o;
  }
}
