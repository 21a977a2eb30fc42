package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The runtime identifiers Lambda accepts today. The bundled service model's {@code Runtime} enum
 * predates python3.13, nodejs22.x, java25 and others that real Lambda takes, so the model Fogbank
 * validates against carries this list instead, and a runtime outside it answers Lambda's own error.
 */
final class Runtimes {

  /**
   * The {@code Runtime} enum of Lambda's current API reference (CreateFunction, Runtime valid
   * values), deprecated identifiers included: Lambda's validation lists them all and rejects the
   * deprecated ones later with its own message.
   */
  static final List<String> ALL =
      List.of(
          "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
          "java8", "java8.al2", "java11", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9",
          "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge",
          "go1.x", "ruby2.5", "ruby2.7", "provided", "provided.al2", "nodejs18.x", "python3.10", "java17", "ruby3.2",
          "ruby3.3", "ruby3.4", "python3.11", "nodejs20.x", "provided.al2023", "python3.12", "java21", "python3.13",
          "nodejs22.x", "nodejs24.x", "python3.14", "java25", "dotnet10");

  private Runtimes() {}

  /** Lambda's model with the {@code Runtime} enum brought up to {@link #ALL}. */
  static ServiceModel model(String name) {
    String resource = "fogbank/models/" + name + ".json";
    try (InputStream in = Runtimes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("service model " + resource + " is not on the class path");
      }
      JsonNode root = Json.MAPPER.readTree(in);
      ObjectNode runtime = (ObjectNode) root.path("shapes").path("Runtime");
      ArrayNode values = runtime.putArray("enum");
      ALL.forEach(values::add);
      return ServiceModel.parse(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a validation violation is an unknown runtime of a function (not of a layer's list). */
  static boolean isUnknownRuntime(Violation v) {
    return v.kind() == Violation.Kind.ENUM && v.path().equals("runtime");
  }

  /**
   * Lambda's answer to an unknown runtime: InvalidParameterValueException, the value unquoted and
   * the set followed by "or be a valid ARN" (as Lambda reports it, e.g. {@code Value nodejs12.xa at
   * 'runtime' failed to satisfy constraint: Member must satisfy enum value set: […] or be a valid
   * ARN}).
   */
  static AwsException unknown(String value) {
    return LambdaErrors.invalidParameter(
        "Value "
            + value
            + " at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: "
            + ALL
            + " or be a valid ARN");
  }
}
