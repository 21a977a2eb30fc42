package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage's access log (AWS: "Configuring logging for HTTP APIs"): the stage's {@code
 * AccessLogSettings.Format} with its {@code $context} variables filled for each request, sent to
 * the CloudWatch Logs group of {@code DestinationArn} (stream {@code {apiId}_{stage}}) when a Logs
 * service runs in this emulator, and to Fogbank's own log ({@code
 * dev.fogbank.apigatewayv2.http.AccessLog}, INFO) otherwise.
 */
final class AccessLog {

  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
  private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z0-9_.]+)");

  private AccessLog() {}

  static void write(InProcessClient client, Invocation inv, AwsResponse response, long latencyMillis) {
    JsonNode settings = inv.stageData.path("AccessLogSettings");
    if (!settings.hasNonNull("Format") || !settings.hasNonNull("DestinationArn")) {
      return;
    }
    String line = format(settings.path("Format").asText(), inv, response, latencyMillis);
    String arn = settings.path("DestinationArn").asText();
    if (client.has("logs")) {
      deliver(client, arn, inv, line);
    } else {
      log.info("{} {}", arn, line);
    }
  }

  static String format(String format, Invocation inv, AwsResponse response, long latencyMillis) {
    Matcher m = VARIABLE.matcher(format);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value =
          switch (name) {
            case "status" -> String.valueOf(response.status());
            case "responseLength" -> String.valueOf(response.body() == null ? 0 : response.body().length);
            case "responseLatency", "integrationLatency" -> String.valueOf(latencyMillis);
            case "identity.sourceIp" -> inv.sourceIp();
            default -> MappingValues.context(inv, name);
          };
      // API Gateway writes a dash for a variable without a value.
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "-" : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void deliver(InProcessClient client, String arn, Invocation inv, String line) {
    String[] parts = arn.split(":");
    if (parts.length < 7) {
      return;
    }
    String group = parts[6];
    String stream = inv.api.id() + "_" + inv.stage;
    try {
      ObjectNode create = Json.object().put("logGroupName", group).put("logStreamName", stream);
      try {
        client.call("logs", "CreateLogStream", parts[4], parts[3], create);
      } catch (AwsException exists) {
        // ResourceAlreadyExistsException: the stream is there from an earlier request
      }
      ObjectNode put = Json.object().put("logGroupName", group).put("logStreamName", stream);
      put.putArray("logEvents").addObject().put("timestamp", inv.time.toEpochMilli()).put("message", line);
      client.call("logs", "PutLogEvents", parts[4], parts[3], put);
    } catch (AwsException e) {
      log.warn("access log for {} not delivered to {}: {}", inv.api.id(), arn, e.getMessage());
    }
  }
}
