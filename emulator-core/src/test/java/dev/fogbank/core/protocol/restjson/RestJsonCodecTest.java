package dev.fogbank.core.protocol.restjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** restJson1 input errors and typing that golden files do not show. */
class RestJsonCodecTest {

  private static final ServiceModel LAMBDA = ServiceModel.load(RestJsonCodecTest.class, "lambda-2015-03-31");
  private static final ServiceModel APIGW = ServiceModel.load(RestJsonCodecTest.class, "apigateway-2015-07-09");

  private static AwsRequest request(String method, String uri, HttpHeaders headers, String body) {
    return new AwsRequest(method, uri, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode decode(ServiceModel model, AwsRequest request) {
    RestJsonCodec codec = new RestJsonCodec(model);
    return codec.decode(request, model.operation(codec.operationName(request)));
  }

  @Test
  void malformedJsonBodyIsASerializationException() {
    AwsException e =
        assertThrows(
            AwsException.class,
            () -> decode(LAMBDA, request("POST", "/2015-03-31/functions", new DefaultHttpHeaders(), "{\"FunctionName\":")));
    assertEquals("SerializationException", e.code());
    assertEquals(400, e.status());
  }

  @Test
  void valueOfTheWrongJsonTypeIsASerializationException() {
    AwsException e =
        assertThrows(
            AwsException.class,
            () ->
                decode(
                    LAMBDA,
                    request("POST", "/2015-03-31/functions", new DefaultHttpHeaders(), "{\"Timeout\":\"fifteen\"}")));
    assertEquals("SerializationException", e.code());
    assertEquals("Expected a number for Timeout.", e.getMessage());
  }

  @Test
  void nonNumericQueryIntegerIsASerializationException() {
    AwsException e =
        assertThrows(
            AwsException.class,
            () -> decode(LAMBDA, request("GET", "/2015-03-31/functions/?MaxItems=ten", new DefaultHttpHeaders(), "")));
    assertEquals("SerializationException", e.code());
  }

  @Test
  void queryStringMapTakesTheParametersNoOtherMemberNames() {
    // ImportRestApi: mode and failonwarnings are members; everything else lands in "parameters".
    ObjectNode input =
        decode(
            APIGW,
            request(
                "POST",
                "/restapis?mode=import&failonwarnings=true&endpointConfigurationTypes=REGIONAL&ignore=documentation",
                new DefaultHttpHeaders(),
                "{}"));
    assertEquals(true, input.path("failOnWarnings").asBoolean());
    assertEquals(
        Json.parse("{\"endpointConfigurationTypes\":\"REGIONAL\",\"ignore\":\"documentation\"}"),
        input.path("parameters"));
    assertEquals("e30=", input.path("body").asText(), "the blob payload, base64");
  }

  @Test
  void emptyInvokePayloadLeavesPayloadOut() {
    ObjectNode input =
        decode(LAMBDA, request("POST", "/2015-03-31/functions/f/invocations", new DefaultHttpHeaders(), ""));
    assertEquals(Json.parse("{\"FunctionName\":\"f\"}"), input);
  }

  @Test
  void operationWithoutOutputAnswersTheModelledStatusAndNoBody() {
    RestJsonCodec codec = new RestJsonCodec(LAMBDA);
    AwsResponse r = codec.encode(null, LAMBDA.operation("DeleteFunction"), null);
    assertEquals(204, r.status());
    assertEquals(0, r.body().length);
  }

  @Test
  void blobPayloadContentTypeCanBeSetPerOperation() {
    RestJsonCodec codec = new RestJsonCodec(LAMBDA).payloadContentType("Invoke", "application/json");
    AwsResponse r =
        codec.encode(null, LAMBDA.operation("Invoke"), Json.parse("{\"StatusCode\":200,\"Payload\":\"bnVsbA==\"}"));
    assertEquals("application/json", r.headers().get("Content-Type"));
    assertEquals("null", new String(r.body(), StandardCharsets.UTF_8));
  }
}
