package dev.fogbank.core.protocol.rpcv2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.FixtureModule;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.time.VirtualClock;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Smithy RPC v2 CBOR on raw bytes (Smithy protocol specification, "Shape serialization": timestamps
 * as tag 1 epoch seconds, blobs as byte strings). The bytes are written out by hand from RFC 8949.
 */
class RpcV2CborCodecTest {

  private final FixtureModule module =
      new FixtureModule("dynamodb", "dynamodb-2012-08-10").protocols(Protocol.AWS_JSON_1_0, Protocol.QUERY);
  private final RpcV2CborCodec codec = new RpcV2CborCodec(module, java.util.Set.of("DynamoDB_20120810"));

  private static AwsRequest request(String path, byte[] body) {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("smithy-protocol", "rpc-v2-cbor");
    headers.set("Content-Type", "application/cbor");
    return new AwsRequest("POST", path, headers, body);
  }

  private RequestContext ctx(AwsRequest request) {
    return new RequestContext("req-1", "000000000000", "us-east-1", "localhost", Protocol.RPC_V2_CBOR, request, new VirtualClock());
  }

  @Test
  void namesTheOperationAndServiceFromThePath() {
    AwsRequest r = request("/service/DynamoDB_20120810/operation/PutItem", new byte[0]);
    assertEquals(true, RpcV2CborCodec.isRpcV2Cbor(r));
    assertEquals("DynamoDB_20120810", RpcV2CborCodec.serviceName(r));
    assertEquals("PutItem", codec.operationName(r));
    assertEquals(true, codec.serves("DynamoDB_20120810"));
    assertNull(codec.operationName(request("/service/DynamoDB_20120810", new byte[0])));
  }

  @Test
  void decodesByteStringsAsBase64AndDropsNulls() {
    // {"TableName": "t", "Item": {"k": {"B": h'0102'}}, "ReturnValues": null}
    byte[] body = HexFormat.of().parseHex(
        "a3" + "69" + hex("TableName") + "61" + hex("t")
            + "64" + hex("Item") + "a1" + "61" + hex("k") + "a1" + "61" + hex("B") + "42" + "0102"
            + "6c" + hex("ReturnValues") + "f6");
    AwsRequest r = request("/service/DynamoDB_20120810/operation/PutItem", body);
    Operation op = module.model().operation("PutItem");
    ObjectNode input = codec.decode(r, op);
    assertEquals("t", input.path("TableName").asText());
    assertEquals("AQI=", input.path("Item").path("k").path("B").asText());
    assertEquals(false, input.has("ReturnValues"));
  }

  @Test
  void malformedBodiesAreSerializationErrors() {
    AwsRequest r = request("/service/DynamoDB_20120810/operation/PutItem", new byte[] {(byte) 0xa1, 0x61});
    AwsException e = assertThrows(AwsException.class, () -> codec.decode(r, module.model().operation("PutItem")));
    assertEquals("SerializationException", e.code());
  }

  @Test
  void encodesTimestampsWithTagOneAndSendsTheProtocolHeader() {
    ObjectNode output = Json.object();
    output.putObject("Table").put("TableName", "t").put("CreationDateTime", 1700000000);
    AwsRequest r = request("/service/DynamoDB_20120810/operation/DescribeTable", new byte[0]);
    AwsResponse response = codec.encode(ctx(r), module.model().operation("DescribeTable"), output);
    assertEquals(200, response.status());
    assertEquals("rpc-v2-cbor", response.headers().get("smithy-protocol"));
    assertEquals("application/cbor", response.headers().get("Content-Type"));
    // {"Table": {"TableName": "t", "CreationDateTime": 1(1700000000)}}
    String expected = "a1" + "65" + hex("Table") + "a2" + "69" + hex("TableName") + "61" + hex("t")
        + "70" + hex("CreationDateTime") + "c1" + "1a" + "6553f100";
    assertArrayEquals(HexFormat.of().parseHex(expected), response.body());
  }

  @Test
  void errorsCarryTypeMessageStatusAndTheQueryErrorHeader() {
    AwsRequest r = request("/service/DynamoDB_20120810/operation/DescribeTable", new byte[0]);
    AwsException error = new AwsException("ResourceNotFoundException", "ResourceNotFound", "gone", 404, true);
    AwsResponse response = codec.encodeError(ctx(r), error);
    assertEquals(404, response.status());
    assertEquals("rpc-v2-cbor", response.headers().get("smithy-protocol"));
    assertEquals("ResourceNotFound;Sender", response.headers().get("x-amzn-query-error"));
    String expected = "a2" + "66" + hex("__type") + "78" + "19" + hex("ResourceNotFoundException")
        + "67" + hex("message") + "64" + hex("gone");
    assertArrayEquals(HexFormat.of().parseHex(expected), response.body());
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
