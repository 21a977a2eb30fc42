package dev.fogbank.core.protocol.restjson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.error.CommonErrors;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Blobs;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.rest.HttpBindings;
import dev.fogbank.core.protocol.rest.RestCodec;
import dev.fogbank.core.protocol.rest.RestErrors;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * restJson1 (Lambda, API Gateway): the operation is the request's method and path; input members
 * come from the path, query string, headers and a JSON body (or a raw payload); output members go
 * to the status code, headers and a JSON body (or a raw payload).
 *
 * <p>Errors carry their code in {@code x-amzn-ErrorType} and a JSON body shaped as the model's
 * error shape: Lambda's {@code {"Type":"User","Message":"Function not found: …"}}, API Gateway's
 * {@code {"message":"…"}}; errors the model does not declare (Coral's {@code
 * ValidationException}) as {@code {"message":"…"}}.
 */
public final class RestJsonCodec extends RestCodec {

  static final String CONTENT_TYPE = "application/json";
  private static final String OCTET_STREAM = "application/octet-stream";

  private final Map<String, String> payloadContentTypes = new HashMap<>();

  public RestJsonCodec(ServiceModel model) {
    super(model, CommonErrors::serialization);
  }

  /**
   * The Content-Type of an operation's blob payload when the output has no Content-Type member:
   * {@code application/octet-stream} unless the service sends another (Lambda's Invoke answers
   * {@code application/json}).
   */
  public RestJsonCodec payloadContentType(String operation, String contentType) {
    payloadContentTypes.put(operation, contentType);
    return this;
  }

  @Override
  public Protocol protocol() {
    return Protocol.REST_JSON;
  }

  // ---------------------------------------------------------------- input

  @Override
  protected ObjectNode decodeBody(Shape shape, AwsRequest request) {
    Member payload = shape.payload() == null ? null : shape.member(shape.payload());
    if (payload == null) {
      JsonNode body = parse(request.body());
      return body == null ? Json.object() : JsonBody.readStructure(shape, body, shape.name(), true);
    }
    ObjectNode input = Json.object();
    if (payload.shape().type() == Shape.Type.STRUCTURE) {
      JsonNode parsed = parse(request.body());
      if (parsed != null) {
        input.set(payload.name(), JsonBody.readStructure(payload.shape(), parsed, payload.name(), false));
      }
    } else {
      String raw = rawPayload(payload, request.body());
      if (raw != null) {
        input.put(payload.name(), raw);
      }
    }
    return input;
  }

  /** The body as JSON, or null when it is empty. */
  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (JacksonException e) {
      throw CommonErrors.serialization("Unable to parse request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CommonErrors.serialization("Unable to read request body");
    }
    return node == null || node.isMissingNode() ? null : node;
  }

  // ---------------------------------------------------------------- output

  @Override
  protected AwsResponse encodeBody(int status, Shape shape, JsonNode output) {
    return hasBodyMembers(shape)
        ? AwsResponse.of(status, CONTENT_TYPE, Json.bytes(JsonBody.writeStructure(shape, output, true)))
        : empty(status);
  }

  @Override
  protected AwsResponse encodePayload(int status, Operation operation, Member payload, JsonNode value) {
    return switch (payload.shape().type()) {
      case STRUCTURE ->
          AwsResponse.of(status, CONTENT_TYPE, Json.bytes(JsonBody.writeStructure(payload.shape(), value, false)));
      case BLOB ->
          AwsResponse.of(
              status,
              payloadContentTypes.getOrDefault(operation.name(), OCTET_STREAM),
              Blobs.bytes(value));
      default -> AwsResponse.text(status, "text/plain", value.asText());
    };
  }

  private static boolean hasBodyMembers(Shape shape) {
    for (Member m : shape.members().values()) {
      if (m.location() == null) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- errors

  @Override
  public AwsResponse encodeError(RequestContext ctx, AwsException error) {
    if (RestErrors.isUnknownOperation(error)) {
      return RestErrors.unknownOperation();
    }
    ObjectNode body = Json.object();
    Shape shape = RestErrors.errorShape(model, error.code());
    if (shape == null) {
      if (error.getMessage() != null) {
        body.put("message", error.getMessage());
      }
    } else {
      for (Member m : shape.members().values()) {
        if (m.location() != null) {
          continue;
        }
        if (m.name().equals("Type")) {
          // Lambda's errors say who is at fault: User or Service.
          body.put(m.jsonName(), error.senderFault() ? "User" : "Service");
        } else if (m.name().equalsIgnoreCase("message") && error.getMessage() != null) {
          body.put(m.jsonName(), error.getMessage());
        }
      }
    }
    AwsResponse response = AwsResponse.of(error.status(), CONTENT_TYPE, null);
    response.withHeader("x-amzn-ErrorType", error.code());
    addDetails(shape, error.details(), body, response);
    return new AwsResponse(response.status(), response.headers(), Json.bytes(body));
  }

  /**
   * An error's further members, keyed by model member name: those the error shape binds to a
   * header become headers (Lambda's {@code Retry-After} of TooManyRequestsException), the others
   * body members under their JSON names ({@code Reason}).
   */
  private static void addDetails(Shape shape, ObjectNode details, ObjectNode body, AwsResponse response) {
    if (details == null) {
      return;
    }
    details
        .fields()
        .forEachRemaining(
            f -> {
              Member m = shape == null ? null : shape.member(f.getKey());
              if (m != null && "header".equals(m.location())) {
                response.withHeader(HttpBindings.wireName(m), f.getValue().asText());
              } else {
                body.set(m != null ? m.jsonName() : f.getKey(), f.getValue());
              }
            });
  }
}
