package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.cloudwatch.Inputs;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** PutLogEvents and GetLogEvents. */
final class EventOperations {

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  /** PutLogEvents quotas: a batch is at most 1,048,576 bytes, counting 26 bytes per event. */
  static final int MAX_BATCH_BYTES = 1_048_576;
  /** GetLogEvents returns "up to 1 MB (up to 10,000 log events)". */
  private static final int MAX_RESPONSE_BYTES = 1_048_576;

  private final LogsEngine engine;

  EventOperations(LogsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("PutLogEvents", this::putLogEvents);
    map.put("GetLogEvents", this::getLogEvents);
  }

  /**
   * The rules of PutLogEvents: events in chronological order, spanning at most 24 hours, at most
   * 1 MB. Events more than 2 hours in the future, older than 14 days or older than the group's
   * retention are skipped and reported in rejectedLogEventsInfo; the sequence token is accepted
   * and ignored, as CloudWatch Logs has done since January 2023.
   */
  private ObjectNode putLogEvents(RequestContext ctx, ObjectNode input) {
    LogsState state = engine.state(ctx);
    LogGroup group = engine.group(ctx, Inputs.text(input, "logGroupName"));
    LogStream stream = engine.stream(group, Inputs.text(input, "logStreamName"));
    JsonNode events = input.get("logEvents");
    long bytes = 0;
    long previous = Long.MIN_VALUE;
    long first = 0;
    for (JsonNode e : events) {
      long ts = e.path("timestamp").asLong();
      if (ts < previous) {
        throw LogsErrors.invalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
      }
      if (previous == Long.MIN_VALUE) {
        first = ts;
      }
      previous = ts;
      bytes += e.path("message").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + LogEvent.OVERHEAD;
    }
    if (previous - first > DAY) {
      throw LogsErrors.invalidParameter(
          "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
    }
    if (bytes > MAX_BATCH_BYTES) {
      throw LogsErrors.invalidParameter("Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
    }
    long now = engine.now();
    long newest = now + 2 * HOUR;
    long tooOld = now - 14 * DAY;
    long expired = group.oldestKept(now);
    Integer tooNewStart = null;
    int tooOldEnd = 0;
    int expiredEnd = 0;
    List<LogEvent> accepted = new ArrayList<>();
    int index = 0;
    for (JsonNode e : events) {
      long ts = e.path("timestamp").asLong();
      if (ts > newest) {
        if (tooNewStart == null) {
          tooNewStart = index;
        }
      } else if (ts < expired) {
        expiredEnd = index + 1;
      } else if (ts < tooOld) {
        tooOldEnd = index + 1;
      } else {
        accepted.add(new LogEvent(ts, e.path("message").asText(), now, state.sequence.incrementAndGet()));
      }
      index++;
    }
    stream.append(accepted, now);
    MetricFilterOperations.publish(engine, ctx, group, accepted);
    SubscriptionFilterOperations.deliver(engine, ctx, group, stream, accepted);
    ObjectNode out = Json.object();
    out.put("nextSequenceToken", stream.uploadSequenceToken());
    if (tooNewStart != null || tooOldEnd > 0 || expiredEnd > 0) {
      ObjectNode rejected = out.putObject("rejectedLogEventsInfo");
      if (tooNewStart != null) {
        rejected.put("tooNewLogEventStartIndex", tooNewStart);
      }
      if (tooOldEnd > 0) {
        rejected.put("tooOldLogEventEndIndex", tooOldEnd);
      }
      if (expiredEnd > 0) {
        rejected.put("expiredLogEventEndIndex", expiredEnd);
      }
    }
    return out;
  }

  /**
   * GetLogEvents pages through a stream in either direction. Tokens name a position between two
   * events: {@code f/<n>} reads forward from event n, {@code b/<n>} backward from event n - 1.
   * Without a token the read starts at the head ({@code startFromHead}) or, by default, ends at
   * the tail. When a direction has nothing more, its token comes back unchanged, which is how
   * clients know they reached the end (API reference, GetLogEvents).
   */
  private ObjectNode getLogEvents(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.identifiedGroup(ctx, input);
    LogStream stream = engine.stream(group, Inputs.text(input, "logStreamName"));
    List<LogEvent> all = stream.events(group.oldestKept(engine.now()));
    Long startTime = Inputs.number(input, "startTime");
    Long endTime = Inputs.number(input, "endTime");
    Integer limit = Inputs.integer(input, "limit");
    int max = limit == null ? 10_000 : limit;
    String token = Inputs.text(input, "nextToken");
    boolean forward;
    int position;
    if (token == null) {
      forward = Inputs.flag(input, "startFromHead", false);
      position = forward ? 0 : all.size();
    } else {
      forward = token.startsWith("f/");
      if (!forward && !token.startsWith("b/")) {
        throw LogsErrors.invalidParameter("The specified nextToken is invalid.");
      }
      try {
        position = Math.min(Integer.parseInt(token.substring(2).replaceFirst("^0+(?=.)", "")), all.size());
      } catch (NumberFormatException e) {
        throw LogsErrors.invalidParameter("The specified nextToken is invalid.");
      }
    }
    List<Integer> picked = new ArrayList<>();
    int bytes = 0;
    int i = forward ? position : position - 1;
    while (i >= 0 && i < all.size() && picked.size() < max) {
      LogEvent e = all.get(i);
      if ((startTime == null || e.timestamp() >= startTime) && (endTime == null || e.timestamp() < endTime)) {
        if (bytes + e.size() > MAX_RESPONSE_BYTES) {
          break;
        }
        bytes += e.size();
        picked.add(i);
      }
      i += forward ? 1 : -1;
    }
    if (!forward) {
      picked = picked.reversed();
    }
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("events");
    for (int at : picked) {
      LogEvent e = all.get(at);
      list.addObject().put("timestamp", e.timestamp()).put("message", e.message()).put("ingestionTime", e.ingestionTime());
    }
    if (picked.isEmpty()) {
      out.put("nextForwardToken", forward && token != null ? token : token("f", position));
      out.put("nextBackwardToken", !forward && token != null ? token : token("b", position));
    } else {
      out.put("nextForwardToken", token("f", picked.getLast() + 1));
      out.put("nextBackwardToken", token("b", picked.getFirst()));
    }
    return out;
  }

  /** Tokens look like CloudWatch Logs' own: a direction and 56 decimal digits. */
  private static String token(String direction, int position) {
    return direction + "/" + String.format("%056d", position);
  }
}
