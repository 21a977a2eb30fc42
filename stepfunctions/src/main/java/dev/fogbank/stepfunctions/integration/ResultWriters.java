package dev.fogbank.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.ExecutionStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A Distributed Map's ResultWriter (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
 * With {@code arn:aws:states:::s3:putObject} and Parameters Bucket/Prefix, the child executions'
 * results go to {@code <Prefix>/<map run id>/SUCCEEDED_0.json} and {@code FAILED_0.json}, listed by
 * {@code manifest.json}, and the state's result is {@code {MapRunArn, ResultWriterDetails: {Bucket,
 * Key}}}. WriterConfig Transformation NONE (the default when exporting: each execution's
 * metadata with its output), COMPACT (the outputs), FLATTEN (array outputs flattened) and OutputType
 * JSON or JSONL shape the files; WriterConfig alone shapes the state's result without exporting.
 * Failed executions are always written whole. A failure to write is {@code States.ResultWriterFailed}.
 */
final class ResultWriters {

  static final String PUT_OBJECT = "arn:aws:states:::s3:putObject";
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final S3Api s3;

  ResultWriters(S3Api s3) {
    this.s3 = s3;
  }

  JsonNode write(String mapRunArn, List<Execution> children, String resource, JsonNode parameters, JsonNode config,
      String account, String region) {
    boolean export = resource != null;
    String transformation = config.path("Transformation").asText(export ? "NONE" : "COMPACT");
    boolean jsonl = "JSONL".equals(config.path("OutputType").asText("JSON"));
    List<JsonNode> succeeded = new ArrayList<>();
    List<JsonNode> failed = new ArrayList<>();
    for (Execution child : children) {
      if (child.status() == ExecutionStatus.SUCCEEDED) {
        add(succeeded, child, transformation);
      } else if (child.status() != ExecutionStatus.RUNNING) {
        failed.add(entry(child));
      }
    }
    if (!export) {
      ArrayNode all = Json.MAPPER.createArrayNode();
      succeeded.forEach(all::add);
      failed.forEach(all::add);
      return all;
    }
    if (!PUT_OBJECT.equals(resource)) {
      throw new StatesError(ErrorNames.RESULT_WRITER_FAILED, "The ResultWriter resource " + resource + " is not supported");
    }
    String bucket = parameters.path("Bucket").asText(null);
    if (bucket == null) {
      throw new StatesError(ErrorNames.RESULT_WRITER_FAILED, "The ResultWriter parameters must name a Bucket");
    }
    String prefix = parameters.path("Prefix").asText("");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    String base = prefix + mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1) + "/";
    ObjectNode manifest = Json.MAPPER.createObjectNode();
    manifest.put("DestinationBucket", bucket);
    manifest.put("MapRunArn", mapRunArn);
    ObjectNode files = manifest.putObject("ResultFiles");
    try {
      files.set("FAILED", file(account, region, bucket, base + "FAILED_0.json", failed, jsonl));
      files.putArray("PENDING");
      files.set("SUCCEEDED", file(account, region, bucket, base + "SUCCEEDED_0.json", succeeded, jsonl));
      s3.putObject(account, region, bucket, base + "manifest.json",
          manifest.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    } catch (S3Api.S3Error e) {
      throw new StatesError(ErrorNames.RESULT_WRITER_FAILED, e.sdkMessage());
    }
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("MapRunArn", mapRunArn);
    result.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", base + "manifest.json");
    return result;
  }

  /** Writes one result file when it has entries; the manifest's list of it ({@code [{Key, Size}]} or empty). */
  private ArrayNode file(String account, String region, String bucket, String key, List<JsonNode> entries, boolean jsonl) {
    ArrayNode listed = Json.MAPPER.createArrayNode();
    if (entries.isEmpty()) {
      return listed;
    }
    String text;
    if (jsonl) {
      StringBuilder sb = new StringBuilder();
      entries.forEach(e -> sb.append(e).append('\n'));
      text = sb.toString();
    } else {
      ArrayNode array = Json.MAPPER.createArrayNode();
      entries.forEach(array::add);
      text = array.toString();
    }
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    s3.putObject(account, region, bucket, key, body, "application/json");
    listed.addObject().put("Key", key).put("Size", body.length);
    return listed;
  }

  private static void add(List<JsonNode> into, Execution child, String transformation) {
    switch (transformation) {
      case "COMPACT" -> into.add(parse(child.output()));
      case "FLATTEN" -> {
        JsonNode out = parse(child.output());
        if (out.isArray()) {
          out.forEach(into::add);
        } else {
          into.add(out);
        }
      }
      default -> into.add(entry(child));
    }
  }

  /** A child execution as the result files record it: DescribeExecution's members in PascalCase. */
  private static ObjectNode entry(Execution e) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    if (e.error() != null) {
      d.put("Cause", e.cause());
      d.put("Error", e.error());
    }
    d.put("ExecutionArn", e.arn());
    d.put("Input", e.input());
    d.putObject("InputDetails").put("Included", true);
    d.put("Name", e.name());
    if (e.output() != null) {
      d.put("Output", e.output());
      d.putObject("OutputDetails").put("Included", true);
    }
    d.put("RedriveCount", e.redriveCount());
    d.put("RedriveStatus", e.status() == ExecutionStatus.SUCCEEDED ? "NOT_REDRIVABLE" : "REDRIVABLE_BY_MAP_RUN");
    if (e.status() == ExecutionStatus.SUCCEEDED) {
      d.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
    }
    d.put("StartDate", DATE.format(Instant.ofEpochMilli(e.startDate())));
    d.put("StateMachineArn", e.stateMachineArn());
    d.put("Status", e.status().name());
    if (e.stopDate() != null) {
      d.put("StopDate", DATE.format(Instant.ofEpochMilli(e.stopDate())));
    }
    return d;
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(json);
    } catch (Exception e) {
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }
}
