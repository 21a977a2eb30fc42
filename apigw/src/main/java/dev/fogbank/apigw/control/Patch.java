package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * API Gateway's {@code patchOperations} (a JSON-Patch dialect: {@code op}, {@code path}, {@code
 * value}, with {@code ~1} for a slash inside a path segment) applied to a resource kept as its
 * model shape. The shape decides what a path may name and how the string {@code value} is typed:
 * {@code /cacheClusterEnabled} "true" becomes a boolean, {@code /variables/fn} a map entry, {@code
 * /binaryMediaTypes/image~1png} an item added to a list.
 */
public final class Patch {

  /** One operation, its path already split and unescaped. */
  public record Operation(String op, List<String> path, String value, String rawPath) {}

  private Patch() {}

  public static List<Operation> operations(ObjectNode input) {
    List<Operation> out = new ArrayList<>();
    for (JsonNode op : input.path("patchOperations")) {
      String path = op.path("path").asText("");
      String verb = op.path("op").asText("");
      if (!Set.of("add", "remove", "replace", "move", "copy", "test").contains(verb)) {
        throw ApiGatewayErrors.badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'|'move'|'copy'|'test'");
      }
      List<String> segments = new ArrayList<>();
      if (path.startsWith("/")) {
        for (String s : path.substring(1).split("/", -1)) {
          segments.add(unescape(s));
        }
      }
      out.add(new Operation(verb, segments, op.hasNonNull("value") ? op.path("value").asText() : null, path));
    }
    return out;
  }

  public static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }

  /** Applies every operation, each path checked against {@code shape} minus {@code readOnly}. */
  public static void apply(ObjectNode target, ObjectNode input, Shape shape, Set<String> readOnly) {
    for (Operation op : operations(input)) {
      apply(target, op, shape, readOnly);
    }
  }

  public static void apply(ObjectNode target, Operation op, Shape shape, Set<String> readOnly) {
    if (op.path().isEmpty() || op.path().get(0).isEmpty()) {
      throw invalidPath(op);
    }
    Member member = shape.member(op.path().get(0));
    if (member == null || readOnly.contains(member.name())) {
      throw invalidPath(op);
    }
    Shape type = member.shape();
    String name = member.name();
    if (op.path().size() == 1) {
      switch (op.op()) {
        case "remove" -> target.remove(name);
        case "add", "replace" -> target.set(name, coerce(type, op.value(), op));
        default -> throw unsupported(op);
      }
      return;
    }
    String key = op.path().get(1);
    switch (type.type()) {
      case MAP -> {
        ObjectNode map = target.has(name) && target.get(name).isObject() ? (ObjectNode) target.get(name) : target.putObject(name);
        if (op.path().size() != 2) {
          throw invalidPath(op);
        }
        if (op.op().equals("remove")) {
          map.remove(key);
        } else {
          map.set(key, coerce(type.mapValue().shape(), op.value(), op));
        }
      }
      case LIST -> {
        ArrayNode list = target.has(name) && target.get(name).isArray() ? (ArrayNode) target.get(name) : target.putArray(name);
        if (op.op().equals("add")) {
          if (!contains(list, key)) {
            list.add(key);
          }
        } else if (op.op().equals("remove")) {
          for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).asText().equals(key)) {
              list.remove(i);
            }
          }
        } else if (op.op().equals("replace")) {
          for (int i = 0; i < list.size(); i++) {
            if (list.get(i).asText().equals(key)) {
              list.set(i, Json.NODES.textNode(op.value()));
            }
          }
        } else {
          throw unsupported(op);
        }
      }
      case STRUCTURE -> {
        ObjectNode nested = target.has(name) && target.get(name).isObject() ? (ObjectNode) target.get(name) : target.putObject(name);
        apply(nested, new Operation(op.op(), op.path().subList(1, op.path().size()), op.value(), op.rawPath()), type, Set.of());
      }
      default -> throw invalidPath(op);
    }
  }

  private static boolean contains(ArrayNode list, String value) {
    for (JsonNode n : list) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** The string {@code value} as the member's type holds it. */
  public static JsonNode coerce(Shape shape, String value, Operation op) {
    if (value == null) {
      throw ApiGatewayErrors.badRequest("Invalid null value for path " + op.rawPath());
    }
    try {
      return switch (shape.type()) {
        case BOOLEAN -> {
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw ApiGatewayErrors.badRequest("Invalid boolean value: " + value);
          }
          yield Json.NODES.booleanNode(Boolean.parseBoolean(value));
        }
        case INTEGER, LONG -> Json.NODES.numberNode(Long.parseLong(value.trim()));
        case DOUBLE, FLOAT -> Json.NODES.numberNode(Double.parseDouble(value.trim()));
        case LIST -> {
          ArrayNode list = Json.NODES.arrayNode();
          for (String s : value.split(",")) {
            if (!s.isBlank()) {
              list.add(s.trim());
            }
          }
          yield list;
        }
        case MAP, STRUCTURE -> {
          JsonNode parsed = Json.parse(value);
          if (parsed == null || !parsed.isObject()) {
            throw ApiGatewayErrors.badRequest("Invalid value for path " + op.rawPath());
          }
          yield parsed;
        }
        default -> Json.NODES.textNode(value);
      };
    } catch (IllegalArgumentException e) {
      // NumberFormatException, or a value that is not the JSON a map or structure needs
      throw ApiGatewayErrors.badRequest("Invalid value '" + value + "' for path " + op.rawPath());
    }
  }

  public static AwsException invalidPath(Operation op) {
    return ApiGatewayErrors.badRequest("Invalid patch path " + op.rawPath());
  }

  private static AwsException unsupported(Operation op) {
    return ApiGatewayErrors.badRequest("Invalid patch operation specified. Must be one of: [replace, add, remove]");
  }
}
