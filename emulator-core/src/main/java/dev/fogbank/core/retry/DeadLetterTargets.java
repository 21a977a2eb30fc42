package dev.fogbank.core.retry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.protocol.Json;

/**
 * Sends an undeliverable message to the dead-letter target its ARN names, through the in-process
 * client: an SQS queue ({@code GetQueueUrl} in the queue's account and region, then {@code
 * SendMessage}) or an SNS topic ({@code Publish}). Errors arrive as the target service answers
 * them ({@code QueueDoesNotExist}, {@code NotFound}).
 */
public final class DeadLetterTargets {

  /** A message for a dead-letter target. */
  public record Letter(String body, ObjectNode messageAttributes, String messageGroupId, String deduplicationId) {

    public static Letter of(String body) {
      return new Letter(body, null, null, null);
    }
  }

  private final InProcessClient client;

  public DeadLetterTargets(InProcessClient client) {
    this.client = client;
  }

  /**
   * Sends {@code letter} to {@code arn}.
   *
   * @throws IllegalArgumentException when the ARN names no SQS queue or SNS topic
   */
  public void send(String arn, Letter letter) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn")) {
      throw new IllegalArgumentException("not an ARN: " + arn);
    }
    String service = parts[2];
    String region = parts[3];
    String account = parts[4];
    String resource = parts[5];
    switch (service) {
      case "sqs" -> {
        String url = queueUrl(account, region, resource);
        ObjectNode input = Json.object().put("QueueUrl", url).put("MessageBody", letter.body());
        if (letter.messageAttributes() != null && !letter.messageAttributes().isEmpty()) {
          input.set("MessageAttributes", letter.messageAttributes());
        }
        if (letter.messageGroupId() != null) {
          input.put("MessageGroupId", letter.messageGroupId());
        }
        if (letter.deduplicationId() != null) {
          input.put("MessageDeduplicationId", letter.deduplicationId());
        }
        client.call("sqs", "SendMessage", account, region, input);
      }
      case "sns" -> {
        ObjectNode input = Json.object().put("TopicArn", arn).put("Message", letter.body());
        if (letter.messageAttributes() != null && !letter.messageAttributes().isEmpty()) {
          input.set("MessageAttributes", letter.messageAttributes());
        }
        if (letter.messageGroupId() != null) {
          input.put("MessageGroupId", letter.messageGroupId());
        }
        if (letter.deduplicationId() != null) {
          input.put("MessageDeduplicationId", letter.deduplicationId());
        }
        client.call("sns", "Publish", account, region, input);
      }
      default -> throw new IllegalArgumentException("not an SQS queue or SNS topic: " + arn);
    }
  }

  /** The URL of the queue {@code name} owned by {@code account}, as SQS hands it out. */
  public String queueUrl(String account, String region, String name) {
    ObjectNode input = Json.object().put("QueueName", name).put("QueueOwnerAWSAccountId", account);
    JsonNode out = client.call("sqs", "GetQueueUrl", account, region, input);
    return out.path("QueueUrl").asText();
  }
}
