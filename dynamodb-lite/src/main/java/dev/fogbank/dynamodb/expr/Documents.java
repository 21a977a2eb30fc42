package dev.fogbank.dynamodb.expr;

import dev.fogbank.dynamodb.DynamoDbErrors;
import dev.fogbank.dynamodb.item.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and rewrites document paths in an item (maps and lists nested in attributes). */
public final class Documents {

  private Documents() {}

  /** The value at {@code path}, or null when the path does not lead to one. */
  public static AttributeValue get(Map<String, AttributeValue> item, Path path) {
    AttributeValue current = item.get(path.head());
    for (int i = 1; i < path.size() && current != null; i++) {
      Object e = path.elements().get(i);
      if (e instanceof Integer index) {
        current =
            current instanceof AttributeValue.L l && index < l.values().size() ? l.values().get(index) : null;
      } else {
        current = current instanceof AttributeValue.M m ? m.values().get((String) e) : null;
      }
    }
    return current;
  }

  /**
   * Sets {@code value} at {@code path}: a missing parent is an error, an index past a list's end
   * appends (Amazon DynamoDB Developer Guide, "Update expressions").
   */
  public static void set(Map<String, AttributeValue> item, Path path, AttributeValue value) {
    if (path.isTopLevel()) {
      item.put(path.head(), value);
      return;
    }
    item.put(path.head(), setIn(item.get(path.head()), path.elements(), 1, value));
  }

  private static AttributeValue setIn(AttributeValue container, List<Object> elements, int i, AttributeValue value) {
    Object e = elements.get(i);
    boolean last = i == elements.size() - 1;
    if (e instanceof Integer index) {
      if (!(container instanceof AttributeValue.L l)) {
        throw invalidPath();
      }
      List<AttributeValue> list = new ArrayList<>(l.values());
      if (last) {
        if (index >= list.size()) {
          list.add(value);
        } else {
          list.set(index, value);
        }
      } else {
        if (index >= list.size()) {
          throw invalidPath();
        }
        list.set(index, setIn(list.get(index), elements, i + 1, value));
      }
      return new AttributeValue.L(list);
    }
    if (!(container instanceof AttributeValue.M m)) {
      throw invalidPath();
    }
    Map<String, AttributeValue> map = new LinkedHashMap<>(m.values());
    String key = (String) e;
    if (last) {
      map.put(key, value);
    } else {
      if (!map.containsKey(key)) {
        throw invalidPath();
      }
      map.put(key, setIn(map.get(key), elements, i + 1, value));
    }
    return new AttributeValue.M(map);
  }

  /** Removes the value at {@code path}; a path that leads nowhere removes nothing. */
  public static void remove(Map<String, AttributeValue> item, Path path) {
    if (path.isTopLevel()) {
      item.remove(path.head());
      return;
    }
    AttributeValue head = item.get(path.head());
    if (head == null) {
      return;
    }
    AttributeValue updated = removeIn(head, path.elements(), 1);
    if (updated != null) {
      item.put(path.head(), updated);
    }
  }

  private static AttributeValue removeIn(AttributeValue container, List<Object> elements, int i) {
    Object e = elements.get(i);
    boolean last = i == elements.size() - 1;
    if (e instanceof Integer index) {
      if (!(container instanceof AttributeValue.L l) || index >= l.values().size()) {
        if (!last && !(container instanceof AttributeValue.L)) {
          throw invalidPath();
        }
        return null;
      }
      List<AttributeValue> list = new ArrayList<>(l.values());
      if (last) {
        list.remove((int) index);
      } else {
        AttributeValue inner = removeIn(list.get(index), elements, i + 1);
        if (inner == null) {
          return null;
        }
        list.set(index, inner);
      }
      return new AttributeValue.L(list);
    }
    if (!(container instanceof AttributeValue.M m)) {
      throw invalidPath();
    }
    Map<String, AttributeValue> map = new LinkedHashMap<>(m.values());
    String key = (String) e;
    if (last) {
      if (map.remove(key) == null) {
        return null;
      }
    } else {
      AttributeValue child = map.get(key);
      if (child == null) {
        return null;
      }
      AttributeValue inner = removeIn(child, elements, i + 1);
      if (inner == null) {
        return null;
      }
      map.put(key, inner);
    }
    return new AttributeValue.M(map);
  }

  static dev.fogbank.core.error.AwsException invalidPath() {
    return DynamoDbErrors.validation("The document path provided in the update expression is invalid for update");
  }

  /**
   * Projects an item onto document paths (ProjectionExpression): nested maps keep only the named
   * keys, lists keep the named elements in order.
   */
  public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<Path> paths) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (Path p : paths) {
      AttributeValue v = get(item, p);
      if (v == null) {
        continue;
      }
      if (p.isTopLevel()) {
        out.put(p.head(), v);
        continue;
      }
      out.put(p.head(), merge(out.get(p.head()), item.get(p.head()), p.elements(), 1, v));
    }
    return out;
  }

  private static AttributeValue merge(
      AttributeValue target, AttributeValue source, List<Object> elements, int i, AttributeValue leaf) {
    if (i == elements.size()) {
      return leaf;
    }
    Object e = elements.get(i);
    if (e instanceof Integer index) {
      AttributeValue child = ((AttributeValue.L) source).values().get(index);
      // the picked elements of one list keep the order the paths name them in
      List<AttributeValue> list =
          target instanceof AttributeValue.L l ? new ArrayList<>(l.values()) : new ArrayList<>();
      list.add(merge(null, child, elements, i + 1, leaf));
      return new AttributeValue.L(list);
    }
    AttributeValue child = ((AttributeValue.M) source).values().get((String) e);
    Map<String, AttributeValue> map =
        target instanceof AttributeValue.M m ? new LinkedHashMap<>(m.values()) : new LinkedHashMap<>();
    map.put((String) e, merge(map.get((String) e), child, elements, i + 1, leaf));
    return new AttributeValue.M(map);
  }
}
