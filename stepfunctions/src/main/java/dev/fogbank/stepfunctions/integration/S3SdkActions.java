package dev.fogbank.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code arn:aws:states:::aws-sdk:s3:getObject} and {@code …:putObject}, the S3 actions workflows
 * use most, through S3's REST API on this server (S3 has no in-process form). As the AWS SDK
 * integration does, putObject takes Body as text (a JSON Body is sent as its text) and getObject
 * answers Body as text with the object's metadata; S3's errors are {@code S3.<Code>Exception}.
 */
final class S3SdkActions {

  private final S3Api s3;

  S3SdkActions(S3Api s3) {
    this.s3 = s3;
  }

  static boolean handles(String service, String action) {
    return service.equals("s3") && (action.equals("getObject") || action.equals("putObject"));
  }

  JsonNode call(String action, JsonNode parameters, String account, String region) {
    String bucket = parameters.path("Bucket").asText(null);
    String key = parameters.path("Key").asText(null);
    if (bucket == null || key == null) {
      throw new StatesError("States.Runtime", "The parameters of s3:" + action + " must name a Bucket and a Key");
    }
    try {
      ObjectNode out = Json.MAPPER.createObjectNode();
      if (action.equals("putObject")) {
        JsonNode body = parameters.path("Body");
        String text = body.isMissingNode() || body.isNull() ? "" : body.isTextual() ? body.asText() : body.toString();
        String type = parameters.path("ContentType").asText("application/octet-stream");
        S3Api.Answer a = s3.putObject(account, region, bucket, key, text.getBytes(StandardCharsets.UTF_8), type);
        out.put("ETag", a.header("ETag"));
        if (a.header("x-amz-version-id") != null) {
          out.put("VersionId", a.header("x-amz-version-id"));
        }
        return out;
      }
      S3Api.Answer a = s3.getObjectWithHeaders(account, region, bucket, key);
      out.put("AcceptRanges", a.header("Accept-Ranges"));
      out.put("Body", new String(a.body(), StandardCharsets.UTF_8));
      out.put("ContentLength", a.body().length);
      out.put("ContentType", a.header("Content-Type"));
      out.put("ETag", a.header("ETag"));
      String modified = a.header("Last-Modified");
      if (modified != null) {
        out.put("LastModified", ZonedDateTime.parse(modified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toString());
      }
      out.putObject("Metadata");
      return out;
    } catch (S3Api.S3Error e) {
      throw new StatesError("S3." + (e.code.endsWith("Exception") ? e.code : e.code + "Exception"), e.sdkMessage());
    }
  }
}
