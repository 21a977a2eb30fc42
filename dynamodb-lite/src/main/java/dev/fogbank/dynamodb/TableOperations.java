package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.table.IndexDefinition;
import dev.fogbank.dynamodb.table.KeySchema;
import dev.fogbank.dynamodb.table.Table;
import dev.fogbank.dynamodb.table.Tables;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The control plane: CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables, tags,
 * DescribeLimits and DescribeEndpoints. Tables become ACTIVE at once; CreateTable and DeleteTable
 * answer CREATING and DELETING as DynamoDB does, so that waiters behave as against AWS.
 */
final class TableOperations {

  private static final String INVALID = "One or more parameter values were invalid: ";

  /** DynamoDB's stream labels are the creation time, ISO-8601 to the millisecond. */
  private static final DateTimeFormatter STREAM_LABEL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final DynamoDbEngine engine;

  TableOperations(DynamoDbEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateTable", this::createTable);
    handlers.put("DescribeTable", this::describeTable);
    handlers.put("UpdateTable", this::updateTable);
    handlers.put("DeleteTable", this::deleteTable);
    handlers.put("ListTables", this::listTables);
    handlers.put("TagResource", this::tagResource);
    handlers.put("UntagResource", this::untagResource);
    handlers.put("ListTagsOfResource", this::listTagsOfResource);
    handlers.put("DescribeLimits", this::describeLimits);
    handlers.put("DescribeEndpoints", this::describeEndpoints);
    handlers.put("UpdateTimeToLive", engine.timeToLive::update);
    handlers.put("DescribeTimeToLive", engine.timeToLive::describe);
  }

  private JsonNode createTable(RequestContext ctx, ObjectNode input) {
    unsupported(input, "ResourcePolicy");
    String name = input.get("TableName").asText();
    Object[] billing = TableSpecs.billing(input, "PROVISIONED");
    String mode = (String) billing[0];
    Map<String, String> defs = TableSpecs.attributeDefinitions(input);
    KeySchema key = TableSpecs.keySchema(input.get("KeySchema"), defs);
    List<IndexDefinition> indexes = TableSpecs.indexes(input, key, defs, mode);
    TableSpecs.allDefinitionsUsed(defs, key, indexes);
    JsonNode stream = input.get("StreamSpecification");
    String viewType = streamViewType(stream);
    Tables tables = engine.tables(ctx);
    String arn = "arn:aws:dynamodb:" + ctx.region() + ":" + ctx.account() + ":table/" + name;
    long now = engine.clock.millis();
    Table table =
        new Table(name, arn, UUID.randomUUID().toString(), now / 1000.0, key, defs, mode, (Long) billing[1], (Long) billing[2]);
    indexes.forEach(table::addIndex);
    if (viewType != null) {
      table.stream(viewType, STREAM_LABEL.format(engine.clock.now()));
    }
    for (JsonNode tag : input.path("Tags")) {
      table.tags().put(tag.path("Key").asText(), tag.path("Value").asText());
    }
    table.deletionProtection(input.path("DeletionProtectionEnabled").asBoolean(false));
    table.sseDescription(sse(ctx, input.get("SSESpecification")));
    if (input.hasNonNull("TableClass")) {
      table.tableClass(input.get("TableClass").asText());
    }
    if (tables.byName.putIfAbsent(name, table) != null) {
      throw DynamoDbErrors.resourceInUse("Table already exists: " + name);
    }
    if (viewType != null) {
      engine.streams.created(table);
    }
    ObjectNode description = table.description();
    description.put("TableStatus", "CREATING");
    return Json.object().set("TableDescription", description);
  }

  /**
   * SSESpecification: tables are always encrypted at rest; {@code Enabled: true} asks for a KMS
   * key (the AWS managed {@code alias/aws/dynamodb} unless one is named), which DescribeTable then
   * reports in SSEDescription.
   */
  static com.fasterxml.jackson.databind.node.ObjectNode sse(RequestContext ctx, JsonNode spec) {
    if (spec == null || spec.isNull() || !spec.path("Enabled").asBoolean(false)) {
      return null;
    }
    String key = spec.path("KMSMasterKeyId").asText(null);
    String keyArn =
        key == null
            ? "arn:aws:kms:" + ctx.region() + ":" + ctx.account() + ":alias/aws/dynamodb"
            : key.startsWith("arn:") ? key : "arn:aws:kms:" + ctx.region() + ":" + ctx.account() + ":key/" + key;
    return Json.object().put("Status", "ENABLED").put("SSEType", "KMS").put("KMSMasterKeyArn", keyArn);
  }

  /** Features Fogbank does not emulate are refused rather than accepted and ignored. */
  private static void unsupported(JsonNode input, String parameter) {
    if (input.hasNonNull(parameter)) {
      throw DynamoDbErrors.validation("The parameter " + parameter + " is not supported by Fogbank");
    }
  }

  private static String streamViewType(JsonNode stream) {
    if (stream == null || stream.isNull()) {
      return null;
    }
    boolean enabled = stream.path("StreamEnabled").asBoolean(false);
    String viewType = stream.path("StreamViewType").asText(null);
    if (enabled && viewType == null) {
      throw DynamoDbErrors.validation(
          INVALID + "You must specify a StreamViewType when enabling a stream");
    }
    if (!enabled && viewType != null) {
      throw DynamoDbErrors.validation(
          INVALID + "StreamViewType can only be specified when StreamEnabled is true");
    }
    return enabled ? viewType : null;
  }

  /** The table a control-plane request names; ResourceNotFoundException naming it otherwise. */
  private Table named(RequestContext ctx, ObjectNode input) {
    String name = DynamoDbEngine.tableName(input.get("TableName").asText());
    Table table = engine.tables(ctx).byName.get(name);
    if (table == null) {
      throw DynamoDbErrors.tableNotFound(name);
    }
    return table;
  }

  private JsonNode describeTable(RequestContext ctx, ObjectNode input) {
    Table table = named(ctx, input);
    table.lock.lock();
    try {
      return Json.object().set("Table", table.description());
    } finally {
      table.lock.unlock();
    }
  }

  private JsonNode updateTable(RequestContext ctx, ObjectNode input) {
    unsupported(input, "ReplicaUpdates");
    Table table = named(ctx, input);
    boolean any = false;
    table.lock.lock();
    try {
      if (input.hasNonNull("BillingMode") || input.hasNonNull("ProvisionedThroughput")) {
        Object[] billing = TableSpecs.billing(input, table.billingMode());
        table.billing((String) billing[0], (Long) billing[1], (Long) billing[2]);
        any = true;
      }
      if (input.hasNonNull("DeletionProtectionEnabled")) {
        table.deletionProtection(input.get("DeletionProtectionEnabled").asBoolean());
        any = true;
      }
      if (input.hasNonNull("TableClass")) {
        table.tableClass(input.get("TableClass").asText());
        any = true;
      }
      if (input.hasNonNull("SSESpecification")) {
        table.sseDescription(sse(ctx, input.get("SSESpecification")));
        any = true;
      }
      if (input.hasNonNull("StreamSpecification")) {
        String viewType = streamViewType(input.get("StreamSpecification"));
        if (viewType != null && table.streamViewType() != null) {
          throw DynamoDbErrors.validation("Table already has an enabled stream: TableName: " + table.name());
        }
        if (viewType == null && table.streamViewType() == null) {
          throw DynamoDbErrors.validation("Table already has no stream enabled: TableName: " + table.name());
        }
        table.stream(viewType, STREAM_LABEL.format(engine.clock.now()));
        if (viewType != null) {
          engine.streams.created(table);
        } else {
          engine.streams.disabled(table);
        }
        any = true;
      }
      JsonNode updates = input.get("GlobalSecondaryIndexUpdates");
      if (updates != null && !updates.isNull()) {
        Map<String, String> defs = new java.util.LinkedHashMap<>(table.attributeDefinitions());
        defs.putAll(TableSpecs.attributeDefinitions(input));
        for (JsonNode u : updates) {
          if (u.hasNonNull("Create")) {
            IndexDefinition index = TableSpecs.index(u.get("Create"), true, defs, table.billingMode());
            if (table.index(index.name()) != null) {
              throw DynamoDbErrors.validation(
                  INVALID + "Attempting to create an index which already exists");
            }
            if (table.indexes().values().stream().filter(IndexDefinition::global).count() >= TableSpecs.MAX_GSIS) {
              throw DynamoDbErrors.limitExceeded(
                  "Subscriber limit exceeded: The number of global secondary indexes per table is limited to "
                      + TableSpecs.MAX_GSIS);
            }
            index.key().names().forEach(n -> table.attributeDefinitions().put(n, defs.get(n)));
            table.addIndex(index);
          } else if (u.hasNonNull("Delete")) {
            String indexName = u.get("Delete").path("IndexName").asText();
            IndexDefinition index = table.index(indexName);
            if (index == null || !index.global()) {
              throw DynamoDbErrors.resourceNotFound("Requested resource not found: Index: " + indexName + " not found");
            }
            table.removeIndex(indexName);
          } else if (u.hasNonNull("Update")) {
            String indexName = u.get("Update").path("IndexName").asText();
            IndexDefinition index = table.index(indexName);
            if (index == null || !index.global()) {
              throw DynamoDbErrors.resourceNotFound("Requested resource not found: Index: " + indexName + " not found");
            }
            JsonNode pt = u.get("Update").path("ProvisionedThroughput");
            table.removeIndex(indexName);
            table.addIndex(
                new IndexDefinition(
                    index.name(),
                    true,
                    index.key(),
                    index.projectionType(),
                    index.nonKeyAttributes(),
                    pt.path("ReadCapacityUnits").asLong(index.readCapacityUnits()),
                    pt.path("WriteCapacityUnits").asLong(index.writeCapacityUnits())));
          }
          any = true;
        }
      }
      if (!any) {
        throw DynamoDbErrors.validation(
            "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
      }
      return Json.object().set("TableDescription", table.description());
    } finally {
      table.lock.unlock();
    }
  }

  private JsonNode deleteTable(RequestContext ctx, ObjectNode input) {
    Table table = named(ctx, input);
    table.lock.lock();
    try {
      if (table.deletionProtection()) {
        throw DynamoDbErrors.validation(
            "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
      }
      if (!engine.tables(ctx).byName.remove(table.name(), table)) {
        throw DynamoDbErrors.tableNotFound(table.name());
      }
      table.status("DELETING");
      ObjectNode description = table.description();
      engine.streams.disabled(table);
      return Json.object().set("TableDescription", description);
    } finally {
      table.lock.unlock();
    }
  }

  private JsonNode listTables(RequestContext ctx, ObjectNode input) {
    int limit = input.path("Limit").asInt(100);
    String start = input.path("ExclusiveStartTableName").asText(null);
    var names = start == null ? engine.tables(ctx).byName.keySet() : engine.tables(ctx).byName.tailMap(start, false).keySet();
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("TableNames");
    String last = null;
    for (String name : names) {
      if (list.size() == limit) {
        out.put("LastEvaluatedTableName", last);
        break;
      }
      list.add(name);
      last = name;
    }
    return out;
  }

  /** The table an ARN names, in the caller's account and region. */
  private Table byArn(RequestContext ctx, String arn) {
    String prefix = "arn:aws:dynamodb:" + ctx.region() + ":" + ctx.account() + ":table/";
    if (arn == null || !arn.startsWith("arn:")) {
      throw DynamoDbErrors.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    }
    Table table = arn.startsWith(prefix) ? engine.tables(ctx).byName.get(arn.substring(prefix.length())) : null;
    if (table == null) {
      throw DynamoDbErrors.resourceNotFound("Requested resource not found: ResourceArn: " + arn + " not found");
    }
    return table;
  }

  private JsonNode tagResource(RequestContext ctx, ObjectNode input) {
    Table table = byArn(ctx, input.path("ResourceArn").asText(null));
    table.lock.lock();
    try {
      for (JsonNode tag : input.path("Tags")) {
        table.tags().put(tag.path("Key").asText(), tag.path("Value").asText());
      }
      if (table.tags().size() > 50) {
        throw DynamoDbErrors.limitExceeded("The number of tags on a resource may not exceed 50");
      }
    } finally {
      table.lock.unlock();
    }
    return Json.object();
  }

  private JsonNode untagResource(RequestContext ctx, ObjectNode input) {
    Table table = byArn(ctx, input.path("ResourceArn").asText(null));
    table.lock.lock();
    try {
      input.path("TagKeys").forEach(k -> table.tags().remove(k.asText()));
    } finally {
      table.lock.unlock();
    }
    return Json.object();
  }

  private JsonNode listTagsOfResource(RequestContext ctx, ObjectNode input) {
    Table table = byArn(ctx, input.path("ResourceArn").asText(null));
    ObjectNode out = Json.object();
    ArrayNode tags = out.putArray("Tags");
    table.lock.lock();
    try {
      table.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
    } finally {
      table.lock.unlock();
    }
    return out;
  }

  /** DynamoDB's default account and table quotas (Developer Guide, "Service quotas"). */
  private JsonNode describeLimits(RequestContext ctx, ObjectNode input) {
    return Json.object()
        .put("AccountMaxReadCapacityUnits", 80000)
        .put("AccountMaxWriteCapacityUnits", 80000)
        .put("TableMaxReadCapacityUnits", 40000)
        .put("TableMaxWriteCapacityUnits", 40000);
  }

  /** Endpoint discovery points back at the endpoint the client used. */
  private JsonNode describeEndpoints(RequestContext ctx, ObjectNode input) {
    ObjectNode out = Json.object();
    out.putArray("Endpoints").addObject().put("Address", ctx.host()).put("CachePeriodInMinutes", 1440);
    return out;
  }
}
