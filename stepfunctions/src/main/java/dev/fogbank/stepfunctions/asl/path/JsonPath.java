package dev.fogbank.stepfunctions.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled JSONPath as the States Language uses it (the Jayway dialect AWS documents): {@code $},
 * {@code .name}, {@code ['name']}, {@code [n]}, {@code [*]}, {@code .*}, {@code [a,b]}, slices
 * {@code [s:e]}, deep scan {@code ..name} and filters {@code [?(@.x > 1)]}. A definite path selects
 * one value; an indefinite one (wildcard, slice, union, filter, deep scan) selects a list.
 */
public final class JsonPath {

  private final String text;
  private final List<Segment> segments;
  private final boolean definite;

  private JsonPath(String text, List<Segment> segments) {
    this.text = text;
    this.segments = segments;
    this.definite = segments.stream().allMatch(Segment::definite);
  }

  /** Parses a path starting at {@code $}; throws IllegalArgumentException when it is not valid. */
  public static JsonPath compile(String text) {
    if (text == null || !text.startsWith("$")) {
      throw new IllegalArgumentException("a JSONPath starts with $");
    }
    return new JsonPath(text, new Parser(text, 1).parse());
  }

  public static boolean isValid(String text) {
    try {
      compile(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public String text() {
    return text;
  }

  public boolean definite() {
    return definite;
  }

  /** Whether this is a reference path: only names and indexes, no wildcard or filter. */
  public boolean isReference() {
    return segments.stream().allMatch(s -> s instanceof Field || s instanceof Index);
  }

  List<Segment> segments() {
    return segments;
  }

  /** The selected value, or empty when a definite path finds nothing. Indefinite: a list, maybe empty. */
  public Optional<JsonNode> read(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Segment s : segments) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        s.select(n, next);
      }
      current = next;
      if (definite && current.isEmpty()) {
        return Optional.empty();
      }
    }
    if (definite) {
      return current.isEmpty() ? Optional.empty() : Optional.of(current.get(0));
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    current.forEach(out::add);
    return Optional.of(out);
  }

  @Override
  public String toString() {
    return text;
  }

  /** One step of a path. */
  sealed interface Segment permits Field, Index, Wildcard, Union, Slice, DeepScan, Filter {
    void select(JsonNode node, List<JsonNode> out);

    default boolean definite() {
      return false;
    }
  }

  record Field(String name) implements Segment {
    @Override
    public void select(JsonNode node, List<JsonNode> out) {
      if (node.isObject() && node.has(name)) {
        out.add(node.get(name));
      }
    }

    @Override
    public boolean definite() {
      return true;
    }
  }

  record Index(int index) implements Segment {
    @Override
    public void select(JsonNode node, List<JsonNode> out) {
      if (node.isArray()) {
        int i = index < 0 ? node.size() + index : index;
        if (i >= 0 && i < node.size()) {
          out.add(node.get(i));
        }
      }
    }

    @Override
    public boolean definite() {
      return true;
    }
  }

  record Wildcard() implements Segment {
    @Override
    public void select(JsonNode node, List<JsonNode> out) {
      if (node.isArray() || node.isObject()) {
        node.elements().forEachRemaining(out::add);
      }
    }
  }

  record Union(List<Object> keys) implements Segment {
    @Override
    public void select(JsonNode node, List<JsonNode> out) {
      for (Object k : keys) {
        if (k instanceof Integer i) {
          new Index(i).select(node, out);
        } else {
          new Field((String) k).select(node, out);
        }
      }
    }
  }

  record Slice(Integer start, Integer end, int step) implements Segment {
    @Override
    public void select(JsonNode node, List<JsonNode> out) {
      if (!node.isArray()) {
        return;
      }
      int n = node.size();
      int s = start == null ? 0 : start < 0 ? Math.max(0, n + start) : Math.min(start, n);
      int e = end == null ? n : end < 0 ? Math.max(0, n + end) : Math.min(end, n);
      for (int i = s; i < e; i += step) {
        out.add(node.get(i));
      }
    }
  }

  record DeepScan(Segment inner) implements Segment {
    @Override
    public void select(JsonNode node, List<JsonNode> out) {
      inner.select(node, out);
      if (node.isArray() || node.isObject()) {
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
          select(it.next(), out);
        }
      }
    }
  }

  record Filter(FilterExpression expression) implements Segment {
    @Override
    public void select(JsonNode node, List<JsonNode> out) {
      if (node.isArray()) {
        node.elements().forEachRemaining(e -> {
          if (expression.test(e)) {
            out.add(e);
          }
        });
      } else if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          JsonNode e = it.next().getValue();
          if (expression.test(e)) {
            out.add(e);
          }
        }
      }
    }
  }

  /** Sets {@code value} at this reference path inside {@code root}, creating objects on the way. */
  public JsonNode write(JsonNode root, JsonNode value) {
    if (segments.isEmpty()) {
      return value;
    }
    JsonNode target = root == null || !root.isContainerNode() ? JsonNodeFactory.instance.objectNode() : root.deepCopy();
    JsonNode node = target;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (s instanceof Field f) {
        if (!node.isObject()) {
          throw new IllegalStateException(f.name());
        }
        ObjectNode obj = (ObjectNode) node;
        if (last) {
          obj.set(f.name(), value);
        } else {
          JsonNode child = obj.get(f.name());
          if (child == null || !child.isContainerNode()) {
            child = obj.putObject(f.name());
          }
          node = child;
        }
      } else if (s instanceof Index idx) {
        if (!node.isArray() || idx.index() >= node.size()) {
          throw new IllegalStateException(String.valueOf(idx.index()));
        }
        ArrayNode arr = (ArrayNode) node;
        if (last) {
          arr.set(idx.index(), value);
        } else {
          node = arr.get(idx.index());
        }
      } else {
        throw new IllegalStateException("not a reference path");
      }
    }
    return target;
  }
}
