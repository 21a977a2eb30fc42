package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.cloudwatch.Inputs;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Log groups: create, delete, describe, retention policies and tags. */
final class GroupOperations {

  /** The retention periods PutRetentionPolicy accepts (API reference, PutRetentionPolicy). */
  static final Set<Integer> RETENTION_DAYS =
      Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

  private static final String RETENTION_LIST =
      "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]";

  private final LogsEngine engine;

  GroupOperations(LogsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("CreateLogGroup", this::createLogGroup);
    map.put("DeleteLogGroup", this::deleteLogGroup);
    map.put("DescribeLogGroups", this::describeLogGroups);
    map.put("PutRetentionPolicy", this::putRetentionPolicy);
    map.put("DeleteRetentionPolicy", this::deleteRetentionPolicy);
    map.put("TagResource", this::tagResource);
    map.put("UntagResource", this::untagResource);
    map.put("ListTagsForResource", this::listTagsForResource);
    map.put("TagLogGroup", this::tagLogGroup);
    map.put("UntagLogGroup", this::untagLogGroup);
    map.put("ListTagsLogGroup", this::listTagsLogGroup);
  }

  private ObjectNode createLogGroup(RequestContext ctx, ObjectNode input) {
    LogsState state = engine.state(ctx);
    String name = Inputs.text(input, "logGroupName");
    String logGroupClass = Inputs.text(input, "logGroupClass");
    LogGroup group =
        new LogGroup(
            name,
            state.groupArn(name),
            engine.now(),
            Inputs.text(input, "kmsKeyId"),
            logGroupClass == null ? "STANDARD" : logGroupClass);
    group.tag(Inputs.stringMap(input, "tags"));
    if (state.groups.putIfAbsent(name, group) != null) {
      throw LogsErrors.groupExists();
    }
    return null;
  }

  private ObjectNode deleteLogGroup(RequestContext ctx, ObjectNode input) {
    if (engine.state(ctx).groups.remove(Inputs.text(input, "logGroupName")) == null) {
      throw LogsErrors.groupNotFound();
    }
    return null;
  }

  private ObjectNode describeLogGroups(RequestContext ctx, ObjectNode input) {
    String prefix = Inputs.text(input, "logGroupNamePrefix");
    String pattern = Inputs.text(input, "logGroupNamePattern");
    if (prefix != null && pattern != null) {
      throw LogsErrors.invalidParameter(
          "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    }
    String logGroupClass = Inputs.text(input, "logGroupClass");
    Integer limit = Inputs.integer(input, "limit");
    int max = limit == null ? 50 : limit;
    String after = Pages.after(Inputs.text(input, "nextToken"));
    long now = engine.now();
    ObjectNode out = Json.object();
    ArrayNode groups = out.putArray("logGroups");
    var view = after == null ? engine.state(ctx).groups : engine.state(ctx).groups.tailMap(after, false);
    String last = null;
    for (LogGroup g : view.values()) {
      if (prefix != null && !g.name().startsWith(prefix)) {
        continue;
      }
      // logGroupNamePattern matches a case-insensitive substring of the name (API reference).
      if (pattern != null
          && !g.name().toLowerCase(Locale.ROOT).contains(pattern.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (logGroupClass != null && !logGroupClass.equals(g.logGroupClass())) {
        continue;
      }
      if (groups.size() == max) {
        out.put("nextToken", Pages.token(last));
        break;
      }
      groups.add(describe(g, now));
      last = g.name();
    }
    return out;
  }

  static ObjectNode describe(LogGroup g, long now) {
    ObjectNode node = Json.object();
    node.put("logGroupName", g.name());
    node.put("creationTime", g.creationTime());
    if (g.retentionInDays() != null) {
      node.put("retentionInDays", g.retentionInDays());
    }
    node.put("metricFilterCount", g.metricFilters().size());
    node.put("arn", g.arn() + ":*");
    long bytes = 0;
    long oldest = g.oldestKept(now);
    for (LogStream s : g.streams().values()) {
      bytes += s.storedBytes(oldest);
    }
    node.put("storedBytes", bytes);
    if (g.kmsKeyId() != null) {
      node.put("kmsKeyId", g.kmsKeyId());
    }
    node.put("logGroupClass", g.logGroupClass());
    node.put("logGroupArn", g.arn());
    return node;
  }

  private ObjectNode putRetentionPolicy(RequestContext ctx, ObjectNode input) {
    LogGroup group = engine.group(ctx, Inputs.text(input, "logGroupName"));
    Integer days = Inputs.integer(input, "retentionInDays");
    if (!RETENTION_DAYS.contains(days)) {
      throw LogsErrors.invalidParameter(
          "1 validation error detected: Value '" + days + "' at 'retentionInDays' failed to satisfy constraint: "
              + "Member must satisfy enum value set: " + RETENTION_LIST);
    }
    group.retentionInDays(days);
    return null;
  }

  private ObjectNode deleteRetentionPolicy(RequestContext ctx, ObjectNode input) {
    engine.group(ctx, Inputs.text(input, "logGroupName")).retentionInDays(null);
    return null;
  }

  /** TagResource and its kin take the log group's ARN without {@code :*}. */
  private LogGroup byArn(RequestContext ctx, String arn) {
    if (!arn.startsWith("arn:") || !arn.contains(":log-group:")) {
      throw LogsErrors.invalidParameter("Invalid ARN: " + arn);
    }
    return engine.group(ctx, LogsEngine.groupName(arn));
  }

  private ObjectNode tagResource(RequestContext ctx, ObjectNode input) {
    byArn(ctx, Inputs.text(input, "resourceArn")).tag(Inputs.stringMap(input, "tags"));
    return null;
  }

  private ObjectNode untagResource(RequestContext ctx, ObjectNode input) {
    byArn(ctx, Inputs.text(input, "resourceArn")).untag(Inputs.strings(input, "tagKeys"));
    return null;
  }

  private ObjectNode listTagsForResource(RequestContext ctx, ObjectNode input) {
    return tags(byArn(ctx, Inputs.text(input, "resourceArn")));
  }

  private ObjectNode tagLogGroup(RequestContext ctx, ObjectNode input) {
    engine.group(ctx, Inputs.text(input, "logGroupName")).tag(Inputs.stringMap(input, "tags"));
    return null;
  }

  private ObjectNode untagLogGroup(RequestContext ctx, ObjectNode input) {
    engine.group(ctx, Inputs.text(input, "logGroupName")).untag(Inputs.strings(input, "tags"));
    return null;
  }

  private ObjectNode listTagsLogGroup(RequestContext ctx, ObjectNode input) {
    return tags(engine.group(ctx, Inputs.text(input, "logGroupName")));
  }

  private static ObjectNode tags(LogGroup group) {
    ObjectNode out = Json.object();
    ObjectNode tags = out.putObject("tags");
    group.tags().forEach(tags::put);
    return out;
  }
}
