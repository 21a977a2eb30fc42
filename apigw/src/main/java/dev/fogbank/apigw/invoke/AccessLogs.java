package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage's access logging ({@code accessLogSettings}: a {@code format} of {@code $context}
 * variables and a CloudWatch Logs {@code destinationArn}): one line per request, written to the
 * log group's stream {@code {apiId}_{stage}} when a CloudWatch Logs service runs in this emulator,
 * else to Fogbank's own log at INFO. Variables without a value print as {@code -}, as in API
 * Gateway.
 */
public final class AccessLogs {

  private static final Logger log = LoggerFactory.getLogger(AccessLogs.class);
  private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z0-9_.]+)");

  private final InProcessClient client;

  public AccessLogs(InProcessClient client) {
    this.client = client;
  }

  public void write(Invocation inv, int status, int length, long latencyMillis, String error) {
    JsonNode settings = inv.stage == null ? null : inv.stage.get("accessLogSettings");
    if (settings == null || !settings.hasNonNull("format") || !settings.hasNonNull("destinationArn") || inv.testInvoke) {
      return;
    }
    String line = format(settings.path("format").asText(), inv, status, length, latencyMillis, error);
    String arn = settings.path("destinationArn").asText();
    if (!client.has("logs")) {
      log.info("{} {}", arn, line);
      return;
    }
    String[] parts = arn.split(":");
    if (parts.length < 7) {
      return;
    }
    String group = parts[6];
    String stream = inv.apiId() + "_" + inv.stageName;
    try {
      try {
        client.call("logs", "CreateLogStream", parts[4], parts[3], Json.object().put("logGroupName", group).put("logStreamName", stream));
      } catch (AwsException exists) {
        // the stream was created by an earlier request
      }
      ObjectNode put = Json.object().put("logGroupName", group).put("logStreamName", stream);
      put.putArray("logEvents").addObject().put("timestamp", inv.requestTime.toEpochMilli()).put("message", line);
      client.call("logs", "PutLogEvents", parts[4], parts[3], put);
    } catch (AwsException e) {
      log.warn("access log of {} not delivered to {}: {}", inv.apiId(), arn, e.getMessage());
    }
  }

  static String format(String format, Invocation inv, int status, int length, long latencyMillis, String error) {
    Map<String, Object> context = ContextVariables.context(inv);
    Matcher m = VARIABLE.matcher(format);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Object value = switch (name) {
        case "status" -> status;
        case "responseLength" -> length;
        case "responseLatency", "integrationLatency" -> latencyMillis;
        case "error.message", "error.messageString" -> error;
        default -> walk(context, name);
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "-" : value.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Object walk(Map<String, Object> map, String dotted) {
    Object cur = map;
    for (String part : dotted.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(part);
    }
    return cur;
  }
}
