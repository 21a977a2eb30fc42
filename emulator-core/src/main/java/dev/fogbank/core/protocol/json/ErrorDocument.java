package dev.fogbank.core.protocol.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;

/**
 * The error document of the JSON-shaped protocols (awsJson and Smithy RPC v2 CBOR, which only
 * write it differently): {@code __type} as the service names it, {@code message}, and the error's
 * own members; and, for services that keep query compatibility, the {@code x-amzn-query-error}
 * header the SDKs take the query code from.
 */
public final class ErrorDocument {

  private ErrorDocument() {}

  public static ObjectNode of(ServiceModule service, AwsException error) {
    ObjectNode body = Json.object();
    body.put("__type", service.jsonErrorType(error));
    if (error.getMessage() != null) {
      body.put("message", error.getMessage());
    }
    ObjectNode details = error.details();
    if (details != null) {
      body.setAll(details);
    }
    return body;
  }

  /** {@code x-amzn-query-error: <query code>;<Sender|Receiver>}. */
  public static AwsResponse withQueryError(AwsResponse response, AwsException error) {
    return response.withHeader("x-amzn-query-error", error.queryCode() + ";" + (error.senderFault() ? "Sender" : "Receiver"));
  }
}
