package dev.fogbank.core.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.rest.Timestamps;
import dev.fogbank.core.protocol.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an engine tree as a REST-XML body by the shape: the inverse of {@link XmlBodyReader}.
 * Members in model order; {@code xmlAttribute} members as attributes of their parent; timestamps
 * ISO-8601 with milliseconds unless the model says otherwise.
 */
final class XmlBodyWriter {

  private final StringBuilder sb = new StringBuilder(256);

  XmlBodyWriter declaration() {
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    return this;
  }

  /** {@code <name xmlns="…">members</name>} for a structure ({@code bodyOnly}: skip bound members). */
  XmlBodyWriter root(String name, String xmlns, Shape shape, JsonNode node, boolean bodyOnly) {
    List<String> attributes = new ArrayList<>();
    if (xmlns != null) {
      attributes.add("xmlns=\"" + escape(xmlns) + "\"");
    }
    structureElement(name, attributes, shape, node, bodyOnly);
    return this;
  }

  private void structureElement(String name, List<String> attributes, Shape shape, JsonNode node, boolean bodyOnly) {
    List<String> attrs = new ArrayList<>(attributes);
    for (Member m : shape.members().values()) {
      JsonNode v = node == null ? null : node.get(m.name());
      if (m.xmlAttribute() && v != null && !v.isNull() && (!bodyOnly || m.location() == null)) {
        String attr = XmlNames.element(m);
        if (m.xmlNamespace() != null && attr.indexOf(':') > 0) {
          attrs.add("xmlns:" + attr.substring(0, attr.indexOf(':')) + "=\"" + escape(m.xmlNamespace()) + "\"");
        }
        attrs.add(attr + "=\"" + escape(scalar(m, v)) + "\"");
      }
    }
    sb.append('<').append(name);
    for (String a : attrs) {
      sb.append(' ').append(a);
    }
    sb.append('>');
    for (Map.Entry<String, Member> e : shape.members().entrySet()) {
      Member m = e.getValue();
      if (m.xmlAttribute() || (bodyOnly && m.location() != null)) {
        continue;
      }
      JsonNode v = node == null ? null : node.get(m.name());
      if (v != null && !v.isNull()) {
        member(m, XmlNames.element(m), v);
      }
    }
    sb.append("</").append(name).append('>');
  }

  private void member(Member m, String name, JsonNode v) {
    Shape shape = m.shape();
    switch (shape.type()) {
      case STRUCTURE -> {
        List<String> ns = new ArrayList<>();
        if (m.xmlNamespace() != null) {
          ns.add("xmlns=\"" + escape(m.xmlNamespace()) + "\"");
        }
        structureElement(name, ns, shape, v, false);
      }
      case LIST -> {
        if (m.flattened()) {
          for (JsonNode item : v) {
            member(shape.listMember(), name, item);
          }
        } else {
          sb.append('<').append(name).append('>');
          String itemName = XmlNames.item(shape);
          for (JsonNode item : v) {
            member(shape.listMember(), itemName, item);
          }
          sb.append("</").append(name).append('>');
        }
      }
      case MAP -> {
        if (!m.flattened()) {
          sb.append('<').append(name).append('>');
        }
        String entry = m.flattened() ? name : "entry";
        v.fields()
            .forEachRemaining(
                f -> {
                  sb.append('<').append(entry).append('>');
                  element(XmlNames.key(shape), f.getKey());
                  member(shape.mapValue(), XmlNames.value(shape), f.getValue());
                  sb.append("</").append(entry).append('>');
                });
        if (!m.flattened()) {
          sb.append("</").append(name).append('>');
        }
      }
      default -> element(name, scalar(m, v));
    }
  }

  private void element(String name, String text) {
    sb.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
  }

  private static String scalar(Member m, JsonNode v) {
    if (m.shape().type() == Shape.Type.TIMESTAMP) {
      return Timestamps.format(v, m.timestampFormat() != null ? m.timestampFormat() : Timestamps.ISO8601);
    }
    return v.asText();
  }

  private static String escape(String text) {
    return new XmlWriter().text(text).toString();
  }

  byte[] bytes() {
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
