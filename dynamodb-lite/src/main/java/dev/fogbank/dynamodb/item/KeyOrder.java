package dev.fogbank.dynamodb.item;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

  public static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
