package dev.fogbank.lambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The invocation record Lambda sends to an asynchronous invocation's destination ("Capturing
 * records of Lambda asynchronous invocations", Developer Guide): {@code version}, {@code
 * timestamp}, {@code requestContext} (requestId, functionArn, condition, approximateInvokeCount),
 * {@code requestPayload}, {@code responseContext} (statusCode, executedVersion, functionError) and
 * {@code responsePayload}.
 */
public final class InvocationRecord {

  /** Why the record was sent: the {@code requestContext.condition} values Lambda uses. */
  public enum Condition {
    Success,
    RetriesExhausted,
    EventAgeExceeded
  }

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private InvocationRecord() {}

  /**
   * A record.
   *
   * @param statusCode the last attempt's status: 200 once the function ran, 429 when it was only
   *     ever throttled
   * @param functionError {@code Unhandled} when the function failed, or null
   * @param responsePayload what the function returned (or its error document); null when it never ran
   */
  public static ObjectNode of(
      Instant now,
      String requestId,
      String functionArn,
      Condition condition,
      int approximateInvokeCount,
      byte[] requestPayload,
      int statusCode,
      String executedVersion,
      String functionError,
      byte[] responsePayload) {
    ObjectNode record = Json.object();
    record.put("version", "1.0");
    record.put("timestamp", TIMESTAMP.format(now));
    ObjectNode rc = record.putObject("requestContext");
    rc.put("requestId", requestId);
    rc.put("functionArn", functionArn);
    rc.put("condition", condition.name());
    rc.put("approximateInvokeCount", approximateInvokeCount);
    record.set("requestPayload", payload(requestPayload));
    ObjectNode response = record.putObject("responseContext");
    response.put("statusCode", statusCode);
    if (executedVersion != null) {
      response.put("executedVersion", executedVersion);
    }
    if (functionError != null) {
      response.put("functionError", functionError);
    }
    if (responsePayload != null) {
      record.set("responsePayload", payload(responsePayload));
    }
    return record;
  }

  /** A payload as JSON when it parses (Lambda's events are JSON), else as a string. */
  static JsonNode payload(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
  }
}
