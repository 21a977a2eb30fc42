package dev.fogbank.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The event an SQS event source mapping hands its function: {@code {"Records":[…]}}, each record
 * as "Using Lambda with Amazon SQS" (Developer Guide) and aws-lambda-java-events' {@code SQSEvent}
 * name them — messageId, receiptHandle, body, attributes, messageAttributes (stringValue,
 * binaryValue, stringListValues, binaryListValues, dataType), md5OfBody, md5OfMessageAttributes,
 * eventSource, eventSourceARN, awsRegion.
 */
final class SqsRecords {

  /** The system attributes Lambda passes, in the order its examples list them. */
  private static final List<String> ATTRIBUTES =
      List.of(
          "ApproximateReceiveCount",
          "AWSTraceHeader",
          "SentTimestamp",
          "SequenceNumber",
          "MessageGroupId",
          "SenderId",
          "MessageDeduplicationId",
          "ApproximateFirstReceiveTimestamp",
          "DeadLetterQueueSourceArn");

  private SqsRecords() {}

  /** One record from a ReceiveMessage message. */
  static ObjectNode record(JsonNode message, String queueArn, String region) {
    ObjectNode r = Json.object();
    r.put("messageId", message.path("MessageId").asText());
    r.put("receiptHandle", message.path("ReceiptHandle").asText());
    r.put("body", message.path("Body").asText());
    ObjectNode attributes = r.putObject("attributes");
    JsonNode system = message.path("Attributes");
    for (String name : ATTRIBUTES) {
      if (system.hasNonNull(name)) {
        attributes.put(name, system.get(name).asText());
      }
    }
    ObjectNode messageAttributes = r.putObject("messageAttributes");
    for (Map.Entry<String, JsonNode> a : message.path("MessageAttributes").properties()) {
      JsonNode v = a.getValue();
      ObjectNode out = messageAttributes.putObject(a.getKey());
      if (v.hasNonNull("StringValue")) {
        out.put("stringValue", v.get("StringValue").asText());
      }
      if (v.hasNonNull("BinaryValue")) {
        out.put("binaryValue", v.get("BinaryValue").asText());
      }
      out.putArray("stringListValues");
      out.putArray("binaryListValues");
      out.put("dataType", v.path("DataType").asText());
    }
    r.put("md5OfBody", message.path("MD5OfBody").asText());
    if (message.hasNonNull("MD5OfMessageAttributes")) {
      r.put("md5OfMessageAttributes", message.get("MD5OfMessageAttributes").asText());
    }
    r.put("eventSource", "aws:sqs");
    r.put("eventSourceARN", queueArn);
    r.put("awsRegion", region);
    return r;
  }

  /**
   * The view FilterCriteria patterns see: the record, with a body that is a JSON object or array
   * parsed, so that {@code {"body":{"kind":["order"]}}} reaches into it.
   */
  static JsonNode filterView(ObjectNode record) {
    String body = record.path("body").asText();
    String trimmed = body.stripLeading();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return record;
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(body);
      ObjectNode view = record.deepCopy();
      view.set("body", parsed);
      return view;
    } catch (IOException e) {
      return record;
    }
  }
}
