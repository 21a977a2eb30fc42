package dev.fogbank.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Operation;

/**
 * One wire protocol, driven by a service model. Engines see the same JSON tree whatever the
 * protocol: keys are model member names, numbers and booleans are typed, timestamps are epoch
 * seconds and blobs are base64 text — what the JSON protocols carry.
 */
public interface ProtocolCodec {

  Protocol protocol();

  /** The operation the request names, or null if it names none this codec can read. */
  String operationName(AwsRequest request);

  /** The operation's input as a tree; throws the protocol's error for a malformed request. */
  ObjectNode decode(AwsRequest request, Operation operation);

  AwsResponse encode(RequestContext ctx, Operation operation, JsonNode output);

  AwsResponse encodeError(RequestContext ctx, AwsException error);
}
