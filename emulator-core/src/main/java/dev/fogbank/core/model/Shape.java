package dev.fogbank.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shape of a service model: structure, list, map or scalar, with the constraints the service
 * validates (required members, length and value ranges, enums, patterns).
 */
public final class Shape {

  public enum Type {
    STRUCTURE, LIST, MAP, STRING, INTEGER, LONG, FLOAT, DOUBLE, BOOLEAN, TIMESTAMP, BLOB,
    BIGDECIMAL, CHARACTER;

    static Type of(String name) {
      return switch (name) {
        case "structure" -> STRUCTURE;
        case "list" -> LIST;
        case "map" -> MAP;
        case "string" -> STRING;
        case "integer" -> INTEGER;
        case "long" -> LONG;
        case "float" -> FLOAT;
        case "double" -> DOUBLE;
        case "boolean" -> BOOLEAN;
        case "timestamp" -> TIMESTAMP;
        case "blob" -> BLOB;
        case "bigdecimal" -> BIGDECIMAL;
        case "character" -> CHARACTER;
        default -> throw new IllegalArgumentException("unknown shape type " + name);
      };
    }

    public boolean isNumber() {
      return this == INTEGER || this == LONG || this == FLOAT || this == DOUBLE || this == BIGDECIMAL;
    }
  }

  final String name;
  final Type type;
  final Map<String, Member> members = new LinkedHashMap<>();
  Set<String> required = Set.of();
  Member listMember;
  Member mapKey;
  Member mapValue;
  boolean flattened;
  Double min;
  Double max;
  List<String> enumValues;
  String pattern;
  String timestampFormat;
  String payload;
  boolean exception;
  boolean streaming;
  boolean union;
  String errorCode;
  int errorStatus;
  boolean senderFault = true;
  String xmlNamespace;
  String locationName;

  Shape(String name, Type type) {
    this.name = name;
    this.type = type;
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public Map<String, Member> members() {
    return members;
  }

  public Member member(String name) {
    return members.get(name);
  }

  public Set<String> required() {
    return required;
  }

  public Member listMember() {
    return listMember;
  }

  public Member mapKey() {
    return mapKey;
  }

  public Member mapValue() {
    return mapValue;
  }

  public boolean flattened() {
    return flattened;
  }

  public Double min() {
    return min;
  }

  public Double max() {
    return max;
  }

  public List<String> enumValues() {
    return enumValues;
  }

  public String pattern() {
    return pattern;
  }

  public String timestampFormat() {
    return timestampFormat;
  }

  /** The member bound to the HTTP body in REST protocols, or null. */
  public String payload() {
    return payload;
  }

  public boolean exception() {
    return exception;
  }

  public boolean streaming() {
    return streaming;
  }

  public boolean union() {
    return union;
  }

  /** The error code the model gives this exception shape ({@code error.code}), or null. */
  public String errorCode() {
    return errorCode;
  }

  public int errorStatus() {
    return errorStatus;
  }

  public boolean senderFault() {
    return senderFault;
  }

  public String xmlNamespace() {
    return xmlNamespace;
  }

  public String locationName() {
    return locationName;
  }

  @Override
  public String toString() {
    return name + ":" + type;
  }
}
