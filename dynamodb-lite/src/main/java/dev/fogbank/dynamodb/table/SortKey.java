package dev.fogbank.dynamodb.table;

import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.KeyOrder;
import java.util.List;

/**
 * The order of items within one partition: the sort key for a table; for an index, the index's
 * sort key followed by the table's key (which makes every entry unique).
 */
public record SortKey(List<AttributeValue> parts) implements Comparable<SortKey> {

  /** The one position in a partition of a table without a sort key. */
  public static final SortKey NONE = new SortKey(List.of());

  @Override
  public int compareTo(SortKey o) {
    int n = Math.min(parts.size(), o.parts.size());
    for (int i = 0; i < n; i++) {
      int c = KeyOrder.INSTANCE.compare(parts.get(i), o.parts.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(parts.size(), o.parts.size());
  }
}
