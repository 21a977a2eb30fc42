package dev.fogbank.core.protocol.rpcv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.error.CommonErrors;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.ContentEncoding;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.json.ErrorDocument;
import java.io.IOException;
import java.util.Set;

/**
 * Smithy RPC v2 CBOR ({@code smithy.protocols#rpcv2Cbor}): {@code POST
 * /service/<ServiceName>/operation/<Operation>} with {@code smithy-protocol: rpc-v2-cbor} and a
 * CBOR body; responses carry the same header and {@code Content-Type: application/cbor}; errors
 * are CBOR maps with {@code __type} and {@code message}, with the HTTP status of the error. A
 * service that also answers the query protocol is query-compatible, as CloudWatch is: its errors
 * carry {@code x-amzn-query-error: <query code>;<Sender|Receiver>} too, from which the SDKs take
 * the error code.
 */
public final class RpcV2CborCodec implements ProtocolCodec {

  /** The header that marks the protocol, on requests and responses. */
  public static final String HEADER = "smithy-protocol";
  public static final String HEADER_VALUE = "rpc-v2-cbor";
  public static final String CONTENT_TYPE = "application/cbor";

  private final ServiceModule service;
  private final Set<String> serviceNames;
  private final boolean queryCompatible;

  /**
   * @param serviceNames the Smithy service shape names the path may carry ({@code
   *     GraniteServiceVersion20100801} for CloudWatch); empty to rely on the signing name alone
   */
  public RpcV2CborCodec(ServiceModule service, Set<String> serviceNames) {
    this.service = service;
    this.serviceNames = Set.copyOf(serviceNames);
    this.queryCompatible = service.model().metadata().awsQueryCompatible() || service.protocols().contains(Protocol.QUERY);
  }

  public RpcV2CborCodec(ServiceModule service) {
    this(service, Set.of());
  }

  /** Whether a request speaks this protocol: the header, and a path of its form. */
  public static boolean isRpcV2Cbor(AwsRequest request) {
    return HEADER_VALUE.equals(request.header(HEADER)) && request.path().startsWith("/service/");
  }

  /** The service name in {@code /service/<name>/operation/<op>}, or null. */
  public static String serviceName(AwsRequest request) {
    String[] parts = request.path().split("/", -1);
    return parts.length == 5 && parts[3].equals("operation") ? parts[2] : null;
  }

  /** Whether this codec's service is the one a path names. */
  public boolean serves(String serviceName) {
    return serviceNames.contains(serviceName);
  }

  @Override
  public Protocol protocol() {
    return Protocol.RPC_V2_CBOR;
  }

  @Override
  public String operationName(AwsRequest request) {
    String[] parts = request.path().split("/", -1);
    if (parts.length != 5 || !parts[1].equals("service") || !parts[3].equals("operation") || parts[4].isEmpty()) {
      return null;
    }
    return parts[4];
  }

  @Override
  public ObjectNode decode(AwsRequest request, Operation operation) {
    if (request.body().length == 0) {
      return Json.object();
    }
    JsonNode body;
    try {
      body = CborTrees.read(ContentEncoding.decoded(request));
    } catch (IOException e) {
      throw CommonErrors.serialization("Unable to parse request body: " + e.getMessage());
    }
    if (body == null) {
      return Json.object();
    }
    if (!(body instanceof ObjectNode object)) {
      throw CommonErrors.serialization("Start of structure or map found where not expected.");
    }
    return object;
  }

  @Override
  public AwsResponse encode(RequestContext ctx, Operation operation, JsonNode output) {
    byte[] body = CborTrees.write(output == null ? Json.object() : output, operation.output());
    return AwsResponse.of(200, CONTENT_TYPE, body).withHeader(HEADER, HEADER_VALUE);
  }

  @Override
  public AwsResponse encodeError(RequestContext ctx, AwsException error) {
    AwsResponse response =
        AwsResponse.of(error.status(), CONTENT_TYPE, CborTrees.write(ErrorDocument.of(service, error), null))
            .withHeader(HEADER, HEADER_VALUE);
    return queryCompatible ? ErrorDocument.withQueryError(response, error) : response;
  }
}
