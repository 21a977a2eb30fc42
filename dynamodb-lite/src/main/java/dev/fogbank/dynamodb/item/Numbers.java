package dev.fogbank.dynamodb.item;

import dev.fogbank.dynamodb.DynamoDbErrors;
import java.math.BigDecimal;

/**
 * DynamoDB's number type: up to 38 significant digits, magnitudes from 1E-130 to 9.9999…E+125
 * (Amazon DynamoDB Developer Guide, "Naming rules and data types"). Numbers travel as strings and
 * are kept as normalised {@link BigDecimal}s, so {@code 1.50} and {@code 1.5} are the same value.
 */
public final class Numbers {

  private Numbers() {}

  /** Parses a number of the wire, with DynamoDB's ValidationException wording for bad ones. */
  public static BigDecimal parse(String text) {
    if (text == null || text.isEmpty()) {
      throw DynamoDbErrors.validation("The parameter cannot be converted to a numeric value");
    }
    BigDecimal n;
    try {
      n = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw DynamoDbErrors.validation("The parameter cannot be converted to a numeric value: " + text);
    }
    n = normalize(n);
    if (n.signum() == 0) {
      return n;
    }
    // exponent of the leading digit: d.ddd × 10^e
    int e = n.precision() - n.scale() - 1;
    if (e > 125) {
      throw DynamoDbErrors.validation(
          "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }
    if (e < -130) {
      throw DynamoDbErrors.validation(
          "Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }
    if (n.precision() > 38) {
      throw DynamoDbErrors.validation("Attempting to store more than 38 significant digits in a Number");
    }
    return n;
  }

  /** The result of arithmetic (SET a = a + :n, ADD), checked against the same limits. */
  public static BigDecimal checked(BigDecimal n) {
    return parse(n.toPlainString());
  }

  public static BigDecimal normalize(BigDecimal n) {
    return n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
  }

  /** DynamoDB answers numbers in plain notation without trailing zeros. */
  public static String format(BigDecimal n) {
    return n.toPlainString();
  }
}
