package dev.fogbank.apigw.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** patchOperations against model shapes: typing by the shape, maps, lists and nested structures. */
class PatchTest {

  private static final ServiceModel MODEL = ServiceModel.load(ApiGatewayModule.class, "apigateway-2015-07-09");

  private static ObjectNode ops(String json) {
    return (ObjectNode) Json.parse("{\"patchOperations\":" + json + "}");
  }

  @Test
  void valuesAreTypedByTheShape() {
    ObjectNode stage = Json.object();
    Patch.apply(stage, ops("[{\"op\":\"replace\",\"path\":\"/cacheClusterEnabled\",\"value\":\"true\"},"
        + "{\"op\":\"replace\",\"path\":\"/variables/fn\",\"value\":\"one\"},"
        + "{\"op\":\"replace\",\"path\":\"/accessLogSettings/format\",\"value\":\"$context.requestId\"}]"), MODEL.shape("Stage"), Set.of());
    assertEquals(true, stage.path("cacheClusterEnabled").booleanValue());
    assertEquals("one", stage.path("variables").path("fn").asText());
    assertEquals("$context.requestId", stage.path("accessLogSettings").path("format").asText());
    Patch.apply(stage, ops("[{\"op\":\"remove\",\"path\":\"/variables/fn\"}]"), MODEL.shape("Stage"), Set.of());
    assertFalse(stage.path("variables").has("fn"));
  }

  @Test
  void listItemsAreAddedAndRemovedByEscapedPath() {
    ObjectNode api = Json.object();
    Patch.apply(api, ops("[{\"op\":\"add\",\"path\":\"/binaryMediaTypes/image~1png\"},{\"op\":\"add\",\"path\":\"/binaryMediaTypes/*~1*\"}]"),
        MODEL.shape("RestApi"), Set.of());
    assertEquals("[\"image/png\",\"*/*\"]", api.path("binaryMediaTypes").toString());
    Patch.apply(api, ops("[{\"op\":\"remove\",\"path\":\"/binaryMediaTypes/image~1png\"}]"), MODEL.shape("RestApi"), Set.of());
    assertEquals("[\"*/*\"]", api.path("binaryMediaTypes").toString());
  }

  @Test
  void unknownReadOnlyOrMistypedPathsAreBadRequests() {
    ObjectNode api = Json.object();
    AwsException unknown = assertThrows(AwsException.class,
        () -> Patch.apply(api, ops("[{\"op\":\"replace\",\"path\":\"/nope\",\"value\":\"x\"}]"), MODEL.shape("RestApi"), Set.of()));
    assertEquals("BadRequestException", unknown.code());
    assertThrows(AwsException.class,
        () -> Patch.apply(api, ops("[{\"op\":\"replace\",\"path\":\"/id\",\"value\":\"x\"}]"), MODEL.shape("RestApi"), Set.of("id")));
    assertThrows(AwsException.class,
        () -> Patch.apply(api, ops("[{\"op\":\"replace\",\"path\":\"/minimumCompressionSize\",\"value\":\"many\"}]"), MODEL.shape("RestApi"), Set.of()));
    assertThrows(AwsException.class,
        () -> Patch.apply(api, ops("[{\"op\":\"frobnicate\",\"path\":\"/name\",\"value\":\"x\"}]"), MODEL.shape("RestApi"), Set.of()));
  }
}
