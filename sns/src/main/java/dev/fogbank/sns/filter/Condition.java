package dev.fogbank.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * One match expression of a filter policy, tested against one value of the message (an attribute
 * value, an element of a {@code String.Array}, or a leaf of the JSON body). Values are JSON nodes:
 * strings, numbers ({@code Number} attributes), booleans and null.
 */
sealed interface Condition {

  /** Whether the value matches; {@code value} is never null here (absence is tested by {@link Exists}). */
  boolean test(JsonNode value);

  /** {@code "red"}, {@code 5}, {@code true}, {@code null}: the same type and the same value. */
  record Exact(JsonNode expected) implements Condition {
    @Override
    public boolean test(JsonNode value) {
      return same(expected, value);
    }
  }

  record Prefix(String prefix) implements Condition {
    @Override
    public boolean test(JsonNode value) {
      return value.isTextual() && value.asText().startsWith(prefix);
    }
  }

  record Suffix(String suffix) implements Condition {
    @Override
    public boolean test(JsonNode value) {
      return value.isTextual() && value.asText().endsWith(suffix);
    }
  }

  record EqualsIgnoreCase(String expected) implements Condition {
    @Override
    public boolean test(JsonNode value) {
      return value.isTextual() && value.asText().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
    }
  }

  /** {@code anything-but}: the key is present and its value is none of these (or lacks the prefix/suffix). */
  record AnythingBut(List<Condition> excluded) implements Condition {
    @Override
    public boolean test(JsonNode value) {
      for (Condition c : excluded) {
        if (c.test(value)) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code numeric}: each (operator, operand) pair must hold; only numbers match. */
  record Numeric(List<String> operators, List<Double> operands) implements Condition {
    @Override
    public boolean test(JsonNode value) {
      if (!value.isNumber()) {
        return false;
      }
      double v = value.asDouble();
      for (int i = 0; i < operators.size(); i++) {
        double o = operands.get(i);
        boolean ok =
            switch (operators.get(i)) {
              case "=" -> v == o;
              case ">" -> v > o;
              case ">=" -> v >= o;
              case "<" -> v < o;
              case "<=" -> v <= o;
              default -> false;
            };
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code exists}: tested on the key's presence, not on a value. */
  record Exists(boolean exists) implements Condition {
    @Override
    public boolean test(JsonNode value) {
      return exists;
    }
  }

  /** {@code cidr}: a string value that is an IP address inside the block. */
  record Cidr(byte[] network, int bits) implements Condition {
    @Override
    public boolean test(JsonNode value) {
      if (!value.isTextual()) {
        return false;
      }
      byte[] address = ipLiteral(value.asText());
      if (address == null || address.length != network.length) {
        return false;
      }
      int total = address.length * 8;
      BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE).shiftRight(bits).not();
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }

  /** An IPv4 or IPv6 literal's bytes, or null: never a DNS lookup. */
  static byte[] ipLiteral(String text) {
    boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.asDouble() == b.asDouble();
    }
    if (a.isTextual() && b.isTextual()) {
      return a.asText().equals(b.asText());
    }
    if (a.isBoolean() && b.isBoolean()) {
      return a.asBoolean() == b.asBoolean();
    }
    return a.isNull() && b.isNull();
  }
}
