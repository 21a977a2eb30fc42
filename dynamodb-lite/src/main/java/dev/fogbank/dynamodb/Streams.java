package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import dev.fogbank.dynamodb.item.ItemSize;
import dev.fogbank.dynamodb.table.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * DynamoDB Streams: one stream per enabling of a table's stream, one shard per stream, records
 * kept for 24 hours (Developer Guide, "Change data capture for DynamoDB Streams"). Serves
 * ListStreams, DescribeStream, GetShardIterator and GetRecords, and publishes every record on the
 * event bus as a {@link StreamRecordWritten}.
 */
final class Streams implements DynamoDbEngine.ChangeListener {

  /** Stream records are removed after 24 hours. */
  static final long RETENTION_MILLIS = 24L * 3600 * 1000;

  /** Shard iterators expire 15 minutes after they are handed out. */
  static final long ITERATOR_MILLIS = 15L * 60 * 1000;

  private final DynamoDbEngine engine;
  private final ConcurrentSkipListMap<String, Stream> streams = new ConcurrentSkipListMap<>();
  private final Map<String, OperationHandler> handlers = new LinkedHashMap<>();

  /** One stream: its shard's records in sequence order. */
  private static final class Stream {
    final String arn;
    final String label;
    final Table table;
    final String viewType;
    final String shardId;
    final double created;
    final List<ObjectNode> records = new ArrayList<>();
    final List<Long> times = new ArrayList<>();
    long trimmed;
    long nextSequence = 1;
    boolean enabled = true;

    Stream(Table table, double created, String shardId) {
      this.arn = table.latestStreamArn();
      this.label = table.latestStreamLabel();
      this.table = table;
      this.viewType = table.streamViewType();
      this.shardId = shardId;
      this.created = created;
    }
  }

  Streams(DynamoDbEngine engine) {
    this.engine = engine;
    handlers.put("ListStreams", this::listStreams);
    handlers.put("DescribeStream", this::describeStream);
    handlers.put("GetShardIterator", this::getShardIterator);
    handlers.put("GetRecords", this::getRecords);
  }

  Map<String, OperationHandler> handlers() {
    return handlers;
  }

  void reset() {
    streams.clear();
  }

  void created(Table table) {
    long now = engine.clock.millis();
    String shardId = String.format("shardId-%020d-%s", now, UUID.randomUUID().toString().substring(0, 8));
    streams.put(table.latestStreamArn(), new Stream(table, now / 1000.0, shardId));
  }

  void disabled(Table table) {
    streams.values().stream().filter(s -> s.table == table).forEach(s -> {
      synchronized (s) {
        s.enabled = false;
      }
    });
  }

  @Override
  public void changed(
      Table table, Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean byTtl) {
    if (table.streamViewType() == null) {
      return;
    }
    Stream stream = streams.get(table.latestStreamArn());
    if (stream == null) {
      return;
    }
    ObjectNode record;
    synchronized (stream) {
      if (!stream.enabled) {
        return;
      }
      long now = engine.clock.millis();
      trim(stream, now);
      record = Json.object();
      record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
      record.put("eventName", before == null ? "INSERT" : after == null ? "REMOVE" : "MODIFY");
      record.put("eventVersion", "1.1");
      record.put("eventSource", "aws:dynamodb");
      record.put("awsRegion", region(table.arn()));
      ObjectNode d = record.putObject("dynamodb");
      d.put("ApproximateCreationDateTime", now / 1000);
      Map<String, AttributeValue> any = after != null ? after : before;
      d.set("Keys", AttributeValues.json(table.key().keyOf(any)));
      String vt = stream.viewType;
      if (after != null && (vt.equals("NEW_IMAGE") || vt.equals("NEW_AND_OLD_IMAGES"))) {
        d.set("NewImage", AttributeValues.json(after));
      }
      if (before != null && (vt.equals("OLD_IMAGE") || vt.equals("NEW_AND_OLD_IMAGES"))) {
        d.set("OldImage", AttributeValues.json(before));
      }
      d.put("SequenceNumber", sequence(stream.nextSequence++));
      int size = ItemSize.of(table.key().keyOf(any))
          + (d.has("NewImage") ? ItemSize.of(after) : 0)
          + (d.has("OldImage") ? ItemSize.of(before) : 0);
      d.put("SizeBytes", size);
      d.put("StreamViewType", vt);
      if (byTtl) {
        record.putObject("userIdentity").put("PrincipalId", "dynamodb.amazonaws.com").put("Type", "Service");
      }
      stream.records.add(record);
      stream.times.add(now);
    }
    String[] arn = table.arn().split(":");
    engine.bus.publish(new StreamRecordWritten(stream.arn, table.arn(), arn[4], arn[3], record.deepCopy()));
  }

  private static String region(String arn) {
    return arn.split(":")[3];
  }

  private static String sequence(long n) {
    return String.format("%021d", n);
  }

  private static void trim(Stream s, long now) {
    while (!s.times.isEmpty() && s.times.get(0) < now - RETENTION_MILLIS) {
      s.times.remove(0);
      s.records.remove(0);
      s.trimmed++;
    }
  }

  private Stream stream(String arn) {
    Stream s = arn == null ? null : streams.get(arn);
    if (s == null) {
      throw DynamoDbErrors.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
    }
    return s;
  }

  private JsonNode listStreams(RequestContext ctx, ObjectNode input) {
    String table = input.hasNonNull("TableName") ? DynamoDbEngine.tableName(input.get("TableName").asText()) : null;
    int limit = input.path("Limit").asInt(100);
    String start = input.path("ExclusiveStartStreamArn").asText(null);
    String prefix = "arn:aws:dynamodb:" + ctx.region() + ":" + ctx.account() + ":table/";
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("Streams");
    for (Stream s : (start == null ? streams : streams.tailMap(start, false)).values()) {
      if (!s.arn.startsWith(prefix) || (table != null && !s.table.name().equals(table))) {
        continue;
      }
      if (list.size() == limit) {
        out.put("LastEvaluatedStreamArn", list.get(list.size() - 1).path("StreamArn").asText());
        break;
      }
      list.addObject().put("StreamArn", s.arn).put("TableName", s.table.name()).put("StreamLabel", s.label);
    }
    return out;
  }

  private JsonNode describeStream(RequestContext ctx, ObjectNode input) {
    Stream s = stream(input.path("StreamArn").asText(null));
    ObjectNode d = Json.object();
    synchronized (s) {
      trim(s, engine.clock.millis());
      d.put("StreamArn", s.arn);
      d.put("StreamLabel", s.label);
      d.put("StreamStatus", s.enabled ? "ENABLED" : "DISABLED");
      d.put("StreamViewType", s.viewType);
      d.put("CreationRequestDateTime", s.created);
      d.put("TableName", s.table.name());
      d.set("KeySchema", s.table.key().json());
      ObjectNode shard = d.putArray("Shards").addObject();
      shard.put("ShardId", s.shardId);
      ObjectNode range = shard.putObject("SequenceNumberRange");
      range.put("StartingSequenceNumber", sequence(s.trimmed + 1));
      if (!s.enabled) {
        range.put("EndingSequenceNumber", sequence(Math.max(s.nextSequence - 1, s.trimmed + 1)));
      }
    }
    return Json.object().set("StreamDescription", d);
  }

  private JsonNode getShardIterator(RequestContext ctx, ObjectNode input) {
    Stream s = stream(input.path("StreamArn").asText(null));
    String shardId = input.path("ShardId").asText();
    if (!shardId.equals(s.shardId)) {
      throw DynamoDbErrors.resourceNotFound(
          "Requested resource not found: Shard does not exist");
    }
    String type = input.path("ShardIteratorType").asText();
    String sequenceNumber = input.path("SequenceNumber").asText(null);
    long position;
    synchronized (s) {
      switch (type) {
        case "TRIM_HORIZON" -> position = s.trimmed + 1;
        case "LATEST" -> position = s.nextSequence;
        case "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER" -> {
          if (sequenceNumber == null) {
            throw DynamoDbErrors.validation(
                "SequenceNumber must be provided when ShardIteratorType is " + type);
          }
          long n;
          try {
            n = Long.parseLong(sequenceNumber);
          } catch (NumberFormatException e) {
            throw DynamoDbErrors.validation("Invalid SequenceNumber: " + sequenceNumber);
          }
          if (n <= s.trimmed || n >= s.nextSequence) {
            throw new AwsException(
                "TrimmedDataAccessException",
                "The operation attempted to read past the oldest stream record in a shard.",
                400);
          }
          position = type.equals("AT_SEQUENCE_NUMBER") ? n : n + 1;
        }
        default -> throw DynamoDbErrors.validation("Invalid ShardIteratorType: " + type);
      }
    }
    return Json.object().put("ShardIterator", iterator(s, position));
  }

  /** An opaque iterator: stream ARN, position and the time it was handed out. */
  private String iterator(Stream s, long position) {
    String raw = s.arn + "|" + s.shardId + "|" + position + "|" + engine.clock.millis();
    return s.arn + "|" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode getRecords(RequestContext ctx, ObjectNode input) {
    String iterator = input.path("ShardIterator").asText();
    String[] parts;
    try {
      int bar = iterator.lastIndexOf('|');
      parts = new String(Base64.getUrlDecoder().decode(iterator.substring(bar + 1)), StandardCharsets.UTF_8).split("\\|");
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw DynamoDbErrors.validation("Invalid ShardIterator");
    }
    if (parts.length != 4) {
      throw DynamoDbErrors.validation("Invalid ShardIterator");
    }
    Stream s = stream(parts[0]);
    long position = Long.parseLong(parts[2]);
    long issued = Long.parseLong(parts[3]);
    if (engine.clock.millis() - issued > ITERATOR_MILLIS) {
      throw new AwsException("ExpiredIteratorException", "Iterator expired", 400);
    }
    int limit = input.path("Limit").asInt(1000);
    ObjectNode out = Json.object();
    ArrayNode records = out.putArray("Records");
    synchronized (s) {
      trim(s, engine.clock.millis());
      if (position <= s.trimmed) {
        throw new AwsException(
            "TrimmedDataAccessException",
            "The operation attempted to read past the oldest stream record in a shard.",
            400);
      }
      long next = position;
      while (next < s.nextSequence && records.size() < limit) {
        records.add(s.records.get((int) (next - s.trimmed - 1)).deepCopy());
        next++;
      }
      // a disabled stream's shard is closed: once read to its end there is no next iterator
      if (s.enabled || next < s.nextSequence) {
        out.put("NextShardIterator", iterator(s, next));
      }
    }
    return out;
  }
}
