package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.cloudwatch.Inputs;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Log streams: create, delete and describe (by name or by last event time). */
final class StreamOperations {

  private final LogsEngine engine;

  StreamOperations(LogsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("CreateLogStream", this::createLogStream);
    map.put("DeleteLogStream", this::deleteLogStream);
    map.put("DescribeLogStreams", this::describeLogStreams);
  }

  private ObjectNode createLogStream(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.group(ctx, Inputs.text(input, "logGroupName"));
    String name = Inputs.text(input, "logStreamName");
    LogStream stream = new LogStream(name, engine.state(ctx).streamArn(group.name(), name), engine.now());
    if (group.streams().putIfAbsent(name, stream) != null) {
      throw LogsErrors.streamExists();
    }
    return null;
  }

  private ObjectNode deleteLogStream(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.group(ctx, Inputs.text(input, "logGroupName"));
    if (group.streams().remove(Inputs.text(input, "logStreamName")) == null) {
      throw LogsErrors.streamNotFound();
    }
    return null;
  }

  private ObjectNode describeLogStreams(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.identifiedGroup(ctx, input);
    String prefix = Inputs.text(input, "logStreamNamePrefix");
    boolean byTime = "LastEventTime".equals(Inputs.text(input, "orderBy"));
    if (byTime && prefix != null) {
      // DescribeLogStreams: "If you order the results by event time, you cannot specify the
      // logStreamNamePrefix parameter."
      throw LogsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    boolean descending = Inputs.flag(input, "descending", false);
    Integer limit = Inputs.integer(input, "limit");
    int max = limit == null ? 50 : limit;
    int from = 0;
    String token = Inputs.text(input, "nextToken");
    if (token != null) {
      try {
        from = Integer.parseInt(Pages.after(token));
      } catch (NumberFormatException e) {
        throw LogsErrors.invalidParameter("The specified nextToken is invalid.");
      }
    }
    List<LogStream> streams = new ArrayList<>();
    for (LogStream s : group.streams().values()) {
      if (prefix == null || s.name().startsWith(prefix)) {
        streams.add(s);
      }
    }
    if (byTime) {
      // Streams without events sort as if their last event time were their creation time.
      streams.sort(
          Comparator.comparingLong((LogStream s) -> s.lastEventTimestamp() != null ? s.lastEventTimestamp() : 0L)
              .thenComparing(LogStream::name));
    }
    if (descending) {
      streams = streams.reversed();
    }
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("logStreams");
    for (int i = from; i < streams.size(); i++) {
      if (list.size() == max) {
        out.put("nextToken", Pages.token(Integer.toString(i)));
        break;
      }
      list.add(describe(streams.get(i)));
    }
    return out;
  }

  private static ObjectNode describe(LogStream s) {
    ObjectNode node = Json.object();
    node.put("logStreamName", s.name());
    node.put("creationTime", s.creationTime());
    if (s.firstEventTimestamp() != null) {
      node.put("firstEventTimestamp", s.firstEventTimestamp());
      node.put("lastEventTimestamp", s.lastEventTimestamp());
      node.put("lastIngestionTime", s.lastIngestionTime());
    }
    node.put("uploadSequenceToken", s.uploadSequenceToken());
    node.put("arn", s.arn());
    // storedBytes: "As of June 17, 2019, this parameter is no longer supported for log streams,
    // and is always reported as zero" (LogStream shape).
    node.put("storedBytes", 0);
    return node;
  }
}
