package dev.fogbank.core.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.rest.Timestamps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a REST-XML request body into the engine tree, by the shape: child elements by their wire
 * names (namespace prefixes ignored), lists wrapped ({@code <Names><member>…}) or flattened
 * (repeated elements), maps as {@code entry/key/value}, {@code xmlAttribute} members from
 * attributes, timestamps ISO-8601 unless the model says otherwise. Elements the shape does not
 * know are ignored. DOCTYPEs are refused: no entity expansion, no external entities.
 */
final class XmlBodyReader {

  private static final DocumentBuilderFactory FACTORY = factory();

  /** Reports parse errors by throwing only; the JDK's default handler also prints them. */
  private static final ErrorHandler QUIET =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  private final Function<String, AwsException> malformed;

  /** @param malformed the protocol's error for a body that is not well-formed or not typed right */
  XmlBodyReader(Function<String, AwsException> malformed) {
    this.malformed = malformed;
  }

  private static DocumentBuilderFactory factory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setExpandEntityReferences(false);
    f.setXIncludeAware(false);
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    return f;
  }

  /** The document's root element, or null for an empty (or blank) body. */
  Element root(byte[] body) {
    if (isBlank(body)) {
      return null;
    }
    try {
      DocumentBuilder builder = FACTORY.newDocumentBuilder();
      builder.setErrorHandler(QUIET);
      return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw malformed.apply(
          "The XML you provided was not well-formed or did not validate against our published schema");
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The members of {@code shape} found in {@code element} ({@code bodyOnly}: skip bound ones). */
  ObjectNode structure(Shape shape, Element element, boolean bodyOnly) {
    ObjectNode out = Json.object();
    for (Member m : shape.members().values()) {
      if (bodyOnly && m.location() != null) {
        continue;
      }
      JsonNode value = member(m, element);
      if (value != null) {
        out.set(m.name(), value);
      }
    }
    return out;
  }

  private JsonNode member(Member m, Element parent) {
    String name = XmlNames.element(m);
    if (m.xmlAttribute()) {
      Attr attr = parent.getAttributeNode(name);
      if (attr == null) {
        attr = attribute(parent, XmlNames.local(name));
      }
      return attr == null ? null : scalar(m, attr.getValue());
    }
    Shape shape = m.shape();
    if (shape.type() == Shape.Type.LIST && m.flattened()) {
      List<Element> items = children(parent, name);
      if (items.isEmpty()) {
        return null;
      }
      ArrayNode array = Json.NODES.arrayNode();
      items.forEach(item -> array.add(value(shape.listMember(), item)));
      return array;
    }
    if (shape.type() == Shape.Type.MAP && m.flattened()) {
      List<Element> entries = children(parent, name);
      return entries.isEmpty() ? null : entries(shape, entries);
    }
    Element child = first(parent, name);
    return child == null ? null : value(m, child);
  }

  private JsonNode value(Member m, Element element) {
    Shape shape = m.shape();
    return switch (shape.type()) {
      case STRUCTURE -> structure(shape, element, false);
      case LIST -> {
        ArrayNode array = Json.NODES.arrayNode();
        for (Element item : children(element, XmlNames.item(shape))) {
          array.add(value(shape.listMember(), item));
        }
        yield array;
      }
      case MAP -> entries(shape, children(element, "entry"));
      default -> scalar(m, element.getTextContent());
    };
  }

  private ObjectNode entries(Shape map, List<Element> entries) {
    ObjectNode out = Json.object();
    for (Element entry : entries) {
      Element key = first(entry, XmlNames.key(map));
      Element value = first(entry, XmlNames.value(map));
      if (key != null && value != null) {
        out.set(key.getTextContent(), value(map.mapValue(), value));
      }
    }
    return out;
  }

  private JsonNode scalar(Member m, String text) {
    Shape shape = m.shape();
    try {
      return switch (shape.type()) {
        case INTEGER, LONG -> Json.NODES.numberNode(Long.parseLong(text.trim()));
        case FLOAT, DOUBLE -> Json.NODES.numberNode(Double.parseDouble(text.trim()));
        case BIGDECIMAL -> Json.NODES.numberNode(new BigDecimal(text.trim()));
        case BOOLEAN -> {
          String t = text.trim();
          if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException(t);
          }
          yield Json.NODES.booleanNode(Boolean.parseBoolean(t));
        }
        case TIMESTAMP ->
            Timestamps.node(
                Timestamps.parse(text, m.timestampFormat() != null ? m.timestampFormat() : Timestamps.ISO8601));
        case BLOB -> Json.NODES.textNode(text.trim());
        default -> Json.NODES.textNode(text);
      };
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw malformed.apply(
          "The XML you provided was not well-formed or did not validate against our published schema");
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName(e).equals(XmlNames.local(name))) {
        out.add(e);
      }
    }
    return out;
  }

  private static Element first(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName(e).equals(XmlNames.local(name))) {
        return e;
      }
    }
    return null;
  }

  private static Attr attribute(Element element, String local) {
    var attrs = element.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      String n = a.getLocalName() != null ? a.getLocalName() : a.getName();
      if (n.equals(local)) {
        return a;
      }
    }
    return null;
  }

  private static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : XmlNames.local(e.getTagName());
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
