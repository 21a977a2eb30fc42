package dev.fogbank.dynamodb.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.dynamodb.item.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A table's items and its index entries as puts replace items. */
class TableTest {

  private static Table table() {
    Table t =
        new Table(
            "t", "arn:aws:dynamodb:us-east-1:000000000000:table/t", "id", 0, new KeySchema("pk", null),
            Map.of("pk", "S", "g", "S"), "PAY_PER_REQUEST", 0, 0);
    t.addIndex(new IndexDefinition("byG", true, new KeySchema("g", null), "ALL", List.of(), 0, 0));
    return t;
  }

  private static Map<String, AttributeValue> item(String pk, String g, String data) {
    return g == null
        ? Map.of("pk", new AttributeValue.S(pk), "data", new AttributeValue.S(data))
        : Map.of("pk", new AttributeValue.S(pk), "g", new AttributeValue.S(g), "data", new AttributeValue.S(data));
  }

  @Test
  void replacingAnItemKeepsOneEntryInTheTableAndInTheIndex() {
    Table t = table();
    Map<String, AttributeValue> first = item("a", "x", "1");
    Map<String, AttributeValue> second = item("a", "x", "2");
    assertNull(t.put(first));
    assertSame(first, t.put(second));
    assertEquals(1, t.itemCount());
    assertSame(second, t.get(Map.of("pk", new AttributeValue.S("a"))));
    assertEquals(List.of(second), List.copyOf(t.partition("byG", new AttributeValue.S("x")).values()));
  }

  @Test
  void replacingAnItemWhoseIndexKeyChangedMovesItsIndexEntry() {
    Table t = table();
    t.put(item("a", "x", "1"));
    Map<String, AttributeValue> moved = item("a", "y", "2");
    t.put(moved);
    assertTrue(t.partition("byG", new AttributeValue.S("x")).isEmpty());
    assertEquals(List.of(moved), List.copyOf(t.partition("byG", new AttributeValue.S("y")).values()));
  }

  @Test
  void replacingAnItemWithoutTheIndexKeyDropsItFromTheSparseIndex() {
    Table t = table();
    t.put(item("a", "x", "1"));
    t.put(item("a", null, "2"));
    assertTrue(t.partition("byG", new AttributeValue.S("x")).isEmpty());
    t.put(item("a", "z", "3"));
    assertEquals(1, t.partition("byG", new AttributeValue.S("z")).size());
    assertEquals(1, t.itemCount());
  }
}
