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
import java.util.function.Predicate;

/** FilterLogEvents: the events of several streams of a group, in time order, that match a pattern. */
final class FilterOperations {

  private record Match(LogStream stream, LogEvent event) {}

  private final LogsEngine engine;

  FilterOperations(LogsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("FilterLogEvents", this::filterLogEvents);
  }

  private ObjectNode filterLogEvents(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.identifiedGroup(ctx, input);
    List<String> names = Inputs.strings(input, "logStreamNames");
    String prefix = Inputs.text(input, "logStreamNamePrefix");
    if (!names.isEmpty() && prefix != null) {
      throw LogsErrors.invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
    }
    Predicate<String> pattern = FilterPattern.compile(Inputs.text(input, "filterPattern"));
    Long startTime = Inputs.number(input, "startTime");
    Long endTime = Inputs.number(input, "endTime");
    Integer limit = Inputs.integer(input, "limit");
    int max = limit == null ? 10_000 : limit;
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
    if (!names.isEmpty()) {
      for (String name : names) {
        LogStream s = group.streams().get(name);
        if (s != null) {
          streams.add(s);
        }
      }
    } else {
      for (LogStream s : group.streams().values()) {
        if (prefix == null || s.name().startsWith(prefix)) {
          streams.add(s);
        }
      }
    }
    long oldest = group.oldestKept(engine.now());
    List<Match> matches = new ArrayList<>();
    for (LogStream s : streams) {
      for (LogEvent e : s.events(oldest)) {
        // FilterLogEvents: events before startTime and after endTime are not returned.
        if ((startTime == null || e.timestamp() >= startTime)
            && (endTime == null || e.timestamp() <= endTime)
            && pattern.test(e.message())) {
          matches.add(new Match(s, e));
        }
      }
    }
    matches.sort(Comparator.comparingLong((Match m) -> m.event().timestamp()).thenComparingLong(m -> m.event().sequence()));
    ObjectNode out = Json.object();
    ArrayNode events = out.putArray("events");
    int end = Math.min(matches.size(), from + max);
    for (int i = from; i < end; i++) {
      Match m = matches.get(i);
      events.addObject()
          .put("logStreamName", m.stream().name())
          .put("timestamp", m.event().timestamp())
          .put("message", m.event().message())
          .put("ingestionTime", m.event().ingestionTime())
          .put("eventId", m.event().eventId());
    }
    ArrayNode searched = out.putArray("searchedLogStreams");
    for (LogStream s : streams) {
      searched.addObject().put("logStreamName", s.name()).put("searchedCompletely", true);
    }
    if (end < matches.size()) {
      out.put("nextToken", Pages.token(Integer.toString(end)));
    }
    return out;
  }
}
