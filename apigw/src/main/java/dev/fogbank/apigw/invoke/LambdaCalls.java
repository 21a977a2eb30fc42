package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.io.IOException;
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

  /**
   * Calls the function with the payload's bytes as they are: in-process, Invoke takes and answers
   * {@code Payload} as binary, so neither side goes through base64.
   */
  public Outcome invoke(String functionArn, String account, String region, byte[] payload) {
    ObjectNode input = Json.object();
    FunctionTarget target = FunctionTarget.of(functionArn);
    if (target != null) {
      // A full ARN names the function's account and region; the call is made there, by name.
      account = target.account();
      region = target.region();
      input.put("FunctionName", target.name());
      if (target.qualifier() != null) {
        input.put("Qualifier", target.qualifier());
      }
    } else {
      input.put("FunctionName", functionArn);
    }
    input.set("Payload", Json.NODES.binaryNode(payload));
    JsonNode out;
    try {
      out = client.call("lambda", "Invoke", account, region, input);
    } catch (AwsException e) {
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    if (out == null) {
      return new Outcome(new byte[0], null);
    }
    JsonNode answer = out.get("Payload");
    byte[] bytes;
    try {
      bytes = answer == null || answer.isNull() ? new byte[0] : answer.binaryValue();
    } catch (IOException e) {
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    JsonNode error = out.get("FunctionError");
    return new Outcome(bytes == null ? new byte[0] : bytes, error == null || error.isNull() ? null : error.asText());
  }

  /**
   * A full function ARN ({@code arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]})
   * read into the parts Invoke takes, or null for any other form.
   */
  record FunctionTarget(String region, String account, String name, String qualifier) {

    static FunctionTarget of(String arn) {
      // arn : partition : lambda : region : account : function : name [: qualifier]
      int[] colon = new int[7];
      int n = 0;
      for (int i = arn.indexOf(':'); i >= 0; i = arn.indexOf(':', i + 1)) {
        if (n == colon.length) {
          return null;
        }
        colon[n++] = i;
      }
      if (n < 6 || !arn.startsWith("arn:") || !arn.startsWith("function:", colon[4] + 1)) {
        return null;
      }
      String name = arn.substring(colon[5] + 1, n == 7 ? colon[6] : arn.length());
      String qualifier = n == 7 ? arn.substring(colon[6] + 1) : null;
      if (name.isEmpty() || (qualifier != null && qualifier.isEmpty())) {
        return null;
      }
      return new FunctionTarget(arn.substring(colon[2] + 1, colon[3]), arn.substring(colon[3] + 1, colon[4]), name, qualifier);
    }
  }
}
