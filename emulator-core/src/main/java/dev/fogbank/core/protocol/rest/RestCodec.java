package dev.fogbank.core.protocol.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.ProtocolCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * What restJson1 and restXml share: the operation is the request's method and path; the HTTP
 * bindings (path labels, query string, headers, status code) are the same for both; only the body
 * — JSON or XML — differs, and that is left to the subclass.
 */
public abstract class RestCodec implements ProtocolCodec {

  protected final ServiceModel model;
  protected final OperationMatcher matcher;
  protected final HttpBindings bindings;

  /** @param badValue the error for a path, query or header value of the wrong type */
  protected RestCodec(ServiceModel model, Function<String, AwsException> badValue) {
    this.model = model;
    this.matcher = OperationMatcher.of(model);
    this.bindings = new HttpBindings(model, badValue);
  }

  @Override
  public final String operationName(AwsRequest request) {
    OperationMatcher.Match match = matcher.match(request);
    return match == null ? null : match.operation().name();
  }

  @Override
  public final ObjectNode decode(AwsRequest request, Operation operation) {
    Shape shape = operation.input();
    if (shape == null) {
      return Json.object();
    }
    ObjectNode input = decodeBody(shape, request);
    bindings.decode(operation, request, matcher.labels(operation, request), input);
    return input;
  }

  /** The input members the body carries (the body itself, or its payload member). */
  protected abstract ObjectNode decodeBody(Shape input, AwsRequest request);

  /** A blob or string payload as the engine tree holds it: base64 text, or the text; null if empty. */
  protected static String rawPayload(Member payload, byte[] body) {
    if (body.length == 0) {
      return null;
    }
    return payload.shape().type() == Shape.Type.BLOB
        ? Base64.getEncoder().encodeToString(body)
        : new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public final AwsResponse encode(RequestContext ctx, Operation operation, JsonNode output) {
    int status = HttpBindings.status(operation, output);
    Shape shape = operation.output();
    AwsResponse response;
    if (shape == null) {
      response = empty(status);
    } else if (shape.payload() != null) {
      Member payload = shape.member(shape.payload());
      JsonNode value = output == null ? null : output.get(payload.name());
      response = value == null || value.isNull() ? empty(status) : encodePayload(status, operation, payload, value);
    } else {
      response = encodeBody(status, shape, output);
    }
    HttpBindings.encodeHeaders(shape, output, response);
    return response;
  }

  /** The response for an output whose payload member has a value. */
  protected abstract AwsResponse encodePayload(int status, Operation operation, Member payload, JsonNode value);

  /** The response for an output without a payload member. */
  protected abstract AwsResponse encodeBody(int status, Shape output, JsonNode value);

  protected static AwsResponse empty(int status) {
    return AwsResponse.of(status, null, new byte[0]);
  }
}
