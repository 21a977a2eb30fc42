package dev.fogbank.core.protocol.restxml;

import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Shape;

/** Element names of REST-XML bodies, as the AWS SDKs derive them from the model. */
final class XmlNames {

  private XmlNames() {}

  /**
   * The element a structure member is written as: for a flattened list its items' own name when
   * the model gives one (each item is an element of the parent), else the member's {@code
   * locationName}, else its name.
   */
  static String element(Member m) {
    Shape shape = m.shape();
    if (shape.type() == Shape.Type.LIST && m.flattened() && shape.listMember().locationName() != null) {
      return shape.listMember().locationName();
    }
    return m.locationName() != null ? m.locationName() : m.name();
  }

  /** The element of each item of a non-flattened list: its {@code locationName}, else {@code member}. */
  static String item(Shape list) {
    String name = list.listMember().locationName();
    return name != null ? name : "member";
  }

  static String key(Shape map) {
    String name = map.mapKey().locationName();
    return name != null ? name : "key";
  }

  static String value(Shape map) {
    String name = map.mapValue().locationName();
    return name != null ? name : "value";
  }

  /** A name without its namespace prefix ({@code xsi:type} → {@code type}). */
  static String local(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }
}
