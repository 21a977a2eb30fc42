package dev.fogbank.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.util.Base64;

/**
 * How an event source mapping invokes its function: a synchronous Invoke through the in-process
 * client, as Lambda's pollers do, so that qualifiers, aliases and concurrency limits apply exactly
 * as for any caller.
 */
final class FunctionCaller {

  /**
   * What an invocation came to.
   *
   * @param throttled refused with 429 (or a 5xx): the function never ran
   * @param error the function failed (FunctionError set)
   * @param payload the response or the error document
   */
  record Result(boolean throttled, boolean error, byte[] payload, String message, int statusCode, String executedVersion) {

    boolean succeeded() {
      return !throttled && !error;
    }
  }

  private final InProcessClient client;

  /** The event of a batch: {@code {"Records":[…]}}. */
  static byte[] event(java.util.List<ObjectNode> records) {
    ObjectNode event = Json.object();
    com.fasterxml.jackson.databind.node.ArrayNode list = event.putArray("Records");
    records.forEach(list::add);
    return Json.bytes(event);
  }

  FunctionCaller(InProcessClient client) {
    this.client = client;
  }

  Result invoke(String functionArn, byte[] event) {
    String[] arn = functionArn.split(":");
    ObjectNode input = Json.object();
    input.put("FunctionName", functionArn);
    input.put("InvocationType", "RequestResponse");
    input.put("Payload", Base64.getEncoder().encodeToString(event));
    JsonNode out;
    try {
      out = client.call("lambda", "Invoke", arn[4], arn[3], input);
    } catch (AwsException e) {
      boolean retryable = e.status() == 429 || e.status() >= 500;
      return new Result(retryable, !retryable, new byte[0], e.code() + ": " + e.getMessage(), e.status(), null);
    }
    byte[] payload = out.hasNonNull("Payload") ? Base64.getDecoder().decode(out.get("Payload").asText()) : new byte[0];
    boolean error = out.hasNonNull("FunctionError");
    String message = error ? new String(payload, java.nio.charset.StandardCharsets.UTF_8) : null;
    return new Result(false, error, payload, message, out.path("StatusCode").asInt(200), out.path("ExecutedVersion").asText(null));
  }
}
