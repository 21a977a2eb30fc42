package dev.fogbank.core.protocol.xml;

import java.nio.charset.StandardCharsets;

/** A small streaming XML writer for response bodies; escapes text as AWS does. */
public final class XmlWriter {

  private final StringBuilder sb = new StringBuilder(1024);

  public XmlWriter declaration() {
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    return this;
  }

  public XmlWriter start(String name) {
    sb.append('<').append(name).append('>');
    return this;
  }

  public XmlWriter start(String name, String xmlns) {
    sb.append('<').append(name);
    if (xmlns != null) {
      sb.append(" xmlns=\"").append(xmlns).append('"');
    }
    sb.append('>');
    return this;
  }

  public XmlWriter end(String name) {
    sb.append("</").append(name).append('>');
    return this;
  }

  public XmlWriter element(String name, String text) {
    if (text == null) {
      return this;
    }
    start(name);
    text(text);
    return end(name);
  }

  public XmlWriter empty(String name) {
    sb.append('<').append(name).append("/>");
    return this;
  }

  /**
   * Escapes markup and the characters XML parsers would normalise away: a carriage return inside
   * an SQS message body must survive the round trip, so it is written as {@code &#xD;}.
   */
  public XmlWriter text(String text) {
    // Copies runs that need no escaping in one append: most text (message bodies) has none.
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      String escaped =
          switch (text.charAt(i)) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&apos;";
            case '\r' -> "&#xD;";
            default -> null;
          };
      if (escaped != null) {
        sb.append(text, run, i).append(escaped);
        run = i + 1;
      }
    }
    sb.append(text, run, text.length());
    return this;
  }

  public byte[] bytes() {
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
