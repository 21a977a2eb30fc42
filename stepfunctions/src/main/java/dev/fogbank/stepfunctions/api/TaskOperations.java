package dev.fogbank.stepfunctions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.stepfunctions.SfnEngine;
import dev.fogbank.stepfunctions.SfnErrors;
import dev.fogbank.stepfunctions.asl.state.Services;
import dev.fogbank.stepfunctions.integration.TaskTokens;
import dev.fogbank.stepfunctions.model.Activity;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Task tokens and activities: SendTaskSuccess/Failure/Heartbeat, Create/Describe/Delete/List
 * Activity and GetActivityTask (a 60-second long poll on the virtual clock).
 */
public final class TaskOperations {

  /** GetActivityTask waits up to 60 seconds for a task (API reference). */
  private static final Duration POLL = Duration.ofSeconds(60);

  private final SfnEngine engine;

  public TaskOperations(SfnEngine engine) {
    this.engine = engine;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("SendTaskSuccess", this::success);
    map.put("SendTaskFailure", this::failure);
    map.put("SendTaskHeartbeat", this::heartbeat);
    map.put("CreateActivity", this::createActivity);
    map.put("DescribeActivity", this::describeActivity);
    map.put("DeleteActivity", this::deleteActivity);
    map.put("ListActivities", this::listActivities);
    map.put("GetActivityTask", this::getActivityTask);
  }

  private Services.TokenListener listener(String token) {
    if (!TaskTokens.wellFormed(token)) {
      throw SfnErrors.invalidToken("Invalid token");
    }
    Services.TokenListener l = engine.tokens().get(token);
    if (l == null) {
      throw SfnErrors.taskTimedOut();
    }
    return l;
  }

  private JsonNode success(RequestContext ctx, ObjectNode in) {
    Services.TokenListener l = listener(in.path("taskToken").asText());
    JsonNode output;
    try {
      output = Json.MAPPER.readTree(in.path("output").asText());
    } catch (JsonProcessingException e) {
      throw SfnErrors.invalidOutput(e.getOriginalMessage());
    }
    l.success(output);
    return null;
  }

  private JsonNode failure(RequestContext ctx, ObjectNode in) {
    Services.TokenListener l = listener(in.path("taskToken").asText());
    l.failure(in.path("error").asText(null), in.path("cause").asText(null));
    return null;
  }

  private JsonNode heartbeat(RequestContext ctx, ObjectNode in) {
    listener(in.path("taskToken").asText()).heartbeat();
    return null;
  }

  private JsonNode createActivity(RequestContext ctx, ObjectNode in) {
    Activity a = engine.createActivity(ctx.account(), ctx.region(), in.path("name").asText());
    synchronized (a.tags()) {
      in.path("tags").forEach(t -> a.tags().put(t.path("key").asText(), t.path("value").asText()));
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("activityArn", a.arn());
    out.put("creationDate", a.creationDate() / 1000.0);
    return out;
  }

  private JsonNode describeActivity(RequestContext ctx, ObjectNode in) {
    Activity a = engine.activity(in.path("activityArn").asText());
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("activityArn", a.arn());
    out.put("name", a.name());
    out.put("creationDate", a.creationDate() / 1000.0);
    return out;
  }

  private JsonNode deleteActivity(RequestContext ctx, ObjectNode in) {
    engine.deleteActivity(in.path("activityArn").asText());
    return null;
  }

  private JsonNode listActivities(RequestContext ctx, ObjectNode in) {
    Pages.Page<Activity> page = Pages.page(engine.activities(ctx.account(), ctx.region()), in, "activities");
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("activities");
    for (Activity a : page.items()) {
      arr.addObject().put("activityArn", a.arn()).put("name", a.name()).put("creationDate", a.creationDate() / 1000.0);
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode getActivityTask(RequestContext ctx, ObjectNode in) {
    Activity a = engine.activity(in.path("activityArn").asText());
    CompletableFuture<Activity.Task> f = a.poll();
    Scheduler.Timer timer = engine.scheduler().schedule(POLL, () -> f.complete(null));
    Activity.Task task;
    try {
      task = f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task = null;
    } catch (ExecutionException e) {
      task = null;
    } finally {
      timer.cancel();
      a.forget(f);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (task != null) {
      Services.TokenListener l = engine.tokens().get(task.token());
      if (l != null) {
        l.started(in.path("workerName").asText(null));
      }
      out.put("taskToken", task.token());
      out.put("input", task.input());
    }
    return out;
  }
}
