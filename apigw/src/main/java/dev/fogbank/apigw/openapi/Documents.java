package dev.fogbank.apigw.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** OpenAPI documents in and out, as JSON or YAML. */
public final class Documents {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private Documents() {}

  /** The document a body holds, JSON or YAML; BadRequestException when it is neither. */
  public static JsonNode parse(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).trim();
    try {
      JsonNode doc = text.startsWith("{") ? Json.MAPPER.readTree(text) : YAML.readTree(text);
      if (doc == null || !doc.isObject()) {
        throw new IOException("not an object");
      }
      return doc;
    } catch (IOException e) {
      throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
    }
  }

  public static byte[] yaml(JsonNode doc) {
    try {
      return YAML.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] json(JsonNode doc) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
