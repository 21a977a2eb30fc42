package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.table.IndexDefinition;
import dev.fogbank.dynamodb.table.Table;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * On-demand backups (CreateBackup, DescribeBackup, ListBackups, DeleteBackup,
 * RestoreTableFromBackup) and the point-in-time-recovery setting (DescribeContinuousBackups,
 * UpdateContinuousBackups). A backup is a snapshot of the table's definition and items; restoring
 * creates a new table from it.
 */
final class Backups {

  private final DynamoDbEngine engine;
  /** Backups by ARN; the ARN names account and region. */
  private final ConcurrentSkipListMap<String, Backup> backups = new ConcurrentSkipListMap<>();

  private record Backup(
      String arn,
      String name,
      double created,
      Table source,
      ObjectNode sourceDescription,
      List<Map<String, AttributeValue>> items,
      long sizeBytes) {}

  Backups(DynamoDbEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateBackup", this::createBackup);
    handlers.put("DescribeBackup", this::describeBackup);
    handlers.put("ListBackups", this::listBackups);
    handlers.put("DeleteBackup", this::deleteBackup);
    handlers.put("RestoreTableFromBackup", this::restoreTableFromBackup);
    handlers.put("DescribeContinuousBackups", this::describeContinuousBackups);
    handlers.put("UpdateContinuousBackups", this::updateContinuousBackups);
  }

  void reset() {
    backups.clear();
  }

  private Table table(RequestContext ctx, String name) {
    Table t = engine.tables(ctx).byName.get(DynamoDbEngine.tableName(name));
    if (t == null) {
      throw new AwsException("TableNotFoundException", "Table not found: " + name, 400);
    }
    return t;
  }

  private Backup backup(String arn) {
    Backup b = arn == null ? null : backups.get(arn);
    if (b == null) {
      throw new AwsException("BackupNotFoundException", "Backup not found: " + arn, 400);
    }
    return b;
  }

  private JsonNode createBackup(RequestContext ctx, ObjectNode input) {
    Table table = table(ctx, input.get("TableName").asText());
    long now = engine.clock.millis();
    String arn = table.arn() + "/backup/" + String.format("%014d", now) + "-" + UUID.randomUUID().toString().substring(0, 8);
    Backup backup;
    table.lock.lock();
    try {
      List<Map<String, AttributeValue>> items = table.items();
      backup = new Backup(arn, input.get("BackupName").asText(), now / 1000.0, table, table.description(), items, table.sizeBytes());
    } finally {
      table.lock.unlock();
    }
    backups.put(arn, backup);
    return Json.object().set("BackupDetails", details(backup));
  }

  private static ObjectNode details(Backup b) {
    return Json.object()
        .put("BackupArn", b.arn())
        .put("BackupName", b.name())
        .put("BackupSizeBytes", b.sizeBytes())
        .put("BackupStatus", "AVAILABLE")
        .put("BackupType", "USER")
        .put("BackupCreationDateTime", b.created());
  }

  private static ObjectNode description(Backup b) {
    ObjectNode d = Json.object();
    d.set("BackupDetails", details(b));
    JsonNode t = b.sourceDescription();
    ObjectNode source = d.putObject("SourceTableDetails");
    source.put("TableName", t.path("TableName").asText());
    source.put("TableId", t.path("TableId").asText());
    source.put("TableArn", t.path("TableArn").asText());
    source.put("TableSizeBytes", b.sizeBytes());
    source.set("KeySchema", t.get("KeySchema"));
    source.put("TableCreationDateTime", t.path("CreationDateTime").asDouble());
    ObjectNode throughput = source.putObject("ProvisionedThroughput");
    throughput.put("ReadCapacityUnits", t.path("ProvisionedThroughput").path("ReadCapacityUnits").asLong());
    throughput.put("WriteCapacityUnits", t.path("ProvisionedThroughput").path("WriteCapacityUnits").asLong());
    source.put("ItemCount", b.items().size());
    source.put("BillingMode", t.has("BillingModeSummary") ? "PAY_PER_REQUEST" : "PROVISIONED");
    ObjectNode features = d.putObject("SourceTableFeatureDetails");
    for (String kind : List.of("LocalSecondaryIndexes", "GlobalSecondaryIndexes")) {
      if (t.has(kind)) {
        ArrayNode list = features.putArray(kind);
        for (JsonNode i : t.get(kind)) {
          ObjectNode info = list.addObject();
          info.put("IndexName", i.path("IndexName").asText());
          info.set("KeySchema", i.get("KeySchema"));
          info.set("Projection", i.get("Projection"));
        }
      }
    }
    if (t.has("StreamSpecification")) {
      features.set("StreamDescription", t.get("StreamSpecification"));
    }
    if (t.has("SSEDescription")) {
      features.set("SSEDescription", t.get("SSEDescription"));
    }
    return d;
  }

  private JsonNode describeBackup(RequestContext ctx, ObjectNode input) {
    return Json.object().set("BackupDescription", description(backup(input.path("BackupArn").asText(null))));
  }

  private JsonNode deleteBackup(RequestContext ctx, ObjectNode input) {
    Backup b = backup(input.path("BackupArn").asText(null));
    backups.remove(b.arn());
    ObjectNode d = description(b);
    ((ObjectNode) d.get("BackupDetails")).put("BackupStatus", "DELETED");
    return Json.object().set("BackupDescription", d);
  }

  private JsonNode listBackups(RequestContext ctx, ObjectNode input) {
    String prefix = "arn:aws:dynamodb:" + ctx.region() + ":" + ctx.account() + ":table/";
    String table = input.hasNonNull("TableName") ? DynamoDbEngine.tableName(input.get("TableName").asText()) : null;
    double lower = input.path("TimeRangeLowerBound").asDouble(Double.NEGATIVE_INFINITY);
    double upper = input.path("TimeRangeUpperBound").asDouble(Double.POSITIVE_INFINITY);
    String type = input.path("BackupType").asText("ALL");
    int limit = input.path("Limit").asInt(100);
    String start = input.path("ExclusiveStartBackupArn").asText(null);
    ObjectNode out = Json.object();
    ArrayNode summaries = out.putArray("BackupSummaries");
    for (Backup b : (start == null ? backups : backups.tailMap(start, false)).values()) {
      if (!b.arn().startsWith(prefix)
          || (table != null && !b.source().name().equals(table))
          || b.created() < lower
          || b.created() > upper
          || !(type.equals("ALL") || type.equals("USER"))) {
        continue;
      }
      if (summaries.size() == limit) {
        out.put("LastEvaluatedBackupArn", summaries.get(summaries.size() - 1).path("BackupArn").asText());
        break;
      }
      summaries.addObject()
          .put("TableName", b.source().name())
          .put("TableId", b.source().id())
          .put("TableArn", b.source().arn())
          .put("BackupArn", b.arn())
          .put("BackupName", b.name())
          .put("BackupCreationDateTime", b.created())
          .put("BackupStatus", "AVAILABLE")
          .put("BackupType", "USER")
          .put("BackupSizeBytes", b.sizeBytes());
    }
    return out;
  }

  private JsonNode restoreTableFromBackup(RequestContext ctx, ObjectNode input) {
    Backup b = backup(input.path("BackupArn").asText(null));
    String name = input.get("TargetTableName").asText();
    DynamoDbEngine.checkTableName(input.get("TargetTableName"));
    Table source = b.source();
    String mode = input.path("BillingModeOverride").asText(source.billingMode());
    JsonNode pt = input.path("ProvisionedThroughputOverride");
    long read = pt.path("ReadCapacityUnits").asLong(mode.equals("PAY_PER_REQUEST") ? 0 : Math.max(1, source.readCapacityUnits()));
    long write = pt.path("WriteCapacityUnits").asLong(mode.equals("PAY_PER_REQUEST") ? 0 : Math.max(1, source.writeCapacityUnits()));
    String arn = "arn:aws:dynamodb:" + ctx.region() + ":" + ctx.account() + ":table/" + name;
    long now = engine.clock.millis();
    Table table =
        new Table(name, arn, UUID.randomUUID().toString(), now / 1000.0, source.key(), source.attributeDefinitions(), mode, read, write);
    for (IndexDefinition index : source.indexes().values()) {
      table.addIndex(index);
    }
    b.items().forEach(table::put);
    table.sseDescription(
        input.hasNonNull("SSESpecificationOverride") ? TableOperations.sse(ctx, input.get("SSESpecificationOverride")) : source.sseDescription());
    table.restoreSummary(
        Json.object()
            .put("SourceBackupArn", b.arn())
            .put("SourceTableArn", source.arn())
            .put("RestoreDateTime", now / 1000.0)
            .put("RestoreInProgress", false));
    if (engine.tables(ctx).byName.putIfAbsent(name, table) != null) {
      throw new AwsException("TableAlreadyExistsException", "Table already exists: " + name, 400);
    }
    ObjectNode description = table.description();
    description.put("TableStatus", "CREATING");
    return Json.object().set("TableDescription", description);
  }

  private JsonNode describeContinuousBackups(RequestContext ctx, ObjectNode input) {
    Table table = table(ctx, input.get("TableName").asText());
    return Json.object().set("ContinuousBackupsDescription", continuous(table));
  }

  private JsonNode updateContinuousBackups(RequestContext ctx, ObjectNode input) {
    Table table = table(ctx, input.get("TableName").asText());
    table.pointInTimeRecovery(input.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
    return Json.object().set("ContinuousBackupsDescription", continuous(table));
  }

  private ObjectNode continuous(Table table) {
    ObjectNode d = Json.object().put("ContinuousBackupsStatus", "ENABLED");
    ObjectNode pitr = d.putObject("PointInTimeRecoveryDescription");
    pitr.put("PointInTimeRecoveryStatus", table.pointInTimeRecovery() ? "ENABLED" : "DISABLED");
    if (table.pointInTimeRecovery()) {
      pitr.put("EarliestRestorableDateTime", table.creationDateTime());
      pitr.put("LatestRestorableDateTime", engine.clock.millis() / 1000.0);
    }
    return d;
  }
}
