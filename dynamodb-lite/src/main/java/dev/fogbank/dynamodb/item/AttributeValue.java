package dev.fogbank.dynamodb.item;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One DynamoDB attribute value, immutable: the ten data types of the API's {@code AttributeValue}
 * (S, N, B, SS, NS, BS, M, L, NULL, BOOL). Equality is DynamoDB's: numbers by value, sets
 * regardless of order.
 */
public sealed interface AttributeValue
    permits AttributeValue.S,
        AttributeValue.N,
        AttributeValue.B,
        AttributeValue.SS,
        AttributeValue.NS,
        AttributeValue.BS,
        AttributeValue.M,
        AttributeValue.L,
        AttributeValue.Null,
        AttributeValue.Bool {

  /** The data type descriptor as the API spells it: {@code S}, {@code NS}, {@code NULL}… */
  String type();

  /*
   * The scalar types spell out equals and hashCode: key values are compared on every item lookup,
   * and a record's generated methods cost a method-handle dispatch there.
   */

  record S(String value) implements AttributeValue {
    public String type() {
      return "S";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof S s && Objects.equals(value, s.value);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(value);
    }
  }

  record N(BigDecimal value) implements AttributeValue {
    public N {
      value = Numbers.normalize(value);
    }

    public String type() {
      return "N";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof N n && Objects.equals(value, n.value);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(value);
    }
  }

  record B(Bytes value) implements AttributeValue {
    public String type() {
      return "B";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof B b && Objects.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(value);
    }
  }

  record SS(Set<String> values) implements AttributeValue {
    public SS {
      values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    public String type() {
      return "SS";
    }
  }

  record NS(Set<BigDecimal> values) implements AttributeValue {
    public NS {
      LinkedHashSet<BigDecimal> normalized = new LinkedHashSet<>();
      values.forEach(v -> normalized.add(Numbers.normalize(v)));
      values = Collections.unmodifiableSet(normalized);
    }

    public String type() {
      return "NS";
    }
  }

  record BS(Set<Bytes> values) implements AttributeValue {
    public BS {
      values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    public String type() {
      return "BS";
    }
  }

  record M(Map<String, AttributeValue> values) implements AttributeValue {
    public M {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String type() {
      return "M";
    }
  }

  record L(List<AttributeValue> values) implements AttributeValue {
    public L {
      values = List.copyOf(values);
    }

    public String type() {
      return "L";
    }
  }

  record Null() implements AttributeValue {
    public String type() {
      return "NULL";
    }
  }

  record Bool(boolean value) implements AttributeValue {
    public String type() {
      return "BOOL";
    }
  }

  static S s(String value) {
    return new S(value);
  }

  static N n(String value) {
    return new N(Numbers.parse(value));
  }

  static N n(long value) {
    return new N(BigDecimal.valueOf(value));
  }

  /** Whether the value is a set type (SS, NS, BS): the types ADD and DELETE work on. */
  default boolean isSet() {
    return this instanceof SS || this instanceof NS || this instanceof BS;
  }

  /** Whether the value may be a key attribute (S, N or B). */
  default boolean isScalarKeyType() {
    return this instanceof S || this instanceof N || this instanceof B;
  }
}
