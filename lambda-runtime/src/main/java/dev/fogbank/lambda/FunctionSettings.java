package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.LayerVersion;
import dev.fogbank.lambda.function.LambdaState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration members CreateFunction and UpdateFunctionConfiguration share, checked with
 * the limits Lambda enforces beyond the model's: timeout at most 900 s, environment variables at
 * most 4 KB, at most 5 layers that must exist.
 */
final class FunctionSettings {

  static final int MAX_TIMEOUT = 900;
  static final int MAX_LAYERS = 5;
  static final int MAX_ENVIRONMENT_BYTES = 4096;

  private FunctionSettings() {}

  /** Copies the settings present in {@code input} into {@code config}, checking each. */
  static List<LayerVersion> apply(ObjectNode input, ObjectNode config, LambdaState state, List<LayerVersion> layers) {
    for (String member :
        List.of("Runtime", "Role", "Handler", "Description", "Timeout", "MemorySize", "KMSKeyArn", "DeadLetterConfig")) {
      if (input.has(member)) {
        config.set(member, input.get(member));
      }
    }
    if (input.has("Timeout") && input.get("Timeout").asInt() > MAX_TIMEOUT) {
      throw LambdaErrors.valueAbove(input.get("Timeout").asInt(), "timeout", MAX_TIMEOUT);
    }
    if (input.has("Environment")) {
      JsonNode vars = input.path("Environment").path("Variables");
      checkEnvironment(vars);
      ObjectNode env = config.putObject("Environment");
      env.set("Variables", vars.isObject() ? vars : Json.object());
    }
    if (input.has("TracingConfig")) {
      config.putObject("TracingConfig").put("Mode", input.path("TracingConfig").path("Mode").asText("PassThrough"));
    }
    if (input.has("EphemeralStorage")) {
      config.set("EphemeralStorage", input.get("EphemeralStorage"));
    }
    if (input.has("LoggingConfig")) {
      ObjectNode logging = (ObjectNode) config.path("LoggingConfig");
      input.get("LoggingConfig").fields().forEachRemaining(e -> logging.set(e.getKey(), e.getValue()));
    }
    if (input.has("VpcConfig")) {
      ObjectNode vpc = config.putObject("VpcConfig");
      vpc.set("SubnetIds", input.path("VpcConfig").path("SubnetIds").isArray() ? input.path("VpcConfig").get("SubnetIds") : Json.MAPPER.createArrayNode());
      vpc.set("SecurityGroupIds", input.path("VpcConfig").path("SecurityGroupIds").isArray() ? input.path("VpcConfig").get("SecurityGroupIds") : Json.MAPPER.createArrayNode());
      vpc.put("VpcId", "");
    }
    if (input.has("Layers")) {
      layers = layers(input.get("Layers"), state);
      ArrayNode refs = config.putArray("Layers");
      for (LayerVersion l : layers) {
        ObjectNode ref = refs.addObject();
        ref.put("Arn", l.arn());
        ref.put("CodeSize", l.content().size());
      }
      if (layers.isEmpty()) {
        config.remove("Layers");
      }
    }
    return layers;
  }

  /**
   * Lambda measures the variables as their JSON text: {@code {"KEY":"value",…}} must fit in 4 KB.
   */
  static void checkEnvironment(JsonNode vars) {
    if (!vars.isObject()) {
      return;
    }
    String measured = Json.text(vars);
    if (measured.getBytes(StandardCharsets.UTF_8).length > MAX_ENVIRONMENT_BYTES) {
      throw LambdaErrors.invalidParameter(
          "Lambda was unable to configure your environment variables because the environment variables you have "
              + "provided exceeded the 4KB limit. String measured: "
              + measured);
    }
    vars.fieldNames()
        .forEachRemaining(
            name -> {
              if (RESERVED.contains(name)) {
                throw LambdaErrors.invalidParameter(
                    "Lambda was unable to configure your environment variables because the environment variables you "
                        + "have provided contains reserved keys that are currently not supported for modification. "
                        + "Reserved keys used in this request: "
                        + name);
              }
            });
  }

  /** Variables Lambda sets itself and refuses to take from the function's configuration. */
  private static final java.util.Set<String> RESERVED =
      java.util.Set.of(
          "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

  private static List<LayerVersion> layers(JsonNode arns, LambdaState state) {
    if (arns.size() > MAX_LAYERS) {
      throw LambdaErrors.invalidParameter("Cannot reference more than " + MAX_LAYERS + " layers.");
    }
    List<LayerVersion> out = new ArrayList<>();
    for (JsonNode a : arns) {
      String arn = a.asText();
      LayerVersion found = LayerOperations.find(state, arn);
      if (found == null) {
        throw LambdaErrors.invalidParameter("Layer version " + arn + " does not exist.");
      }
      out.add(found);
    }
    return out;
  }
}
