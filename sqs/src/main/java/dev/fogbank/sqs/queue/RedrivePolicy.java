package dev.fogbank.sqs.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sqs.SqsErrors;

/**
 * A queue's {@code RedrivePolicy}: its dead-letter queue and after how many receives a message
 * moves there ({@code maxReceiveCount}, 1 to 1000). SQS reports a bad policy as {@code
 * InvalidParameterValue} naming the parameter RedrivePolicy.
 */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

  public static RedrivePolicy parse(String text) {
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid(text, "Redrive policy is not a valid JSON map.");
    }
    if (!(node instanceof ObjectNode)) {
      throw invalid(text, "Redrive policy is not a valid JSON map.");
    }
    JsonNode arn = node.get("deadLetterTargetArn");
    JsonNode count = node.get("maxReceiveCount");
    if (arn == null || !arn.isTextual() || count == null) {
      throw invalid(text, "Redrive policy does not contain mandatory attribute: "
          + (arn == null || !arn.isTextual() ? "deadLetterTargetArn" : "maxReceiveCount") + ".");
    }
    int max;
    try {
      max = count.isNumber() ? count.intValue() : Integer.parseInt(count.asText().trim());
    } catch (NumberFormatException e) {
      throw invalid(text, "Invalid value for maxReceiveCount: " + count.asText() + ", valid values are from 1 to 1000 both inclusive.");
    }
    if (max < 1 || max > 1000) {
      throw invalid(text, "Invalid value for maxReceiveCount: " + max + ", valid values are from 1 to 1000 both inclusive.");
    }
    return new RedrivePolicy(arn.asText(), max);
  }

  static dev.fogbank.core.error.AwsException invalid(String text, String reason) {
    return SqsErrors.invalidParameter("RedrivePolicy", text, reason);
  }

  /** As GetQueueAttributes returns it: {@code {"deadLetterTargetArn":"…","maxReceiveCount":5}}. */
  public String toJson() {
    ObjectNode node = Json.object();
    node.put("deadLetterTargetArn", deadLetterTargetArn);
    node.put("maxReceiveCount", maxReceiveCount);
    return Json.text(node);
  }
}
