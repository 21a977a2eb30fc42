package dev.fogbank.stepfunctions.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.asl.state.Services;
import dev.fogbank.stepfunctions.asl.state.State;
import dev.fogbank.stepfunctions.asl.state.StateRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A state's visit within a {@link Flow}: the {@link StateRun} its state executes against. */
final class Visit implements StateRun {

  private final Flow flow;
  private final State state;
  private final JsonNode input;
  private final long enteredEventId;
  private final long enteredTime;
  private volatile ObjectNode context;
  private volatile String token;
  private volatile int retryCount;

  /** The flow this visit redrives (it ended in this state), or null. */
  private volatile Flow redriveSource;

  Visit(Flow flow, State state, JsonNode input, long enteredEventId, Flow redriveSource) {
    this.flow = flow;
    this.state = state;
    this.input = input;
    this.enteredEventId = enteredEventId;
    this.enteredTime = flow.execution.now();
    this.redriveSource = redriveSource;
  }

  @Override
  public JsonNode input() {
    return input;
  }

  @Override
  public ObjectNode context() {
    ObjectNode c = context;
    if (c == null) {
      c = flow.execution.contextBase();
      ObjectNode s = c.putObject("State");
      s.put("EnteredTime", Instant.ofEpochMilli(enteredTime).toString());
      s.put("Name", state.name());
      s.put("RetryCount", retryCount);
      if (token != null) {
        c.putObject("Task").put("Token", token);
      }
      context = c;
    }
    return c;
  }

  @Override
  public JsonNode variable(String name) {
    return flow.variables.get(name);
  }

  @Override
  public void taskToken(String token) {
    this.token = token;
    this.context = null;
  }

  @Override
  public void retryCount(int count) {
    this.retryCount = count;
    this.context = null;
  }

  @Override
  public Map<String, JsonNode> variables() {
    return flow.variables;
  }

  @Override
  public void assign(Map<String, JsonNode> values) {
    flow.variables.putAll(values);
  }

  @Override
  public long record(String type, String detailsKey, ObjectNode details) {
    return flow.record(type, detailsKey, details);
  }

  @Override
  public long enteredEventId() {
    return enteredEventId;
  }

  @Override
  public Cancel schedule(Duration delay, Runnable task) {
    return flow.execution.schedule(flow.execution.now() + delay.toMillis(), task);
  }

  @Override
  public Cancel scheduleAt(long when, Runnable task) {
    return flow.execution.schedule(when, task);
  }

  @Override
  public void async(Runnable work) {
    flow.execution.async(work);
  }

  @Override
  public long now() {
    return flow.execution.now();
  }

  @Override
  public boolean finished() {
    return flow.aborted();
  }

  @Override
  public Services services() {
    return flow.execution.services();
  }

  @Override
  public String region() {
    return flow.execution.region();
  }

  @Override
  public String account() {
    return flow.execution.account();
  }

  @Override
  public void runFlows(List<ChildFlow> flows, int maxConcurrency, int toleratedFailures, Consumer<FlowsResult> done) {
    // A redriven Parallel or inline Map runs again only the branches and iterations that did not succeed
    Flow source = redriveSource;
    redriveSource = null;
    ChildFlows children = new ChildFlows(flow, flows, maxConcurrency, toleratedFailures, done,
        source == null ? null : source.lastChildFlows);
    flow.lastChildFlows = children;
    children.start();
  }

  @Override
  public String redrivenMapRun() {
    Flow source = redriveSource;
    redriveSource = null;
    return source == null ? null : source.lastMapRun;
  }

  @Override
  public void mapRunStarted(String mapRunArn) {
    flow.lastMapRun = mapRunArn;
  }
}
