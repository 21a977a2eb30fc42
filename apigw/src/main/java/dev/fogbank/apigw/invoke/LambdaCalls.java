package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.util.Base64;

/**
 * Invokes a Lambda function through the in-process client, as API Gateway's Lambda integrations
 * do (synchronous {@code RequestResponse}).
 */
public final class LambdaCalls {

  /** The function's payload, and its FunctionError ("Unhandled") when it failed. */
  public record Outcome(byte[] payload, String functionError) {}

  private final InProcessClient client;

  public LambdaCalls(InProcessClient client) {
    this.client = client;
  }

  /**
   * The function ARN in a Lambda integration URI ({@code
   * arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/<function ARN>/invocations}),
   * or null when the URI names none.
   */
  public static String functionArn(String uri) {
    int start = uri.indexOf("/functions/");
    int end = uri.lastIndexOf("/invocations");
    if (start < 0 || end < start) {
      return null;
    }
    return uri.substring(start + "/functions/".length(), end);
  }

  public Outcome invoke(String functionArn, String account, String region, byte[] payload) {
    String[] arn = functionArn.split(":");
    if (arn.length >= 7 && arn[0].equals("arn")) {
      region = arn[3];
      account = arn[4];
    }
    ObjectNode input = Json.object();
    input.put("FunctionName", functionArn);
    input.put("Payload", Base64.getEncoder().encodeToString(payload));
    JsonNode out;
    try {
      out = client.call("lambda", "Invoke", account, region, input);
    } catch (AwsException e) {
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    String payloadText = out == null ? null : out.path("Payload").asText(null);
    byte[] bytes = payloadText == null ? new byte[0] : Base64.getDecoder().decode(payloadText);
    String error = out == null ? null : out.path("FunctionError").asText(null);
    return new Outcome(bytes, error);
  }
}
