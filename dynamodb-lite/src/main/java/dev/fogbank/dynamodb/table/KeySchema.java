package dev.fogbank.dynamodb.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.item.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A primary key or index key: the partition (HASH) attribute and the optional sort (RANGE) one. */
public record KeySchema(String hash, String range) {

  public boolean hasRange() {
    return range != null;
  }

  public List<String> names() {
    List<String> names = new ArrayList<>(2);
    names.add(hash);
    if (range != null) {
      names.add(range);
    }
    return names;
  }

  /** The key attributes of {@code item}. */
  public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put(hash, item.get(hash));
    if (range != null) {
      key.put(range, item.get(range));
    }
    return key;
  }

  public ArrayNode json() {
    ArrayNode a = Json.MAPPER.createArrayNode();
    a.addObject().put("AttributeName", hash).put("KeyType", "HASH");
    if (range != null) {
      a.addObject().put("AttributeName", range).put("KeyType", "RANGE");
    }
    return a;
  }
}
