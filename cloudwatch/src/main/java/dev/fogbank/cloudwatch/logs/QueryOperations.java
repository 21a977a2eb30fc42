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
import java.util.UUID;

/**
 * CloudWatch Logs Insights: StartQuery runs the query ({@link InsightsQuery}) over the named log
 * groups between startTime and endTime (epoch seconds) at once, so GetQueryResults answers
 * Complete; StopQuery of a finished query answers false; DescribeQueries lists them.
 */
final class QueryOperations {

  /** A query and what it found. */
  record Query(String id, String queryString, String logGroupName, long createTime, ArrayNode results, ObjectNode statistics) {}

  private final LogsEngine engine;

  QueryOperations(LogsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("StartQuery", this::startQuery);
    map.put("GetQueryResults", this::getQueryResults);
    map.put("StopQuery", this::stopQuery);
    map.put("DescribeQueries", this::describeQueries);
  }

  private ObjectNode startQuery(RequestContext ctx, ObjectNode input) {
    List<String> names = new ArrayList<>();
    if (Inputs.text(input, "logGroupName") != null) {
      names.add(Inputs.text(input, "logGroupName"));
    }
    names.addAll(Inputs.strings(input, "logGroupNames"));
    Inputs.strings(input, "logGroupIdentifiers").forEach(id -> names.add(LogsEngine.groupName(id)));
    if (names.isEmpty()) {
      throw LogsErrors.invalidParameter("Log group name or identifiers must be specified.");
    }
    long start = Inputs.number(input, "startTime") * 1000;
    long end = Inputs.number(input, "endTime") * 1000 + 999;
    if (end < start) {
      throw LogsErrors.invalidParameter("End time must be greater than or equal to start time.");
    }
    String queryString = Inputs.text(input, "queryString");
    InsightsQuery query = InsightsQuery.parse(queryString);
    long now = engine.now();
    List<InsightsQuery.Row> rows = new ArrayList<>();
    long bytes = 0;
    for (String name : names) {
      LogGroup group = engine.group(ctx, name);
      for (LogStream stream : group.streams().values()) {
        for (LogEvent e : stream.events(group.oldestKept(now))) {
          if (e.timestamp() >= start && e.timestamp() <= end) {
            rows.add(new InsightsQuery.Row(e, stream.name(), ctx.account() + ":" + group.name(), FilterPattern.parseJson(e.message())));
            bytes += e.size();
          }
        }
      }
    }
    List<Map<String, String>> found = query.run(rows);
    Integer limit = Inputs.integer(input, "limit");
    ArrayNode results = Json.NODES.arrayNode();
    for (Map<String, String> row : found) {
      if (limit != null && results.size() == limit) {
        break;
      }
      ArrayNode fields = results.addArray();
      row.forEach((field, value) -> fields.addObject().put("field", field).put("value", value));
    }
    ObjectNode statistics = Json.object()
        .put("recordsMatched", (double) query.matched())
        .put("recordsScanned", (double) rows.size())
        .put("bytesScanned", (double) bytes);
    String id = UUID.randomUUID().toString();
    engine.state(ctx).queries.put(id, new Query(id, queryString, names.get(0), now, results, statistics));
    return Json.object().put("queryId", id);
  }

  private Query query(RequestContext ctx, ObjectNode input) {
    Query q = engine.state(ctx).queries.get(Inputs.text(input, "queryId"));
    if (q == null) {
      throw LogsErrors.resourceNotFound("Query does not exist.");
    }
    return q;
  }

  private ObjectNode getQueryResults(RequestContext ctx, ObjectNode input) {
    Query q = query(ctx, input);
    ObjectNode out = Json.object();
    out.set("results", q.results().deepCopy());
    out.set("statistics", q.statistics().deepCopy());
    out.put("status", "Complete");
    return out;
  }

  /** Queries finish when they start, so there is never one to stop. */
  private ObjectNode stopQuery(RequestContext ctx, ObjectNode input) {
    query(ctx, input);
    return Json.object().put("success", false);
  }

  private ObjectNode describeQueries(RequestContext ctx, ObjectNode input) {
    String group = Inputs.text(input, "logGroupName");
    String status = Inputs.text(input, "status");
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("queries");
    for (Query q : engine.state(ctx).queries.values()) {
      if ((group == null || group.equals(q.logGroupName())) && (status == null || status.equals("Complete"))) {
        list.addObject().put("queryId", q.id()).put("queryString", q.queryString()).put("status", "Complete")
            .put("createTime", q.createTime()).put("logGroupName", q.logGroupName());
      }
    }
    return out;
  }
}
