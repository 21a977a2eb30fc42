package dev.fogbank.stepfunctions.integration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The response metadata optimized integrations add to a service's result, as the AWS SDK for Java
 * v1 exposes it: {@code SdkHttpMetadata} (AllHttpHeaders as lists, HttpHeaders, HttpStatusCode) and
 * {@code SdkResponseMetadata} (RequestId). AWS SDK integrations ({@code aws-sdk:}) return the
 * response members alone.
 */
final class SdkMetadata {

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final Clock clock;

  SdkMetadata(Clock clock) {
    this.clock = clock;
  }

  /**
   * Adds the metadata of a response with that content type and body to {@code result}; {@code
   * extra} are the service's own headers (Lambda's X-Amz-Executed-Version).
   */
  ObjectNode attach(ObjectNode result, String contentType, String body, Map<String, String> extra) {
    String requestId = ErrorNaming.requestId();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Connection", "keep-alive");
    headers.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
    headers.put("Content-Type", contentType);
    headers.put("Date", HTTP_DATE.format(Instant.ofEpochMilli(clock.millis())));
    headers.putAll(extra);
    headers.put("x-amzn-RequestId", requestId);
    ObjectNode http = result.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    headers.forEach((k, v) -> all.putArray(k).add(v));
    ObjectNode single = http.putObject("HttpHeaders");
    headers.forEach(single::put);
    http.put("HttpStatusCode", 200);
    result.putObject("SdkResponseMetadata").put("RequestId", requestId);
    return result;
  }
}
