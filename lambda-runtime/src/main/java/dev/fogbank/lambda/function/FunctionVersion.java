package dev.fogbank.lambda.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of a function as it runs: its configuration (the model's FunctionConfiguration, as
 * GetFunctionConfiguration answers it), its code and its layers. Immutable: a published version
 * never changes, and every update of {@code $LATEST} makes a new snapshot, so that an execution
 * environment keeps running the code and settings it was started with.
 */
public record FunctionVersion(String version, ObjectNode configuration, CodePackage code, List<LayerVersion> layers) {

  public String functionName() {
    return configuration.path("FunctionName").asText();
  }

  public String runtime() {
    return configuration.path("Runtime").asText(null);
  }

  public String handler() {
    return configuration.path("Handler").asText(null);
  }

  public int timeoutSeconds() {
    return configuration.path("Timeout").asInt(3);
  }

  public int memorySize() {
    return configuration.path("MemorySize").asInt(128);
  }

  public String revisionId() {
    return configuration.path("RevisionId").asText();
  }

  /** The function's own environment variables. */
  public Map<String, String> variables() {
    Map<String, String> vars = new TreeMap<>();
    JsonNode v = configuration.path("Environment").path("Variables");
    v.fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
    return vars;
  }

  /** A copy of the configuration for an answer, which callers may change. */
  public ObjectNode view() {
    return configuration.deepCopy();
  }
}
