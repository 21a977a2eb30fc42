package dev.fogbank.sqs.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sqs.SqsErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * A dead-letter queue's {@code RedriveAllowPolicy}: which source queues may use it ({@code
 * allowAll}, {@code denyAll}, or {@code byQueue} with up to 10 {@code sourceQueueArns}).
 */
public record RedriveAllowPolicy(String permission, List<String> sourceQueueArns) {

  public static RedriveAllowPolicy parse(String text) {
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw SqsErrors.invalidAttributeValue("RedriveAllowPolicy", "Redrive allow policy is not a valid JSON map.");
    }
    if (!(node instanceof ObjectNode)) {
      throw SqsErrors.invalidAttributeValue("RedriveAllowPolicy", "Redrive allow policy is not a valid JSON map.");
    }
    String permission = node.path("redrivePermission").asText("");
    List<String> arns = new ArrayList<>();
    node.path("sourceQueueArns").forEach(a -> arns.add(a.asText()));
    switch (permission) {
      case "allowAll", "denyAll" -> {
        if (!arns.isEmpty()) {
          throw SqsErrors.invalidAttributeValue(
              "RedriveAllowPolicy", "Only byQueue redrivePermission supports sourceQueueArns.");
        }
      }
      case "byQueue" -> {
        if (arns.isEmpty() || arns.size() > 10) {
          throw SqsErrors.invalidAttributeValue(
              "RedriveAllowPolicy", "Amazon SQS can't create the redrive allow policy, as it's in an unsupported format.");
        }
      }
      default ->
          throw SqsErrors.invalidAttributeValue(
              "RedriveAllowPolicy", "Amazon SQS can't create the redrive allow policy, as it's in an unsupported format.");
    }
    return new RedriveAllowPolicy(permission, List.copyOf(arns));
  }

  public boolean allows(String sourceArn) {
    return switch (permission) {
      case "allowAll" -> true;
      case "denyAll" -> false;
      default -> sourceQueueArns.contains(sourceArn);
    };
  }
}
