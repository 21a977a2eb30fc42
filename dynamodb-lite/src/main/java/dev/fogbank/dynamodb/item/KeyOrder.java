package dev.fogbank.dynamodb.item;

import java.util.Comparator;

/**
 * How DynamoDB orders key values and compares scalars in conditions: strings by their UTF-8 bytes
 * taken as unsigned, binary as unsigned bytes, numbers by value (Amazon DynamoDB Developer Guide,
 * "Comparison operator and function reference").
 */
public final class KeyOrder implements Comparator<AttributeValue> {

  public static final KeyOrder INSTANCE = new KeyOrder();

  private KeyOrder() {}

  /** Whether two values can be ordered against each other: same scalar type S, N or B. */
  public static boolean comparable(AttributeValue a, AttributeValue b) {
    return a.isScalarKeyType() && a.getClass() == b.getClass();
  }

  @Override
  public int compare(AttributeValue a, AttributeValue b) {
    if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
      return x.value().compareTo(y.value());
    }
    if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
      return compareUtf8(x.value(), y.value());
    }
    if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
      return x.value().compareTo(y.value());
    }
    // keys of one attribute always have one type; order mixed types by type name for stability
    return a.type().compareTo(b.type());
  }

  /**
   * DynamoDB orders strings by their UTF-8 bytes, which is Unicode code point order. UTF-16
   * order (String.compareTo) differs only where a surrogate pair meets a character from U+E000
   * to U+FFFF, so compare code units and fix that case up, without encoding either string.
   */
  public static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) != Character.isSurrogate(y) && (x >= 0xD800 && y >= 0xD800)) {
          // a surrogate (a code point above U+FFFF) sorts after any U+E000..U+FFFF character
          return Character.isSurrogate(x) ? 1 : -1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
