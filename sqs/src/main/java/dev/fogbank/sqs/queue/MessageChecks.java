package dev.fogbank.sqs.queue;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.sqs.SqsErrors;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SendMessage's content rules: the characters a body and string attribute values may contain,
 * message attribute names, types and values (at most 10), and the size limit that body and
 * attributes share (SendMessage API reference; SQS Developer Guide, "Amazon SQS message
 * attributes").
 */
public final class MessageChecks {

  public static final int MAX_ATTRIBUTES = 10;
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,256}");

  private MessageChecks() {}

  /** #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF. */
  public static boolean validCharacters(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean ok =
          c == 0x9 || c == 0xA || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      if (!ok || (Character.isSurrogate(text.charAt(i)) && c < 0x10000)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  public static void checkBody(String body) {
    if (body == null || body.isEmpty()) {
      throw SqsErrors.missingParameter("MessageBody");
    }
    if (!validCharacters(body)) {
      throw SqsErrors.invalidMessageContents();
    }
  }

  /** Checks user message attributes as SendMessage does. */
  public static void checkAttributes(Map<String, MessageAttribute> attributes) {
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw SqsErrors.invalidParameterValue(
          "Number of message attributes [" + attributes.size() + "] exceeds the allowed maximum [10].");
    }
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      checkAttribute(e.getKey(), e.getValue(), "message (user) attribute");
    }
  }

  /** The one message system attribute a sender may set is {@code AWSTraceHeader}, a String. */
  public static void checkSystemAttributes(Map<String, MessageAttribute> attributes) {
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      if (!e.getKey().equals("AWSTraceHeader")) {
        throw SqsErrors.invalidParameterValue("Message system attribute name '" + e.getKey() + "' is invalid.");
      }
      MessageAttribute a = e.getValue();
      if (!"String".equals(a.dataType()) || a.stringValue() == null || a.stringValue().isEmpty()) {
        throw SqsErrors.invalidParameterValue(
            "Message system attribute 'AWSTraceHeader' must be of type 'String' and contain a non-empty value.");
      }
    }
  }

  private static void checkAttribute(String name, MessageAttribute a, String kind) {
    if (name.isEmpty()) {
      throw SqsErrors.invalidParameterValue("The request must contain non-empty message attribute name.");
    }
    if (!ATTRIBUTE_NAME.matcher(name).matches()
        || name.startsWith(".")
        || name.endsWith(".")
        || name.contains("..")
        || name.regionMatches(true, 0, "AWS.", 0, 4)
        || name.regionMatches(true, 0, "Amazon.", 0, 7)) {
      throw SqsErrors.invalidParameterValue(
          "Message (user) attribute name '" + name + "' is invalid. The attribute name can contain "
              + "alphanumeric characters, hyphens, underscores and periods, must not start or end with a period, "
              + "must not contain consecutive periods and must not start with AWS. or Amazon.");
    }
    if (a.dataType() == null || a.dataType().isEmpty()) {
      throw SqsErrors.invalidParameterValue(
          "The message attribute '" + name + "' must contain non-empty message attribute type.");
    }
    String type = a.baseType();
    switch (type) {
      case "String", "Number" -> {
        if (a.stringValue() == null || a.stringValue().isEmpty()) {
          throw emptyValue(kind, name, type);
        }
        if (!validCharacters(a.stringValue())) {
          throw SqsErrors.invalidParameterValue(
              "Message (user) attribute '" + name + "' must contain valid unicode characters.");
        }
        if (type.equals("Number") && !isNumber(a.stringValue())) {
          throw SqsErrors.invalidParameterValue(
              "Can't cast the value of message (user) attribute '" + name + "' to a number.");
        }
      }
      case "Binary" -> {
        if (a.binaryValue() == null || a.binaryValue().length == 0) {
          throw emptyValue(kind, name, type);
        }
      }
      default ->
          throw SqsErrors.invalidParameterValue(
              "The type of message (user) attribute '" + name + "' is invalid. You must use only the "
                  + "following supported type prefixes: Binary, Number, String.");
    }
  }

  private static AwsException emptyValue(String kind, String name, String type) {
    return SqsErrors.invalidParameterValue(
        "The " + kind + " '" + name + "' must contain a non-empty message attribute value for message attribute type '"
            + type + "'.");
  }

  private static boolean isNumber(String s) {
    try {
      new BigDecimal(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Body plus attribute names, types and values, in bytes — what the size limit counts. */
  public static int size(String body, Map<String, MessageAttribute> attributes) {
    int size = utf8Length(body);
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      MessageAttribute a = e.getValue();
      size += utf8Length(e.getKey()) + utf8Length(a.dataType());
      if (a.stringValue() != null) {
        size += utf8Length(a.stringValue());
      } else if (a.binaryValue() != null) {
        size += a.binaryValue().length;
      }
    }
    return size;
  }

  static int utf8Length(String s) {
    if (s == null) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
