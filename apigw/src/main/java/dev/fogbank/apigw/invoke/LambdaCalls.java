package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invokes a Lambda function through the in-process client, as API Gateway's Lambda integrations
 * do (synchronous {@code RequestResponse}).
 */
public final class LambdaCalls {

  /** The function's payload, and its FunctionError ("Unhandled") when it failed. */
  public record Outcome(byte[] payload, String functionError) {}

  /** Lambda's limit on a function's init phase, which comes on top of its timeout. */
  private static final long INIT_LIMIT_MILLIS = 10_000;

  private record Limit(long timeoutMillis, long readAtMillis) {}

  private final InProcessClient client;
  private final Clock clock;
  private final Map<String, Limit> limits = new ConcurrentHashMap<>();

  public LambdaCalls(InProcessClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Whether Lambda itself ends an invocation of the function before {@code deadlineMillis}: its
   * init limit plus its configured timeout fit in the integration timeout. Then the gateway needs
   * no timer of its own. The function's timeout is read at most once a second.
   */
  public boolean endsWithin(String functionArn, String account, String region, long deadlineMillis) {
    long now = clock.millis();
    Limit limit = limits.get(functionArn);
    if (limit == null || now - limit.readAtMillis() >= 1000) {
      String[] arn = functionArn.split(":");
      if (arn.length >= 7 && arn[0].equals("arn")) {
        region = arn[3];
        account = arn[4];
      }
      try {
        JsonNode config = client.call("lambda", "GetFunctionConfiguration", account, region, Json.object().put("FunctionName", functionArn));
        limit = new Limit(config.path("Timeout").asLong(3) * 1000, now);
      } catch (AwsException e) {
        return false;
      }
      limits.put(functionArn, limit);
    }
    return INIT_LIMIT_MILLIS + limit.timeoutMillis() <= deadlineMillis;
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
