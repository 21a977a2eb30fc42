package dev.fogbank.dynamodb.table;

import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.KeyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Items of a table or of one secondary index, grouped by partition key and sorted within each
 * partition, so that a Query finds its partition in O(log n) and walks its range in order.
 * Partitions themselves are kept in key order, which is the order Scan walks.
 */
final class ItemStore {

  private final String hash;
  /** Attributes whose values make an item's {@link SortKey} within its partition. */
  private final List<String> sortAttributes;
  private final TreeMap<AttributeValue, TreeMap<SortKey, Map<String, AttributeValue>>> partitions =
      new TreeMap<>(KeyOrder.INSTANCE);
  /**
   * The same partitions by hash value, for the point lookups of every item read and write: a hash
   * probe instead of a walk down a tree of all partitions. Key values are equal exactly when
   * {@link KeyOrder} finds them equal (numbers are kept normalised, binary compares by content).
   */
  private final HashMap<AttributeValue, TreeMap<SortKey, Map<String, AttributeValue>>> byHash = new HashMap<>();
  private int count;

  ItemStore(String hash, List<String> sortAttributes) {
    this.hash = hash;
    this.sortAttributes = List.copyOf(sortAttributes);
  }

  /** Whether the item has every attribute this store is keyed by (sparse indexes skip others). */
  boolean holds(Map<String, AttributeValue> item) {
    if (!item.containsKey(hash)) {
      return false;
    }
    for (String a : sortAttributes) {
      if (!item.containsKey(a)) {
        return false;
      }
    }
    return true;
  }

  SortKey sortKey(Map<String, AttributeValue> item) {
    if (sortAttributes.isEmpty()) {
      return SortKey.NONE;
    }
    List<AttributeValue> parts = new ArrayList<>(sortAttributes.size());
    for (String a : sortAttributes) {
      parts.add(item.get(a));
    }
    return new SortKey(parts);
  }

  Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
    TreeMap<SortKey, Map<String, AttributeValue>> p = byHash.get(key.get(hash));
    return p == null ? null : p.get(sortKey(key));
  }

  void put(Map<String, AttributeValue> item) {
    if (!holds(item)) {
      return;
    }
    AttributeValue hashValue = item.get(hash);
    TreeMap<SortKey, Map<String, AttributeValue>> p = byHash.get(hashValue);
    if (p == null) {
      p = new TreeMap<>();
      byHash.put(hashValue, p);
      partitions.put(hashValue, p);
    }
    if (p.put(sortKey(item), item) == null) {
      count++;
    }
  }

  /**
   * Puts {@code item} in the place of {@code old}: where both sit at one position (a table's item
   * replaced by one with its key, an index entry whose keys did not change) the entry's value
   * changes in place, rather than a one-item partition being dropped and made again.
   */
  void replace(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    if (holds(old) && holds(item)) {
      AttributeValue hashValue = item.get(hash);
      TreeMap<SortKey, Map<String, AttributeValue>> p = byHash.get(hashValue);
      if (p != null && hashValue.equals(old.get(hash))) {
        SortKey at = sortKey(old);
        if (at.compareTo(sortKey(item)) == 0 && p.replace(at, item) != null) {
          return;
        }
      }
    }
    remove(old);
    put(item);
  }

  void remove(Map<String, AttributeValue> item) {
    if (!holds(item)) {
      return;
    }
    AttributeValue hashValue = item.get(hash);
    TreeMap<SortKey, Map<String, AttributeValue>> p = byHash.get(hashValue);
    if (p != null && p.remove(sortKey(item)) != null) {
      count--;
      if (p.isEmpty()) {
        byHash.remove(hashValue);
        partitions.remove(hashValue);
      }
    }
  }

  int count() {
    return count;
  }

  void clear() {
    partitions.clear();
    byHash.clear();
    count = 0;
  }

  /** The items of one partition, in sort order. */
  NavigableMap<SortKey, Map<String, AttributeValue>> partition(AttributeValue hashValue) {
    TreeMap<SortKey, Map<String, AttributeValue>> p = byHash.get(hashValue);
    return p == null ? Collections.emptyNavigableMap() : p;
  }

  /** Every item in scan order, starting after {@code exclusiveStart} when it is given. */
  Iterator<Map<String, AttributeValue>> scan(Map<String, AttributeValue> exclusiveStart) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    NavigableMap<AttributeValue, TreeMap<SortKey, Map<String, AttributeValue>>> from = partitions;
    if (exclusiveStart != null && exclusiveStart.get(hash) != null) {
      AttributeValue h = exclusiveStart.get(hash);
      TreeMap<SortKey, Map<String, AttributeValue>> first = partitions.get(h);
      if (first != null) {
        out.addAll(first.tailMap(sortKey(exclusiveStart), false).values());
      }
      from = partitions.tailMap(h, false);
    }
    NavigableMap<AttributeValue, TreeMap<SortKey, Map<String, AttributeValue>>> remaining = from;
    return new Iterator<>() {
      final Iterator<Map<String, AttributeValue>> head = out.iterator();
      final Iterator<TreeMap<SortKey, Map<String, AttributeValue>>> rest = remaining.values().iterator();
      Iterator<Map<String, AttributeValue>> current = head;

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && rest.hasNext()) {
          current = rest.next().values().iterator();
        }
        return current.hasNext();
      }

      @Override
      public Map<String, AttributeValue> next() {
        hasNext();
        return current.next();
      }
    };
  }
}
