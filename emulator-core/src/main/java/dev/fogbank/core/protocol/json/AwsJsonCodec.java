package dev.fogbank.core.protocol.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.error.CommonErrors;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.model.ShapeSearch;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * awsJson1_0 and awsJson1_1: {@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>} and
 * a JSON body; errors as {@code {"__type": …, "message": …}}. For query-compatible services
 * (SQS) every error also carries {@code x-amzn-query-error: <query code>;<Sender|Receiver>}, from
 * which the SDKs take the error code.
 */
public final class AwsJsonCodec implements ProtocolCodec {

  private static final ShapeSearch RENAMES =
      new ShapeSearch(
          shape ->
              shape.type() == Shape.Type.STRUCTURE
                  && shape.members().values().stream().anyMatch(m -> !m.jsonName().equals(m.name())));

  private final ServiceModule service;
  private final Protocol protocol;
  private final String contentType;
  private final boolean queryCompatible;

  public AwsJsonCodec(ServiceModule service) {
    this.service = service;
    var md = service.model().metadata();
    this.protocol = Protocol.of("json", md.jsonVersion());
    this.contentType =
        protocol == Protocol.AWS_JSON_1_1 ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
    this.queryCompatible = md.awsQueryCompatible();
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public String operationName(AwsRequest request) {
    String target = request.header("X-Amz-Target");
    if (target == null) {
      return null;
    }
    int dot = target.lastIndexOf('.');
    return dot < 0 ? target : target.substring(dot + 1);
  }

  @Override
  public ObjectNode decode(AwsRequest request, Operation operation) {
    if (request.body().length == 0) {
      return Json.object();
    }
    JsonNode body;
    try {
      body = Json.parse(request.body());
    } catch (JacksonException e) {
      throw CommonErrors.serialization("Unable to parse request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CommonErrors.serialization("Unable to read request body");
    }
    if (body == null || body.isMissingNode()) {
      return Json.object();
    }
    if (!(body instanceof ObjectNode object)) {
      throw CommonErrors.serialization("Start of structure or map found where not expected.");
    }
    Shape input = operation.input();
    if (input != null && (renames(input) || !conforms(input, object))) {
      conform(input, object, input.name());
    }
    return object;
  }

  /** Whether a shape or any shape inside it gives a member a wire name of its own. */
  private static boolean renames(Shape shape) {
    return RENAMES.anyWithin(shape);
  }

  /**
   * {@link #conform}'s check without its error, for a shape that renames nothing: walks what the
   * document holds (an attribute value's one member, not the ten its shape has), so that the
   * common, well-typed request costs little; the caller runs {@link #conform} for the message.
   */
  private static boolean conforms(Shape shape, JsonNode node) {
    switch (shape.type()) {
      case STRUCTURE -> {
        if (!node.isObject()) {
          return false;
        }
        Map<String, Member> members = shape.members();
        if (node.size() < members.size()) {
          for (Map.Entry<String, JsonNode> e : node.properties()) {
            Member m = members.get(e.getKey());
            JsonNode value = e.getValue();
            if (m != null && !value.isNull() && !conforms(m.shape(), value)) {
              return false;
            }
          }
        } else {
          for (Member m : members.values()) {
            JsonNode value = node.get(m.name());
            if (value != null && !value.isNull() && !conforms(m.shape(), value)) {
              return false;
            }
          }
        }
        return true;
      }
      case LIST -> {
        if (!node.isArray()) {
          return false;
        }
        for (JsonNode item : node) {
          if (!item.isNull() && !conforms(shape.listMember().shape(), item)) {
            return false;
          }
        }
        return true;
      }
      case MAP -> {
        if (!node.isObject()) {
          return false;
        }
        for (JsonNode value : node) {
          if (!value.isNull() && !conforms(shape.mapValue().shape(), value)) {
            return false;
          }
        }
        return true;
      }
      case STRING, BLOB, CHARACTER -> {
        return node.isTextual();
      }
      case BOOLEAN -> {
        return node.isBoolean();
      }
      case INTEGER, LONG -> {
        return node.isIntegralNumber();
      }
      case FLOAT, DOUBLE, BIGDECIMAL, TIMESTAMP -> {
        return node.isNumber() || (shape.type() == Shape.Type.TIMESTAMP && node.isTextual());
      }
      default -> {
        return true;
      }
    }
  }

  /**
   * Checks that every value has its shape's JSON type (AWS answers SerializationException
   * otherwise) and renames members the model gives a different wire name to their model name.
   */
  private static void conform(Shape shape, JsonNode node, String where) {
    switch (shape.type()) {
      case STRUCTURE -> {
        if (!node.isObject()) {
          throw mismatch(shape, where);
        }
        ObjectNode object = (ObjectNode) node;
        for (Map.Entry<String, Member> e : shape.members().entrySet()) {
          Member m = e.getValue();
          String wire = m.jsonName();
          JsonNode value = object.get(wire);
          if (value == null || value.isNull()) {
            continue;
          }
          if (!wire.equals(m.name())) {
            object.remove(wire);
            object.set(m.name(), value);
          }
          conform(m.shape(), value, m.name());
        }
      }
      case LIST -> {
        if (!node.isArray()) {
          throw mismatch(shape, where);
        }
        for (JsonNode item : node) {
          if (!item.isNull()) {
            conform(shape.listMember().shape(), item, where);
          }
        }
      }
      case MAP -> {
        if (!node.isObject()) {
          throw mismatch(shape, where);
        }
        Iterator<JsonNode> values = node.elements();
        while (values.hasNext()) {
          JsonNode value = values.next();
          if (!value.isNull()) {
            conform(shape.mapValue().shape(), value, where);
          }
        }
      }
      case STRING, BLOB, CHARACTER -> {
        if (!node.isTextual()) {
          throw mismatch(shape, where);
        }
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw mismatch(shape, where);
        }
      }
      case INTEGER, LONG -> {
        if (!node.isIntegralNumber()) {
          throw mismatch(shape, where);
        }
      }
      case FLOAT, DOUBLE, BIGDECIMAL, TIMESTAMP -> {
        if (!node.isNumber() && !(shape.type() == Shape.Type.TIMESTAMP && node.isTextual())) {
          throw mismatch(shape, where);
        }
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

  @Override
  public AwsResponse encode(RequestContext ctx, Operation operation, JsonNode output) {
    byte[] body = Json.bytes(output == null ? Json.object() : output);
    return AwsResponse.of(200, contentType, body);
  }

  @Override
  public AwsResponse encodeError(RequestContext ctx, AwsException error) {
    AwsResponse response = AwsResponse.of(error.status(), contentType, Json.bytes(ErrorDocument.of(service, error)));
    return queryCompatible ? ErrorDocument.withQueryError(response, error) : response;
  }
}
