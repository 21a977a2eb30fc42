package dev.fogbank.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reading decoded inputs and writing the small shapes SNS outputs share. */
final class Inputs {

  /** SNS pages its lists 100 at a time. */
  static final int PAGE_SIZE = 100;

  private Inputs() {}

  static String text(JsonNode in, String name) {
    JsonNode v = in.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Map<String, String> stringMap(JsonNode in, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode v = in.get(name);
    if (v != null && v.isObject()) {
      v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    }
    return out;
  }

  static ObjectNode attributes(Map<String, String> attributes) {
    ObjectNode out = Json.object();
    ObjectNode map = out.putObject("Attributes");
    attributes.forEach(map::put);
    return out;
  }

  /** One page of {@code items} (sorted by key) after {@code nextToken}, written under {@code listName}. */
  static <T> ObjectNode page(
      Collection<T> items, Function<T, String> key, Function<T, JsonNode> render, String nextToken, String listName) {
    String after = null;
    if (nextToken != null && !nextToken.isEmpty()) {
      try {
        after = new String(Base64.getDecoder().decode(nextToken), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw SnsErrors.invalidParameter("Invalid parameter: NextToken");
      }
    }
    List<T> page = new ArrayList<>();
    T last = null;
    boolean more = false;
    for (T item : items) {
      if (after != null && key.apply(item).compareTo(after) <= 0) {
        continue;
      }
      if (page.size() == PAGE_SIZE) {
        more = true;
        break;
      }
      page.add(item);
      last = item;
    }
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray(listName);
    page.forEach(i -> list.add(render.apply(i)));
    if (more) {
      out.put("NextToken", Base64.getEncoder().encodeToString(key.apply(last).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }
}
