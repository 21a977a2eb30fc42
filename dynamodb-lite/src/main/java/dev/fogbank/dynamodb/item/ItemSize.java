package dev.fogbank.dynamodb.item;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An item's size as DynamoDB counts it against the 400 KB limit and for capacity units (Amazon
 * DynamoDB Developer Guide, "Item sizes and formats"): attribute names and strings by UTF-8 length,
 * binary by length, a number about one byte per two significant digits plus one, null and boolean
 * one byte, lists and maps three bytes plus one byte per element.
 */
public final class ItemSize {

  /** 400 KB, the maximum item size including attribute names. */
  public static final int MAX_ITEM_BYTES = 400 * 1024;

  private ItemSize() {}

  public static int of(Map<String, AttributeValue> item) {
    int size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8(e.getKey()) + of(e.getValue());
    }
    return size;
  }

  public static int of(AttributeValue value) {
    return switch (value) {
      case AttributeValue.S s -> utf8(s.value());
      case AttributeValue.N n -> number(n.value());
      case AttributeValue.B b -> b.value().length();
      case AttributeValue.Bool b -> 1;
      case AttributeValue.Null n -> 1;
      case AttributeValue.SS ss -> ss.values().stream().mapToInt(ItemSize::utf8).sum();
      case AttributeValue.NS ns -> ns.values().stream().mapToInt(ItemSize::number).sum();
      case AttributeValue.BS bs -> bs.values().stream().mapToInt(Bytes::length).sum();
      case AttributeValue.L l -> 3 + l.values().stream().mapToInt(v -> 1 + of(v)).sum();
      case AttributeValue.M m ->
          3 + m.values().entrySet().stream().mapToInt(e -> 1 + utf8(e.getKey()) + of(e.getValue())).sum();
    };
  }

  private static int number(BigDecimal n) {
    int digits = n.signum() == 0 ? 1 : n.precision();
    return (digits + 1) / 2 + 1;
  }

  public static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
