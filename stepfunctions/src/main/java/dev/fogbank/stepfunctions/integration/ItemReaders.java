package dev.fogbank.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Distributed Map's ItemReader (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html):
 * {@code arn:aws:states:::s3:getObject} with ReaderConfig InputType JSON (an array), JSONL (one
 * item a line) or CSV (a row an object of its header's names, CSVHeaderLocation FIRST_ROW or GIVEN
 * with CSVHeaders, CSVDelimiter), and {@code arn:aws:states:::s3:listObjectsV2} (an item per
 * object); ReaderConfig MaxItems caps the count. Any failure to read is {@code States.ItemReaderFailed}.
 */
final class ItemReaders {

  static final String GET_OBJECT = "arn:aws:states:::s3:getObject";
  static final String LIST_OBJECTS = "arn:aws:states:::s3:listObjectsV2";

  private final S3Api s3;

  ItemReaders(S3Api s3) {
    this.s3 = s3;
  }

  ArrayNode read(String resource, JsonNode config, JsonNode parameters, long maxItems, String account, String region) {
    String bucket = parameters.path("Bucket").asText(null);
    if (bucket == null) {
      throw failed("The ItemReader parameters must name a Bucket");
    }
    ArrayNode items;
    try {
      items = switch (resource) {
        case LIST_OBJECTS -> s3.listObjects(account, region, bucket, parameters.path("Prefix").asText(null));
        case GET_OBJECT -> {
          String key = parameters.path("Key").asText(null);
          if (key == null) {
            throw failed("The ItemReader parameters must name a Key");
          }
          String body = new String(s3.getObject(account, region, bucket, key), StandardCharsets.UTF_8);
          yield parse(config, body);
        }
        default -> throw failed("The ItemReader resource " + resource + " is not supported");
      };
    } catch (S3Api.S3Error e) {
      throw failed(e.sdkMessage());
    }
    if (maxItems > 0 && items.size() > maxItems) {
      ArrayNode capped = Json.MAPPER.createArrayNode();
      for (int i = 0; i < maxItems; i++) {
        capped.add(items.get(i));
      }
      return capped;
    }
    return items;
  }

  private static ArrayNode parse(JsonNode config, String body) {
    String type = config.path("InputType").asText("JSON");
    return switch (type) {
      case "JSON" -> {
        JsonNode doc;
        try {
          doc = Json.MAPPER.readTree(body);
        } catch (Exception e) {
          throw failed("The object is not valid JSON: " + e.getMessage());
        }
        if (doc == null || !doc.isArray()) {
          throw failed("Attempting to map over non-iterable node: the JSON object must hold an array");
        }
        yield (ArrayNode) doc;
      }
      case "JSONL" -> {
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (String line : body.split("\r?\n")) {
          if (line.isBlank()) {
            continue;
          }
          try {
            items.add(Json.MAPPER.readTree(line));
          } catch (Exception e) {
            throw failed("A line of the JSONL object is not valid JSON: " + e.getMessage());
          }
        }
        yield items;
      }
      case "CSV" -> csv(config, body);
      default -> throw failed("The InputType " + type + " is not supported");
    };
  }

  private static ArrayNode csv(JsonNode config, String body) {
    char delimiter = switch (config.path("CSVDelimiter").asText("COMMA")) {
      case "PIPE" -> '|';
      case "SEMICOLON" -> ';';
      case "SPACE" -> ' ';
      case "TAB" -> '\t';
      default -> ',';
    };
    List<List<String>> rows = Csv.rows(body, delimiter);
    List<String> header;
    int first;
    if ("GIVEN".equals(config.path("CSVHeaderLocation").asText("FIRST_ROW"))) {
      header = new ArrayList<>();
      config.path("CSVHeaders").forEach(h -> header.add(h.asText()));
      if (header.isEmpty()) {
        throw failed("CSVHeaders must be given when CSVHeaderLocation is GIVEN");
      }
      first = 0;
    } else {
      if (rows.isEmpty()) {
        return Json.MAPPER.createArrayNode();
      }
      header = rows.get(0);
      first = 1;
    }
    ArrayNode items = Json.MAPPER.createArrayNode();
    for (List<String> row : rows.subList(first, rows.size())) {
      // each value stays a string, as CSV carries no types
      ObjectNode item = items.addObject();
      for (int i = 0; i < header.size(); i++) {
        item.put(header.get(i), i < row.size() ? row.get(i) : "");
      }
    }
    return items;
  }

  static StatesError failed(String cause) {
    return new StatesError(ErrorNames.ITEM_READER_FAILED, cause);
  }
}
