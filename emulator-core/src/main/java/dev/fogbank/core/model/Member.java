package dev.fogbank.core.model;

/**
 * A member of a structure (or the member/key/value of a list or map): its target shape and where
 * it travels on the wire.
 */
public final class Member {

  final String name;
  final String shapeName;
  Shape shape;
  String location;
  String locationName;
  String queryName;
  boolean flattened;
  boolean xmlAttribute;
  String xmlNamespace;
  String timestampFormat;
  boolean idempotencyToken;
  boolean jsonValue;
  boolean hostLabel;

  Member(String name, String shapeName) {
    this.name = name;
    this.shapeName = shapeName;
  }

  /** The member's name in the model (also its key in the engine's JSON tree). */
  public String name() {
    return name;
  }

  public Shape shape() {
    return shape;
  }

  /** {@code header}, {@code headers}, {@code uri}, {@code querystring}, {@code statusCode} or null (body). */
  public String location() {
    return location;
  }

  public String locationName() {
    return locationName;
  }

  /** The name on the JSON wire: {@code locationName} if the model gives one, else the name. */
  public String jsonName() {
    return locationName != null ? locationName : name;
  }

  /**
   * The name in query parameters and query XML: a service's wire patch, else {@code
   * locationName}, else the member name.
   */
  public String queryName() {
    if (queryName != null) {
      return queryName;
    }
    return locationName != null ? locationName : name;
  }

  /** The name in query parameters and XML if one was given explicitly, or null. */
  public String explicitQueryName() {
    return queryName != null ? queryName : locationName;
  }

  public boolean flattened() {
    return flattened || (shape != null && shape.flattened);
  }

  public boolean xmlAttribute() {
    return xmlAttribute;
  }

  public String xmlNamespace() {
    return xmlNamespace;
  }

  /** The member's timestamp format, falling back to its shape's. */
  public String timestampFormat() {
    return timestampFormat != null ? timestampFormat : shape.timestampFormat;
  }

  public boolean idempotencyToken() {
    return idempotencyToken;
  }

  public boolean jsonValue() {
    return jsonValue;
  }

  public boolean hostLabel() {
    return hostLabel;
  }

  @Override
  public String toString() {
    return name + "->" + shapeName;
  }
}
