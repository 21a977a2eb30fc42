package dev.fogbank.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sqs.queue.MessageAttribute;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading operation inputs and writing outputs: the trees the codecs hand over (model member names). */
final class Inputs {

  private Inputs() {}

  static String text(JsonNode in, String name) {
    JsonNode v = in.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Integer integer(JsonNode in, String name) {
    JsonNode v = in.get(name);
    return v == null || v.isNull() ? null : v.asInt();
  }

  static List<String> strings(JsonNode in, String name) {
    JsonNode v = in.get(name);
    if (v == null || !v.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(v.size());
    v.forEach(s -> out.add(s.asText()));
    return out;
  }

  static Map<String, String> stringMap(JsonNode in, String name) {
    JsonNode v = in.get(name);
    if (v == null || !v.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    return out;
  }

  /** Message (system) attributes, sorted by name as the MD5 digest needs them. */
  static Map<String, MessageAttribute> messageAttributes(JsonNode in, String name) {
    JsonNode v = in.get(name);
    if (v == null || !v.isObject() || v.isEmpty()) {
      return Collections.emptySortedMap();
    }
    TreeMap<String, MessageAttribute> out = new TreeMap<>();
    v.fields()
        .forEachRemaining(
            e -> {
              JsonNode a = e.getValue();
              List<byte[]> binaries = new ArrayList<>();
              a.path("BinaryListValues").forEach(b -> binaries.add(base64(b.asText())));
              out.put(
                  e.getKey(),
                  new MessageAttribute(
                      text(a, "DataType"),
                      text(a, "StringValue"),
                      a.hasNonNull("BinaryValue") ? base64(a.get("BinaryValue").asText()) : null,
                      strings(a, "StringListValues"),
                      binaries));
            });
    return out;
  }

  private static byte[] base64(String text) {
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw SqsErrors.invalidParameterValue("Binary value is not valid base64.");
    }
  }

  static ObjectNode attributeJson(MessageAttribute a) {
    ObjectNode node = Json.object();
    if (a.stringValue() != null) {
      node.put("StringValue", a.stringValue());
    }
    if (a.binaryValue() != null) {
      node.put("BinaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
    }
    if (!a.stringListValues().isEmpty()) {
      ArrayNode list = node.putArray("StringListValues");
      a.stringListValues().forEach(list::add);
    }
    if (!a.binaryListValues().isEmpty()) {
      ArrayNode list = node.putArray("BinaryListValues");
      a.binaryListValues().forEach(b -> list.add(Base64.getEncoder().encodeToString(b)));
    }
    node.put("DataType", a.dataType());
    return node;
  }

  static ObjectNode stringMapJson(Map<String, String> map) {
    ObjectNode node = Json.object();
    map.forEach(node::put);
    return node;
  }
}
