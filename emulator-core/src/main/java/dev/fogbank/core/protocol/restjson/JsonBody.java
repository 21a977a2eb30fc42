package dev.fogbank.core.protocol.restjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.error.CommonErrors;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.rest.Timestamps;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * A restJson1 body against its shape. Reading: wire names ({@code jsonName}) become member names,
 * every value must have its shape's JSON type (else {@code SerializationException}, as AWS's
 * front end answers), timestamps become epoch seconds, members the shape does not know are
 * dropped. Writing: the reverse, timestamps in the member's format (epoch seconds by default).
 */
final class JsonBody {

  private JsonBody() {}

  // ---------------------------------------------------------------- read

  /** The body's members of a structure ({@code bodyOnly}: skip members bound elsewhere). */
  static ObjectNode readStructure(Shape shape, JsonNode node, String where, boolean bodyOnly) {
    if (!node.isObject()) {
      throw mismatch(shape, where);
    }
    ObjectNode out = Json.object();
    for (Map.Entry<String, Member> e : shape.members().entrySet()) {
      Member m = e.getValue();
      if (bodyOnly && m.location() != null) {
        continue;
      }
      JsonNode value = node.get(m.jsonName());
      if (value == null || value.isNull()) {
        continue;
      }
      out.set(m.name(), read(m, value, m.name()));
    }
    return out;
  }

  private static JsonNode read(Member m, JsonNode node, String where) {
    Shape shape = m.shape();
    switch (shape.type()) {
      case STRUCTURE -> {
        return readStructure(shape, node, where, false);
      }
      case LIST -> {
        if (!node.isArray()) {
          throw mismatch(shape, where);
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode item : node) {
          out.add(item.isNull() ? item : read(shape.listMember(), item, where));
        }
        return out;
      }
      case MAP -> {
        if (!node.isObject()) {
          throw mismatch(shape, where);
        }
        ObjectNode out = Json.object();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          out.set(f.getKey(), f.getValue().isNull() ? f.getValue() : read(shape.mapValue(), f.getValue(), where));
        }
        return out;
      }
      case STRING, BLOB, CHARACTER -> {
        if (!node.isTextual()) {
          throw mismatch(shape, where);
        }
        return node;
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw mismatch(shape, where);
        }
        return node;
      }
      case INTEGER, LONG -> {
        if (!node.isIntegralNumber()) {
          throw mismatch(shape, where);
        }
        return node;
      }
      case TIMESTAMP -> {
        if (!node.isNumber() && !node.isTextual()) {
          throw mismatch(shape, where);
        }
        try {
          return Timestamps.node(
              node.isNumber()
                  ? Timestamps.instant(node)
                  : Timestamps.parse(node.asText(), m.timestampFormat()));
        } catch (DateTimeParseException | NumberFormatException e) {
          throw CommonErrors.serialization("Invalid timestamp for " + where + ": " + node.asText());
        }
      }
      default -> {
        if (!node.isNumber()) {
          throw mismatch(shape, where);
        }
        return node;
      }
    }
  }

  private static AwsException mismatch(Shape shape, String where) {
    String expected =
        switch (shape.type()) {
          case STRUCTURE, MAP -> "Expected a JSON object";
          case LIST -> "Expected a JSON array";
          case BOOLEAN -> "Expected a boolean";
          case STRING, BLOB, CHARACTER -> "Expected a string";
          default -> "Expected a number";
        };
    return CommonErrors.serialization(expected + " for " + where + ".");
  }

  // ---------------------------------------------------------------- write

  /** The wire JSON of a structure ({@code bodyOnly}: leave out members bound elsewhere). */
  static ObjectNode writeStructure(Shape shape, JsonNode node, boolean bodyOnly) {
    ObjectNode out = Json.object();
    if (node == null || !node.isObject()) {
      return out;
    }
    for (Map.Entry<String, Member> e : shape.members().entrySet()) {
      Member m = e.getValue();
      if (bodyOnly && m.location() != null) {
        continue;
      }
      JsonNode value = node.get(m.name());
      if (value == null || value.isNull()) {
        continue;
      }
      out.set(m.jsonName(), write(m, value));
    }
    return out;
  }

  private static JsonNode write(Member m, JsonNode node) {
    Shape shape = m.shape();
    return switch (shape.type()) {
      case STRUCTURE -> writeStructure(shape, node, false);
      case LIST -> {
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode item : node) {
          out.add(item.isNull() ? item : write(shape.listMember(), item));
        }
        yield out;
      }
      case MAP -> {
        ObjectNode out = Json.object();
        node.fields()
            .forEachRemaining(
                f -> out.set(f.getKey(), f.getValue().isNull() ? f.getValue() : write(shape.mapValue(), f.getValue())));
        yield out;
      }
      case TIMESTAMP -> {
        String format = m.timestampFormat();
        if (format == null || Timestamps.UNIX.equals(format)) {
          yield Json.NODES.numberNode(Timestamps.seconds(Timestamps.instant(node)));
        }
        yield Json.NODES.textNode(Timestamps.format(node, format));
      }
      default -> node;
    };
  }
}
