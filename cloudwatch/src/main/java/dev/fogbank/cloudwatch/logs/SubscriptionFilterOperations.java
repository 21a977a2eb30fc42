package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.cloudwatch.Inputs;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscription filters (at most two per log group) and their delivery to Lambda: the function is
 * invoked asynchronously with {@code {"awslogs": {"data": <base64 of the gzipped message>}}}, the
 * message being a DATA_MESSAGE with the owner, group, stream, filter names and matching events
 * (User Guide, "Subscription filters with AWS Lambda").
 */
final class SubscriptionFilterOperations {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionFilterOperations.class);
  /** PutSubscriptionFilter: "There can be as many as two subscription filters associated with a log group." */
  private static final int LIMIT = 2;

  private final LogsEngine engine;

  SubscriptionFilterOperations(LogsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PutSubscriptionFilter", this::putSubscriptionFilter);
    map.put("DescribeSubscriptionFilters", this::describeSubscriptionFilters);
    map.put("DeleteSubscriptionFilter", this::deleteSubscriptionFilter);
  }

  private ObjectNode putSubscriptionFilter(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.group(ctx, Inputs.text(input, "logGroupName"));
    String pattern = Inputs.text(input, "filterPattern");
    Predicate<String> matcher;
    try {
      matcher = FilterPattern.compile(pattern);
    } catch (AwsException e) {
      throw LogsErrors.invalidParameter("Invalid subscription filter pattern");
    }
    String destination = Inputs.text(input, "destinationArn");
    String[] arn = destination.split(":");
    if (arn.length < 7 || !arn[2].equals("lambda") || engine.client() == null || !engine.client().has("lambda")) {
      throw LogsErrors.invalidParameter(
          "Could not deliver test message to specified destination. Check if the destination is valid.");
    }
    try {
      engine.client().call("lambda", "GetFunction", arn[4], arn[3], Json.object().put("FunctionName", destination));
    } catch (AwsException e) {
      throw LogsErrors.invalidParameter(
          "Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.");
    }
    String name = Inputs.text(input, "filterName");
    String distribution = Inputs.text(input, "distribution");
    synchronized (group) {
      if (!group.subscriptionFilters().containsKey(name) && group.subscriptionFilters().size() >= LIMIT) {
        throw new AwsException("LimitExceededException", "Resource limit exceeded.", 400);
      }
      group.subscriptionFilters().put(name, new SubscriptionFilter(name, pattern, matcher, destination,
          Inputs.text(input, "roleArn"), distribution == null ? "ByLogStream" : distribution, engine.now()));
    }
    return null;
  }

  private ObjectNode describeSubscriptionFilters(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.group(ctx, Inputs.text(input, "logGroupName"));
    String prefix = Inputs.text(input, "filterNamePrefix");
    ObjectNode out = Json.object();
    ArrayNode filters = out.putArray("subscriptionFilters");
    for (SubscriptionFilter f : group.subscriptionFilters().values()) {
      if (prefix == null || f.filterName().startsWith(prefix)) {
        filters.add(f.describe(group.name()));
      }
    }
    return out;
  }

  private ObjectNode deleteSubscriptionFilter(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.group(ctx, Inputs.text(input, "logGroupName"));
    if (group.subscriptionFilters().remove(Inputs.text(input, "filterName")) == null) {
      throw LogsErrors.resourceNotFound("The specified subscription filter does not exist.");
    }
    return null;
  }

  /** Delivers newly ingested events of a stream to each subscription whose pattern they match. */
  static void deliver(LogsEngine engine, RequestContext ctx, LogGroup group, LogStream stream, List<LogEvent> events) {
    for (SubscriptionFilter f : group.subscriptionFilters().values()) {
      List<LogEvent> matching = new ArrayList<>();
      for (LogEvent e : events) {
        if (f.matcher().test(e.message())) {
          matching.add(e);
        }
      }
      if (matching.isEmpty()) {
        continue;
      }
      ObjectNode message = Json.object();
      message.put("messageType", "DATA_MESSAGE");
      message.put("owner", ctx.account());
      message.put("logGroup", group.name());
      message.put("logStream", stream.name());
      message.putArray("subscriptionFilters").add(f.filterName());
      ArrayNode list = message.putArray("logEvents");
      for (LogEvent e : matching) {
        list.addObject().put("id", e.eventId()).put("timestamp", e.timestamp()).put("message", e.message());
      }
      ObjectNode payload = Json.object();
      payload.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(gzip(Json.bytes(message))));
      String[] arn = f.destinationArn().split(":");
      ObjectNode invoke = Json.object()
          .put("FunctionName", f.destinationArn())
          .put("InvocationType", "Event")
          .put("Payload", Base64.getEncoder().encodeToString(Json.bytes(payload)));
      try {
        engine.client().call("lambda", "Invoke", arn[4], arn[3], invoke);
      } catch (RuntimeException ex) {
        log.warn("subscription filter {} of {} could not deliver to {}: {}", f.filterName(), group.name(),
            f.destinationArn(), ex.getMessage());
      }
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
