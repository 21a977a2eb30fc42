package dev.fogbank.sns.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sns.SnsErrors;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SNS's checks of a message to publish, with its wording: attribute names, types and values
 * ({@code ParameterValueInvalid}), the subject, {@code MessageStructure=json}, and the 256 KB
 * limit on the message and its attributes together.
 */
public final class MessageValidation {

  /** "messages must be UTF-8 encoded strings and at most 256 KB in size (262,144 bytes)" (Publish). */
  public static final int MAX_BYTES = 262_144;

  private MessageValidation() {}

  /** Reads and checks the {@code MessageAttributes} map of a Publish input or batch entry. */
  public static Map<String, MessageAttribute> attributes(JsonNode node) {
    Map<String, MessageAttribute> out = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode a = e.getValue();
      name(name);
      String type = a.path("DataType").asText("");
      String base = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
      if (!base.equals("String") && !base.equals("Number") && !base.equals("Binary")) {
        throw SnsErrors.invalidParameterValue(
            "The message attribute '" + name + "' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
      }
      String string = a.hasNonNull("StringValue") ? a.get("StringValue").asText() : null;
      String binary = a.hasNonNull("BinaryValue") ? a.get("BinaryValue").asText() : null;
      if (string == null && binary == null) {
        throw emptyValue(name, type);
      }
      if (base.equals("Binary")) {
        if (binary == null) {
          throw SnsErrors.invalidParameterValue(
              "The message attribute '" + name + "' with type '" + type + "' must use field 'Binary'.");
        }
        if (binary.isEmpty()) {
          throw emptyValue(name, type);
        }
      } else {
        if (string == null) {
          throw SnsErrors.invalidParameterValue(
              "The message attribute '" + name + "' with type '" + type + "' must use field 'String'.");
        }
        if (string.isEmpty()) {
          throw emptyValue(name, type);
        }
        if (base.equals("Number")) {
          number(name, string);
        }
        if (type.equals("String.Array")) {
          array(name, string);
        }
      }
      out.put(name, new MessageAttribute(type, base.equals("Binary") ? null : string, base.equals("Binary") ? binary : null));
    }
    return out;
  }

  private static RuntimeException emptyValue(String name, String type) {
    return SnsErrors.invalidParameterValue(
        "The message attribute '" + name + "' must contain non-empty message attribute value for message attribute type '" + type + "'.");
  }

  /** SNS attribute names: A-Z, a-z, 0-9, '_', '-', '.'; no leading, trailing or successive dots; at most 256 bytes. */
  private static void name(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length > 256) {
      throw SnsErrors.invalidParameterValue("Length of message attribute name must be less than 256 bytes.");
    }
    if (name.startsWith(".")) {
      throw SnsErrors.invalidParameterValue("Invalid message attribute name starting with character '.' was found.");
    }
    if (name.endsWith(".")) {
      throw SnsErrors.invalidParameterValue("Invalid message attribute name ending with character '.' was found.");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
      if (!ok) {
        throw SnsErrors.invalidParameterValue(
            "Invalid non-alphanumeric character '#x" + Integer.toHexString(c).toUpperCase() + "' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.");
      }
      if (c == '.' && name.charAt(i - 1) == '.') {
        throw SnsErrors.invalidParameterValue("Message attribute name can not have successive '.' character.");
      }
    }
  }

  /** Number attributes: a number, "between -10^9 and 10^9 with 5 digits of accuracy after the decimal point" for filtering. */
  private static void number(String name, String value) {
    try {
      new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw SnsErrors.invalidParameterValue(
          "An invalid or out-of-range value '" + value + "' was supplied for the message attribute '" + name + "' with type 'Number'.");
    }
  }

  private static void array(String name, String value) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isArray()) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: Message attribute '" + name + "' has an invalid value for type 'String.Array'.");
    }
  }

  /** The bytes the 256 KB limit counts: the message, and each attribute's name, type and value. */
  public static int size(String message, Map<String, MessageAttribute> attributes) {
    int size = message.getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      MessageAttribute a = e.getValue();
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length + a.dataType().getBytes(StandardCharsets.UTF_8).length;
      size += a.binary() ? a.binaryValue().length() * 3 / 4 : a.stringValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }

  /** The subject: not empty, under 100 characters, no line breaks or control characters. */
  public static void subject(String subject) {
    if (subject == null) {
      return;
    }
    boolean bad = subject.isEmpty() || subject.length() >= 100 || subject.chars().anyMatch(Character::isISOControl);
    if (bad) {
      throw SnsErrors.invalidParameter("Invalid parameter: Subject");
    }
  }

  /**
   * {@code MessageStructure=json}: a JSON object with a string {@code default}; non-string values
   * are ignored, as the Publish reference says.
   */
  public static Map<String, String> structure(String message) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(message);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw SnsErrors.invalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse");
    }
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isTextual()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    if (!out.containsKey("default")) {
      throw SnsErrors.invalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body");
    }
    return out;
  }
}
