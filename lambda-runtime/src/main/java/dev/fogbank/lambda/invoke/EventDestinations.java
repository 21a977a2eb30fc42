package dev.fogbank.lambda.invoke;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.retry.DeadLetterTargets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where Lambda sends what it is done with: a dead-letter queue (the event itself, with the
 * RequestID, ErrorCode and ErrorMessage message attributes Lambda adds) and destinations (an
 * invocation record) — SQS queues and SNS topics through the shared {@link DeadLetterTargets},
 * Lambda functions as an asynchronous Invoke, EventBridge buses as a PutEvents entry when
 * EventBridge runs.
 */
public final class EventDestinations {

  /** ErrorMessage holds at most the first kilobyte of the error. */
  private static final int ERROR_MESSAGE_LIMIT = 1024;

  private final InProcessClient client;
  private final DeadLetterTargets targets;

  public EventDestinations(InProcessClient client) {
    this.client = client;
    this.targets = client == null ? null : new DeadLetterTargets(client);
  }

  /**
   * Sends a failed event to a function's DeadLetterConfig target.
   *
   * @param errorCode the status of the last attempt (200 when the function ran and failed)
   */
  public void deadLetter(String targetArn, byte[] event, String requestId, int errorCode, String errorMessage) {
    ObjectNode attributes = Json.object();
    attributes.putObject("RequestID").put("DataType", "String").put("StringValue", requestId);
    attributes.putObject("ErrorCode").put("DataType", "Number").put("StringValue", Integer.toString(errorCode));
    String message = errorMessage == null || errorMessage.isEmpty() ? "Unknown" : errorMessage;
    if (message.length() > ERROR_MESSAGE_LIMIT) {
      message = message.substring(0, ERROR_MESSAGE_LIMIT);
    }
    attributes.putObject("ErrorMessage").put("DataType", "String").put("StringValue", message);
    String body = event.length == 0 ? "{}" : new String(event, StandardCharsets.UTF_8);
    requireClient().send(targetArn, new DeadLetterTargets.Letter(body, attributes, null, null));
  }

  /** Sends an invocation record to an OnSuccess or OnFailure destination. */
  public void deliver(String destinationArn, ObjectNode record, boolean success) {
    String[] arn = destinationArn.split(":", 7);
    if (arn.length < 6) {
      throw new IllegalArgumentException("not an ARN: " + destinationArn);
    }
    String service = arn[2];
    String region = arn[3];
    String account = arn[4];
    String json = record.toString();
    switch (service) {
      case "sqs", "sns" -> requireClient().send(destinationArn, DeadLetterTargets.Letter.of(json));
      case "lambda" -> {
        ObjectNode input = Json.object();
        input.put("FunctionName", destinationArn);
        input.put("InvocationType", "Event");
        input.put("Payload", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        client.call("lambda", "Invoke", account, region, input);
      }
      case "events" -> {
        if (client == null || !client.has("events")) {
          throw new IllegalStateException("EventBridge is not running");
        }
        ObjectNode input = Json.object();
        ObjectNode entry = input.putArray("Entries").addObject();
        entry.put("Source", "lambda");
        entry.put("DetailType", "Lambda Function Invocation Result - " + (success ? "Success" : "Failure"));
        entry.put("Detail", json);
        entry.put("EventBusName", destinationArn);
        entry.putArray("Resources").add(record.path("requestContext").path("functionArn").asText());
        client.call("events", "PutEvents", account, region, input);
      }
      default -> throw new IllegalArgumentException("not a destination Lambda supports: " + destinationArn);
    }
  }

  private DeadLetterTargets requireClient() {
    if (targets == null) {
      throw new IllegalStateException("no in-process client");
    }
    return targets;
  }
}
