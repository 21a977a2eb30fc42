package dev.fogbank.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the members of a decoded input tree (model member names as keys). */
public final class Inputs {

  private Inputs() {}

  public static String text(ObjectNode input, String member) {
    JsonNode v = input.get(member);
    return v == null || v.isNull() ? null : v.asText();
  }

  public static Integer integer(ObjectNode input, String member) {
    JsonNode v = input.get(member);
    return v == null || v.isNull() ? null : v.asInt();
  }

  public static Long number(ObjectNode input, String member) {
    JsonNode v = input.get(member);
    return v == null || v.isNull() ? null : v.asLong();
  }

  public static boolean flag(ObjectNode input, String member, boolean otherwise) {
    JsonNode v = input.get(member);
    return v == null || v.isNull() ? otherwise : v.asBoolean();
  }

  /** A list of strings, empty when absent. */
  public static List<String> strings(ObjectNode input, String member) {
    List<String> out = new ArrayList<>();
    JsonNode v = input.get(member);
    if (v != null && v.isArray()) {
      v.forEach(item -> out.add(item.asText()));
    }
    return out;
  }

  /** A map of strings (tags), in input order; empty when absent. */
  public static Map<String, String> stringMap(ObjectNode input, String member) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode v = input.get(member);
    if (v != null && v.isObject()) {
      v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
