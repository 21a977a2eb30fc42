package dev.fogbank.dynamodb.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.ItemSize;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One table: its definition, its items and the items of its secondary indexes. Every read and
 * write of a table holds its lock; there is no lock across tables except for transactions, which
 * take the locks of their tables in ARN order.
 */
public final class Table {

  public final ReentrantLock lock = new ReentrantLock();

  private final String name;
  private final String arn;
  private final String id;
  private final double creationDateTime;
  private final KeySchema key;
  private final Map<String, String> attributeDefinitions;
  private final ItemStore items;
  private final Map<String, IndexDefinition> indexes = new LinkedHashMap<>();
  private final Map<String, ItemStore> indexItems = new LinkedHashMap<>();
  private final Map<String, String> tags = new LinkedHashMap<>();

  private String billingMode;
  private long readCapacityUnits;
  private long writeCapacityUnits;
  private boolean deletionProtection;
  private String tableClass;
  private String status = "ACTIVE";
  private String streamViewType;
  private String latestStreamLabel;
  private String ttlAttribute;
  private ObjectNode sseDescription;
  private boolean pointInTimeRecovery;
  private ObjectNode restoreSummary;

  public Table(
      String name,
      String arn,
      String id,
      double creationDateTime,
      KeySchema key,
      Map<String, String> attributeDefinitions,
      String billingMode,
      long readCapacityUnits,
      long writeCapacityUnits) {
    this.name = name;
    this.arn = arn;
    this.id = id;
    this.creationDateTime = creationDateTime;
    this.key = key;
    this.attributeDefinitions = new LinkedHashMap<>(attributeDefinitions);
    this.billingMode = billingMode;
    this.readCapacityUnits = readCapacityUnits;
    this.writeCapacityUnits = writeCapacityUnits;
    this.items = new ItemStore(key.hash(), key.hasRange() ? List.of(key.range()) : List.of());
  }

  public String name() {
    return name;
  }

  public String arn() {
    return arn;
  }

  public KeySchema key() {
    return key;
  }

  public Map<String, String> attributeDefinitions() {
    return attributeDefinitions;
  }

  public String attributeType(String attribute) {
    return attributeDefinitions.get(attribute);
  }

  public Map<String, IndexDefinition> indexes() {
    return indexes;
  }

  public IndexDefinition index(String indexName) {
    return indexes.get(indexName);
  }

  public Map<String, String> tags() {
    return tags;
  }

  public String status() {
    return status;
  }

  public void status(String status) {
    this.status = status;
  }

  public boolean deletionProtection() {
    return deletionProtection;
  }

  public void deletionProtection(boolean on) {
    this.deletionProtection = on;
  }

  public String billingMode() {
    return billingMode;
  }

  public void billing(String mode, long read, long write) {
    this.billingMode = mode;
    this.readCapacityUnits = read;
    this.writeCapacityUnits = write;
  }

  public void tableClass(String tableClass) {
    this.tableClass = tableClass;
  }

  public String streamViewType() {
    return streamViewType;
  }

  public String latestStreamLabel() {
    return latestStreamLabel;
  }

  public String latestStreamArn() {
    return latestStreamLabel == null ? null : arn + "/stream/" + latestStreamLabel;
  }

  /** Turns the stream on with a view type (and a new stream label), or off with null. */
  public void stream(String viewType, String label) {
    this.streamViewType = viewType;
    if (viewType != null) {
      this.latestStreamLabel = label;
    }
  }

  public String id() {
    return id;
  }

  public double creationDateTime() {
    return creationDateTime;
  }

  public long readCapacityUnits() {
    return readCapacityUnits;
  }

  public long writeCapacityUnits() {
    return writeCapacityUnits;
  }

  /** Server-side encryption as DescribeTable reports it (SSEDescription), or null for the default. */
  public ObjectNode sseDescription() {
    return sseDescription;
  }

  public void sseDescription(ObjectNode description) {
    this.sseDescription = description;
  }

  public boolean pointInTimeRecovery() {
    return pointInTimeRecovery;
  }

  public void pointInTimeRecovery(boolean enabled) {
    this.pointInTimeRecovery = enabled;
  }

  /** RestoreSummary of a table restored from a backup. */
  public void restoreSummary(ObjectNode summary) {
    this.restoreSummary = summary;
  }

  /** Every item, in scan order (a copy). */
  public List<Map<String, AttributeValue>> items() {
    List<Map<String, AttributeValue>> all = new ArrayList<>();
    items.scan(null).forEachRemaining(all::add);
    return all;
  }

  public long sizeBytes() {
    long size = 0;
    Iterator<Map<String, AttributeValue>> it = items.scan(null);
    while (it.hasNext()) {
      size += ItemSize.of(it.next());
    }
    return size;
  }

  public String ttlAttribute() {
    return ttlAttribute;
  }

  public void ttlAttribute(String attribute) {
    this.ttlAttribute = attribute;
  }

  /** Adds a secondary index (also to an existing table: UpdateTable's Create), filling it from the items. */
  public void addIndex(IndexDefinition index) {
    indexes.put(index.name(), index);
    List<String> sort = new ArrayList<>();
    if (index.key().hasRange()) {
      sort.add(index.key().range());
    }
    sort.addAll(key.names());
    ItemStore store = new ItemStore(index.key().hash(), sort);
    items.scan(null).forEachRemaining(store::put);
    indexItems.put(index.name(), store);
  }

  public void removeIndex(String indexName) {
    indexes.remove(indexName);
    indexItems.remove(indexName);
  }

  public Map<String, AttributeValue> get(Map<String, AttributeValue> itemKey) {
    return items.get(itemKey);
  }

  /** Stores {@code item}, replacing any item with its key; returns the replaced one. */
  public Map<String, AttributeValue> put(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> old = items.get(key.keyOf(item));
    if (old == null) {
      items.put(item);
      indexItems.values().forEach(s -> s.put(item));
    } else {
      items.replace(old, item);
      indexItems.values().forEach(s -> s.replace(old, item));
    }
    return old;
  }

  /** Deletes the item with this key; returns it, or null when there was none. */
  public Map<String, AttributeValue> delete(Map<String, AttributeValue> itemKey) {
    Map<String, AttributeValue> old = items.get(itemKey);
    if (old != null) {
      remove(old);
    }
    return old;
  }

  private void remove(Map<String, AttributeValue> old) {
    items.remove(old);
    indexItems.values().forEach(s -> s.remove(old));
  }

  public void clear() {
    items.clear();
    indexItems.values().forEach(ItemStore::clear);
  }

  /** The items of one partition of the table, or of an index when {@code indexName} is given. */
  public NavigableMap<SortKey, Map<String, AttributeValue>> partition(String indexName, AttributeValue hash) {
    return store(indexName).partition(hash);
  }

  public Iterator<Map<String, AttributeValue>> scan(String indexName, Map<String, AttributeValue> exclusiveStart) {
    return store(indexName).scan(exclusiveStart);
  }

  /** The position of an item in a partition's order, to start a Query after ExclusiveStartKey. */
  public SortKey sortKey(String indexName, Map<String, AttributeValue> item) {
    return store(indexName).sortKey(item);
  }

  private ItemStore store(String indexName) {
    return indexName == null ? items : indexItems.get(indexName);
  }

  public int itemCount() {
    return items.count();
  }

  /** The key schema of the table or of an index. */
  public KeySchema keyOf(String indexName) {
    return indexName == null ? key : indexes.get(indexName).key();
  }

  /** TableDescription as DescribeTable, CreateTable and DeleteTable answer it. */
  public ObjectNode description() {
    ObjectNode d = Json.object();
    ArrayNode defs = d.putArray("AttributeDefinitions");
    attributeDefinitions.forEach((n, t) -> defs.addObject().put("AttributeName", n).put("AttributeType", t));
    d.put("TableName", name);
    d.set("KeySchema", key.json());
    d.put("TableStatus", status);
    d.put("CreationDateTime", creationDateTime);
    d.set("ProvisionedThroughput", throughput(readCapacityUnits, writeCapacityUnits));
    d.put("TableSizeBytes", sizeBytes());
    d.put("ItemCount", items.count());
    d.put("TableArn", arn);
    d.put("TableId", id);
    if (billingMode.equals("PAY_PER_REQUEST")) {
      d.putObject("BillingModeSummary")
          .put("BillingMode", billingMode)
          .put("LastUpdateToPayPerRequestDateTime", creationDateTime);
    }
    ArrayNode lsis = Json.MAPPER.createArrayNode();
    ArrayNode gsis = Json.MAPPER.createArrayNode();
    for (IndexDefinition index : indexes.values()) {
      ObjectNode i = (index.global() ? gsis : lsis).addObject();
      i.put("IndexName", index.name());
      i.set("KeySchema", index.key().json());
      ObjectNode projection = i.putObject("Projection").put("ProjectionType", index.projectionType());
      if (index.nonKeyAttributes() != null && !index.nonKeyAttributes().isEmpty()) {
        ArrayNode nka = projection.putArray("NonKeyAttributes");
        index.nonKeyAttributes().forEach(nka::add);
      }
      if (index.global()) {
        i.put("IndexStatus", "ACTIVE");
        i.set("ProvisionedThroughput", throughput(index.readCapacityUnits(), index.writeCapacityUnits()));
      }
      long indexSize = 0;
      Iterator<Map<String, AttributeValue>> ii = indexItems.get(index.name()).scan(null);
      while (ii.hasNext()) {
        indexSize += ItemSize.of(index.project(ii.next(), key));
      }
      i.put("IndexSizeBytes", indexSize);
      i.put("ItemCount", indexItems.get(index.name()).count());
      i.put("IndexArn", arn + "/index/" + index.name());
    }
    if (!lsis.isEmpty()) {
      d.set("LocalSecondaryIndexes", lsis);
    }
    if (!gsis.isEmpty()) {
      d.set("GlobalSecondaryIndexes", gsis);
    }
    if (streamViewType != null) {
      d.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", streamViewType);
    }
    if (latestStreamLabel != null) {
      d.put("LatestStreamLabel", latestStreamLabel);
      d.put("LatestStreamArn", latestStreamArn());
    }
    if (sseDescription != null) {
      d.set("SSEDescription", sseDescription);
    }
    if (restoreSummary != null) {
      d.set("RestoreSummary", restoreSummary);
    }
    if (tableClass != null) {
      d.putObject("TableClassSummary").put("TableClass", tableClass);
    }
    d.put("DeletionProtectionEnabled", deletionProtection);
    return d;
  }

  private static ObjectNode throughput(long read, long write) {
    return Json.object()
        .put("NumberOfDecreasesToday", 0)
        .put("ReadCapacityUnits", read)
        .put("WriteCapacityUnits", write);
  }
}
