package dev.fogbank.lambda.function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An alias: a name for a version, optionally sending a share of invocations to a second version
 * ({@code RoutingConfig.AdditionalVersionWeights}).
 *
 * @param weights additional version → weight in [0, 1]; empty for none
 */
public record Alias(
    String name, String functionVersion, String description, Map<String, Double> weights, String revisionId) {

  /** The model's AliasConfiguration. */
  public ObjectNode configuration(String functionArn) {
    ObjectNode out = dev.fogbank.core.protocol.Json.object();
    out.put("AliasArn", functionArn + ":" + name);
    out.put("Name", name);
    out.put("FunctionVersion", functionVersion);
    out.put("Description", description == null ? "" : description);
    if (!weights.isEmpty()) {
      ObjectNode w = out.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
      weights.forEach(w::put);
    }
    out.put("RevisionId", revisionId);
    return out;
  }

  /**
   * The version an invocation runs: the additional version with its weight's probability, else
   * the alias's own; {@code draw} is uniform in [0, 1).
   */
  public String route(double draw) {
    double bound = 0;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      bound += e.getValue();
      if (draw < bound) {
        return e.getKey();
      }
    }
    return functionVersion;
  }
}
