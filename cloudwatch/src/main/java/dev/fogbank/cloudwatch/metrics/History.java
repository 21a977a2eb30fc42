package dev.fogbank.cloudwatch.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alarm history: configuration updates, state updates and actions, as DescribeAlarmHistory
 * returns them (newest first unless ScanBy is TimestampAscending).
 */
final class History {

  private final MetricsEngine engine;

  History(MetricsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("DescribeAlarmHistory", this::describeAlarmHistory);
  }

  static ObjectNode item(String alarm, long millis, String type, String summary, String data) {
    ObjectNode item = Json.object();
    item.put("AlarmName", alarm);
    item.put("AlarmType", "MetricAlarm");
    item.put("Timestamp", millis / 1000.0);
    item.put("HistoryItemType", type);
    item.put("HistorySummary", summary);
    if (data != null) {
      item.put("HistoryData", data);
    }
    return item;
  }

  private ObjectNode describeAlarmHistory(RequestContext ctx, ObjectNode input) {
    String name = input.path("AlarmName").asText(null);
    String type = input.path("HistoryItemType").asText(null);
    Long start = input.has("StartDate") ? MetricsEngine.millis(input.get("StartDate")) : null;
    Long end = input.has("EndDate") ? MetricsEngine.millis(input.get("EndDate")) : null;
    int max = input.path("MaxRecords").asInt(100);
    int from = 0;
    if (input.has("NextToken")) {
      try {
        from = Integer.parseInt(input.get("NextToken").asText());
      } catch (NumberFormatException e) {
        throw MetricsErrors.invalidNextToken();
      }
    }
    List<ObjectNode> items = new ArrayList<>();
    for (ObjectNode item : engine.state(ctx).history()) {
      long at = Math.round(item.get("Timestamp").asDouble() * 1000);
      if ((name == null || name.equals(item.get("AlarmName").asText()))
          && (type == null || type.equals(item.get("HistoryItemType").asText()))
          && (start == null || at >= start)
          && (end == null || at <= end)) {
        items.add(item);
      }
    }
    if (!"TimestampAscending".equals(input.path("ScanBy").asText(null))) {
      items = items.reversed();
    }
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("AlarmHistoryItems");
    int to = Math.min(items.size(), from + max);
    for (int i = from; i < to; i++) {
      list.add(items.get(i).deepCopy());
    }
    if (to < items.size()) {
      out.put("NextToken", Integer.toString(to));
    }
    return out;
  }
}
