package dev.fogbank.dynamodb.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.DynamoDbErrors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts attribute values between the JSON wire ({@code {"S": "x"}}) and {@link
 * AttributeValue}, checking them as DynamoDB does: exactly one data type, no empty or duplicated
 * sets, numbers in range.
 */
public final class AttributeValues {

  private static final String INVALID = "One or more parameter values were invalid: ";

  private AttributeValues() {}

  /** An item or key: attribute name → value. */
  public static Map<String, AttributeValue> item(JsonNode node) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return item;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      item.put(e.getKey(), value(e.getValue()));
    }
    return item;
  }

  public static AttributeValue value(JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw DynamoDbErrors.validation(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    AttributeValue result = null;
    int types = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (e.getValue() == null || e.getValue().isNull()) {
        continue;
      }
      types++;
      result = typed(e.getKey(), e.getValue());
    }
    if (types == 0) {
      throw DynamoDbErrors.validation(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    if (types > 1) {
      throw DynamoDbErrors.validation(
          "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    }
    return result;
  }

  private static AttributeValue typed(String type, JsonNode v) {
    switch (type) {
      case "S":
        return new AttributeValue.S(v.asText());
      case "N":
        return new AttributeValue.N(Numbers.parse(v.asText()));
      case "B":
        return new AttributeValue.B(bytes(v.asText()));
      case "BOOL":
        return new AttributeValue.Bool(v.asBoolean());
      case "NULL":
        if (!v.asBoolean()) {
          throw DynamoDbErrors.validation(INVALID + "Null attribute value types must have the value of true");
        }
        return new AttributeValue.Null();
      case "SS": {
        if (v.isEmpty()) {
          throw DynamoDbErrors.validation(INVALID + "An string set  may not be empty");
        }
        Set<String> set = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (JsonNode x : v) {
          set.add(x.asText());
          all.add(x.asText());
        }
        if (set.size() != all.size()) {
          throw DynamoDbErrors.validation(INVALID + "Input collection " + all + " contains duplicates.");
        }
        return new AttributeValue.SS(set);
      }
      case "NS": {
        if (v.isEmpty()) {
          throw DynamoDbErrors.validation(INVALID + "An number set  may not be empty");
        }
        Set<BigDecimal> set = new LinkedHashSet<>();
        for (JsonNode x : v) {
          if (!set.add(Numbers.parse(x.asText()))) {
            throw DynamoDbErrors.validation("Input collection contains duplicates");
          }
        }
        return new AttributeValue.NS(set);
      }
      case "BS": {
        if (v.isEmpty()) {
          throw DynamoDbErrors.validation(INVALID + "An binary set  may not be empty");
        }
        Set<Bytes> set = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (JsonNode x : v) {
          set.add(bytes(x.asText()));
          all.add(x.asText());
        }
        if (set.size() != all.size()) {
          throw DynamoDbErrors.validation(INVALID + "Input collection " + all + "of type BS contains duplicates.");
        }
        return new AttributeValue.BS(set);
      }
      case "M":
        return new AttributeValue.M(item(v));
      case "L": {
        List<AttributeValue> list = new ArrayList<>();
        for (JsonNode x : v) {
          list.add(value(x));
        }
        return new AttributeValue.L(list);
      }
      default:
        throw DynamoDbErrors.validation(
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
  }

  private static Bytes bytes(String base64) {
    Bytes b = Bytes.fromBase64(base64);
    if (b == null) {
      throw dev.fogbank.core.error.CommonErrors.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " + base64.length());
    }
    return b;
  }

  public static ObjectNode json(Map<String, AttributeValue> item) {
    ObjectNode node = Json.object();
    item.forEach((k, v) -> node.set(k, json(v)));
    return node;
  }

  public static ObjectNode json(AttributeValue value) {
    ObjectNode node = Json.object();
    switch (value) {
      case AttributeValue.S s -> node.put("S", s.value());
      case AttributeValue.N n -> node.put("N", Numbers.format(n.value()));
      case AttributeValue.B b -> node.put("B", b.value().base64());
      case AttributeValue.Bool b -> node.put("BOOL", b.value());
      case AttributeValue.Null n -> node.put("NULL", true);
      case AttributeValue.SS ss -> {
        ArrayNode a = node.putArray("SS");
        ss.values().forEach(a::add);
      }
      case AttributeValue.NS ns -> {
        ArrayNode a = node.putArray("NS");
        ns.values().forEach(x -> a.add(Numbers.format(x)));
      }
      case AttributeValue.BS bs -> {
        ArrayNode a = node.putArray("BS");
        bs.values().forEach(x -> a.add(x.base64()));
      }
      case AttributeValue.M m -> node.set("M", json(m.values()));
      case AttributeValue.L l -> {
        ArrayNode a = node.putArray("L");
        l.values().forEach(x -> a.add(json(x)));
      }
    }
    return node;
  }

  /** The value as DynamoDB prints it inside error messages: {@code {S:x}}-like, kept short. */
  public static String describe(AttributeValue value) {
    return switch (value) {
      case AttributeValue.S s -> s.value();
      case AttributeValue.N n -> Numbers.format(n.value());
      case AttributeValue.B b -> b.value().base64();
      default -> Json.text(json(value));
    };
  }
}
