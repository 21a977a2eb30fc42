package dev.fogbank.core.protocol.rpcv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * CBOR bodies to and from the JSON trees engines use (Smithy RPC v2 CBOR, "Shape serialization"):
 * timestamps travel as tag 1 epoch seconds, blobs as byte strings, and both become, in the tree,
 * what the JSON protocols carry — epoch seconds and base64 text. Reading needs no model; writing
 * follows the output shape to know which numbers are timestamps and which text is a blob.
 */
final class CborTrees {

  private static final CBORFactory FACTORY = new CBORFactory();

  private CborTrees() {}

  /** The value a body holds, as a tree; throws IOException for malformed CBOR. */
  static JsonNode read(byte[] body) throws IOException {
    try (CBORParser parser = FACTORY.createParser(body)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return null;
      }
      JsonNode value = value(parser, token);
      if (parser.nextToken() != null) {
        throw new IOException("trailing data after the body's value");
      }
      return value;
    }
  }

  private static JsonNode value(CBORParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = Json.object();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          if (t != JsonToken.FIELD_NAME) {
            throw new IOException("map key is not text");
          }
          String name = parser.currentName();
          JsonNode v = value(parser, parser.nextToken());
          // Smithy RPC v2 CBOR: null values in a structure mean the member is absent.
          if (!v.isNull()) {
            object.set(name, v);
          }
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = Json.NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(value(parser, t));
        }
        return array;
      }
      case VALUE_STRING -> {
        return Json.NODES.textNode(parser.getText());
      }
      case VALUE_EMBEDDED_OBJECT -> {
        Object embedded = parser.getEmbeddedObject();
        if (embedded instanceof byte[] bytes) {
          return Json.NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        throw new IOException("unsupported CBOR value");
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> Json.NODES.numberNode(parser.getIntValue());
          case LONG -> Json.NODES.numberNode(parser.getLongValue());
          default -> Json.NODES.numberNode(parser.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return Json.NODES.numberNode(parser.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return Json.NODES.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return Json.NODES.nullNode();
      }
      default -> throw new IOException("unexpected CBOR token " + token);
    }
  }

  /** A tree as CBOR, typed by its shape (null: by the tree's own types). */
  static byte[] write(JsonNode node, Shape shape) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator gen = FACTORY.createGenerator(out)) {
      write(gen, node, shape);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(CBORGenerator gen, JsonNode node, Shape shape) throws IOException {
    if (node == null || node.isNull()) {
      gen.writeNull();
      return;
    }
    Shape.Type type = shape == null ? null : shape.type();
    if (node.isObject()) {
      // Definite lengths throughout: every CBOR decoder reads them, not all read indefinite ones.
      int size = 0;
      for (JsonNode v : node) {
        if (!v.isNull()) {
          size++;
        }
      }
      gen.writeStartObject(node, size);
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        if (e.getValue().isNull()) {
          continue;
        }
        Shape child = null;
        if (type == Shape.Type.STRUCTURE) {
          Member m = shape.member(e.getKey());
          child = m == null ? null : m.shape();
        } else if (type == Shape.Type.MAP) {
          child = shape.mapValue().shape();
        }
        gen.writeFieldName(e.getKey());
        write(gen, e.getValue(), child);
      }
      gen.writeEndObject();
    } else if (node.isArray()) {
      gen.writeStartArray(node, node.size());
      Shape item = type == Shape.Type.LIST ? shape.listMember().shape() : null;
      for (JsonNode v : node) {
        write(gen, v, item);
      }
      gen.writeEndArray();
    } else if (type == Shape.Type.TIMESTAMP) {
      gen.writeTag(1);
      double seconds = node.isNumber() ? node.doubleValue() : java.time.Instant.parse(node.asText()).toEpochMilli() / 1000.0;
      if (seconds == Math.rint(seconds)) {
        gen.writeNumber((long) seconds);
      } else {
        gen.writeNumber(seconds);
      }
    } else if (type == Shape.Type.BLOB && node.isTextual()) {
      gen.writeBinary(Base64.getDecoder().decode(node.asText()));
    } else if (node.isNumber()) {
      if (type == Shape.Type.DOUBLE || type == Shape.Type.FLOAT) {
        gen.writeNumber(node.doubleValue());
      } else if (type == Shape.Type.BIGDECIMAL) {
        gen.writeNumber(new BigDecimal(node.asText()));
      } else if (node.isIntegralNumber()) {
        gen.writeNumber(node.longValue());
      } else {
        gen.writeNumber(node.doubleValue());
      }
    } else if (node.isBoolean()) {
      gen.writeBoolean(node.booleanValue());
    } else {
      gen.writeString(node.asText());
    }
  }
}
