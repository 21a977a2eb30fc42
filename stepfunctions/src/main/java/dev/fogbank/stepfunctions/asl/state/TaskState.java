package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.Jsonata;
import dev.fogbank.stepfunctions.asl.QueryLanguage;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.path.Paths;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Task: calls its Resource with its Parameters (Arguments) and records TaskScheduled, TaskStarted,
 * TaskSubmitted (for {@code .sync} and {@code .waitForTaskToken}) and TaskSucceeded / TaskFailed /
 * TaskTimedOut; a Lambda function ARN records the LambdaFunction… events, an activity the Activity…
 * events. TimeoutSeconds and HeartbeatSeconds run on the virtual clock.
 */
public final class TaskState extends RetryingState {

  private final TaskResource resource;

  public TaskState(String name, ObjectNode json, QueryLanguage inherited) {
    super(name, json, inherited);
    this.resource = TaskResource.parse(text(json, "Resource"));
  }

  @Override
  public String type() {
    return "Task";
  }

  public TaskResource resource() {
    return resource;
  }

  @Override
  protected void attempt(StateRun run, Consumer<StateResult> done) {
    guarded(done, () -> start(run, done));
  }

  private void start(StateRun run, Consumer<StateResult> done) {
    JsonNode effective = effectiveInput(run);
    Attempt a = new Attempt(run, done);
    boolean tokenized = resource.pattern() == TaskResource.Pattern.WAIT_FOR_TASK_TOKEN
        || resource.kind() == TaskResource.Kind.ACTIVITY;
    if (tokenized) {
      a.token = run.services().newToken(a);
      run.taskToken(a.token);
    }
    JsonNode parameters = payload(run, effective, "Parameters");
    Long timeout = seconds(run, effective, "TimeoutSeconds");
    Long heartbeat = seconds(run, effective, "HeartbeatSeconds");
    a.scheduled(parameters, timeout, heartbeat);
    if (timeout != null) {
      run.schedule(Duration.ofSeconds(timeout), () -> a.fail(new StatesError(ErrorNames.TIMEOUT, null), true));
    }
    if (heartbeat != null) {
      a.heartbeatSeconds = heartbeat;
      a.armHeartbeat();
    }
    if (resource.kind() == TaskResource.Kind.ACTIVITY) {
      run.services().call(resource, parameters, run);
      return;
    }
    a.started();
    run.async(() -> {
      JsonNode result;
      try {
        result = run.services().call(resource, parameters, run);
      } catch (StatesError e) {
        a.fail(e, false);
        return;
      } catch (RuntimeException e) {
        a.fail(new StatesError(ErrorNames.TASK_FAILED, String.valueOf(e.getMessage())), false);
        return;
      }
      switch (resource.pattern()) {
        case REQUEST_RESPONSE -> a.succeed(result);
        case WAIT_FOR_TASK_TOKEN -> a.submitted(result);
        case SYNC, SYNC2 -> {
          a.submitted(result);
          run.services().awaitJob(resource, result, run, outcome -> {
            if (outcome instanceof StatesError e) {
              a.fail(e, false);
            } else {
              a.succeed((JsonNode) outcome);
            }
          });
        }
      }
    });
  }

  private Long seconds(StateRun run, JsonNode effective, String field) {
    JsonNode v = json.get(field);
    if (v != null && jsonata() && Jsonata.isExpression(v)) {
      v = Jsonata.expression(v.asText(), bindings(run, null, null));
    }
    if (v == null && json.has(field + "Path")) {
      String p = json.get(field + "Path").asText();
      v = Paths.read(p, scope(run, effective)).orElseThrow(() ->
          StatesError.runtime("Invalid path '" + p + "' : No results for path: " + p));
    }
    if (v == null) {
      return null;
    }
    if (!v.isNumber() || v.asLong() <= 0) {
      throw StatesError.runtime("The value of " + field + " must be a positive integer, but was " + v);
    }
    return v.asLong();
  }

  /** One attempt: its events, its timers, and the single completion. */
  private final class Attempt implements Services.TokenListener {
    private final StateRun run;
    private final Consumer<StateResult> done;
    private final AtomicBoolean completed = new AtomicBoolean();
    private final boolean lambda = resource.kind() == TaskResource.Kind.LAMBDA_FUNCTION;
    private final boolean activity = resource.kind() == TaskResource.Kind.ACTIVITY;
    String token;
    long heartbeatSeconds;
    /** Whether the submit step has answered; a worker's report that comes sooner waits for it. */
    private boolean submitted = resource.pattern() != TaskResource.Pattern.WAIT_FOR_TASK_TOKEN || activity;
    private Runnable early;
    volatile StateRun.Cancel heartbeatTimer;

    Attempt(StateRun run, Consumer<StateResult> done) {
      this.run = run;
      this.done = done;
    }

    private ObjectNode details() {
      ObjectNode d = Json.MAPPER.createObjectNode();
      d.put("resourceType", resource.resourceType());
      d.put("resource", resource.resourceName());
      return d;
    }

    void scheduled(JsonNode parameters, Long timeout, Long heartbeat) {
      if (lambda || activity) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("resource", resource.arn());
        d.put("input", parameters.toString());
        d.putObject("inputDetails").put("truncated", false);
        if (timeout != null) {
          d.put("timeoutInSeconds", timeout);
        }
        if (activity && heartbeat != null) {
          d.put("heartbeatInSeconds", heartbeat);
        }
        run.record(lambda ? "LambdaFunctionScheduled" : "ActivityScheduled",
            lambda ? "lambdaFunctionScheduledEventDetails" : "activityScheduledEventDetails", d);
        return;
      }
      ObjectNode d = details();
      d.put("region", resource.region() != null ? resource.region() : run.region());
      d.put("parameters", parameters.toString());
      if (timeout != null) {
        d.put("timeoutInSeconds", timeout);
      }
      if (heartbeat != null) {
        d.put("heartbeatInSeconds", heartbeat);
      }
      run.record("TaskScheduled", "taskScheduledEventDetails", d);
    }

    void started() {
      if (lambda) {
        run.record("LambdaFunctionStarted", null, null);
      } else {
        run.record("TaskStarted", "taskStartedEventDetails", details());
      }
    }

    @Override
    public void started(String workerName) {
      ObjectNode d = Json.MAPPER.createObjectNode();
      if (workerName != null) {
        d.put("workerName", workerName);
      }
      run.record("ActivityStarted", "activityStartedEventDetails", d);
    }

    void submitted(JsonNode output) {
      Runnable report;
      synchronized (this) {
        if (completed.get()) {
          return;
        }
        ObjectNode d = details();
        d.put("output", output.toString());
        d.putObject("outputDetails").put("truncated", false);
        run.record("TaskSubmitted", "taskSubmittedEventDetails", d);
        submitted = true;
        report = early;
        early = null;
      }
      if (report != null) {
        report.run();
      }
    }

    /**
     * A worker may report before the submit step answered (a function that calls SendTaskSuccess
     * while it is invoked); its report then follows TaskSubmitted, in the order AWS records them.
     */
    private synchronized boolean deferred(Runnable report) {
      if (submitted) {
        return false;
      }
      early = report;
      return true;
    }

    void armHeartbeat() {
      StateRun.Cancel previous = heartbeatTimer;
      if (previous != null) {
        previous.cancel();
      }
      heartbeatTimer = run.schedule(Duration.ofSeconds(heartbeatSeconds),
          () -> fail(new StatesError(ErrorNames.HEARTBEAT_TIMEOUT, null), true));
    }

    @Override
    public void success(JsonNode output) {
      if (!deferred(() -> succeed(output))) {
        succeed(output);
      }
    }

    @Override
    public void failure(String error, String cause) {
      if (!deferred(() -> fail(new StatesError(error, cause), false))) {
        fail(new StatesError(error, cause), false);
      }
    }

    @Override
    public void heartbeat() {
      if (!completed.get() && heartbeatSeconds > 0) {
        armHeartbeat();
      }
    }

    private boolean complete() {
      if (!completed.compareAndSet(false, true) || run.finished()) {
        return false;
      }
      if (heartbeatTimer != null) {
        heartbeatTimer.cancel();
      }
      if (token != null) {
        run.services().dropToken(token);
      }
      return true;
    }

    void succeed(JsonNode result) {
      if (!complete()) {
        return;
      }
      ObjectNode d;
      if (lambda || activity) {
        d = Json.MAPPER.createObjectNode();
        d.put("output", result.toString());
        d.putObject("outputDetails").put("truncated", false);
        run.record(lambda ? "LambdaFunctionSucceeded" : "ActivitySucceeded",
            lambda ? "lambdaFunctionSucceededEventDetails" : "activitySucceededEventDetails", d);
      } else {
        d = details();
        d.put("output", result.toString());
        d.putObject("outputDetails").put("truncated", false);
        run.record("TaskSucceeded", "taskSucceededEventDetails", d);
      }
      guarded(done, () -> done.accept(transition(finish(run, result))));
    }

    void fail(StatesError e, boolean timedOut) {
      if (!complete()) {
        return;
      }
      ObjectNode d = lambda || activity ? Json.MAPPER.createObjectNode() : details();
      if (e.error() != null) {
        d.put("error", e.error());
      }
      if (e.cause() != null) {
        d.put("cause", e.cause());
      }
      String prefix = lambda ? "LambdaFunction" : activity ? "Activity" : "Task";
      String kind = timedOut ? "TimedOut" : "Failed";
      String key = (lambda ? "lambdaFunction" : activity ? "activity" : "task") + kind + "EventDetails";
      run.record(prefix + kind, key, d);
      done.accept(new StateResult.Failed(e));
    }
  }
}
