package dev.fogbank.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** S3's XML: a small writer for responses and DOM reading (namespace-blind) for request bodies. */
final class Xml {

  static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
  static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  private final StringBuilder sb = new StringBuilder(256);

  private Xml() {}

  /** A document whose root element carries S3's namespace. */
  static Xml document(String root) {
    Xml xml = new Xml();
    xml.sb.append(DECLARATION).append('<').append(root).append(" xmlns=\"").append(NS).append("\">");
    return xml;
  }

  Xml open(String name) {
    sb.append('<').append(name).append('>');
    return this;
  }

  Xml close(String name) {
    sb.append("</").append(name).append('>');
    return this;
  }

  /** An element with text; nothing when the value is null. */
  Xml element(String name, Object value) {
    if (value != null) {
      sb.append('<').append(name).append('>');
      escape(String.valueOf(value));
      sb.append("</").append(name).append('>');
    }
    return this;
  }

  Xml raw(String xml) {
    sb.append(xml);
    return this;
  }

  String end(String root) {
    return sb.append("</").append(root).append('>').toString();
  }

  private void escape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        case '\r' -> sb.append("&#13;");
        default -> sb.append(c);
      }
    }
  }

  static String escaped(String s) {
    Xml x = new Xml();
    x.escape(s);
    return x.sb.toString();
  }

  /** The root element of a request body; MalformedXML when it is not XML. */
  static Element parse(byte[] body) {
    if (body.length == 0) {
      throw S3Errors.malformedXml();
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
    } catch (Exception e) {
      throw S3Errors.malformedXml();
    }
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) {
        out.add(e);
      }
    }
    return out;
  }

  static Element child(Element parent, String name) {
    List<Element> all = children(parent, name);
    return all.isEmpty() ? null : all.get(0);
  }

  static String text(Element parent, String name) {
    Element e = parent == null ? null : child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }
}
