package dev.fogbank.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LocalStack's environment variables, honoured when the matching {@code FOGBANK_*} variable and
 * flag are absent, so that Fogbank can stand in for the {@code localstack/localstack} image:
 *
 * <ul>
 *   <li>{@code SERVICES=sqs,lambda,...}: the services to run; LocalStack's names map to Fogbank's
 *       ({@code stepfunctions} → {@code states}), names Fogbank does not serve are left out;
 *   <li>{@code DEBUG=1}: debug logging;
 *   <li>{@code AWS_DEFAULT_REGION}: the region for requests that name none;
 *   <li>{@code PERSISTENCE=1}: S3 object data under the data directory ({@code FOGBANK_DATA_DIR});
 *   <li>{@code LOCALSTACK_HOST=host[:port]}: the port to serve on, when it names one (LocalStack
 *       serves on the port it advertises).
 * </ul>
 */
record LocalStackAliases(Map<String, String> env) {

  /** LocalStack's service names that differ from the endpoint prefix Fogbank uses. */
  private static final Map<String, String> NAMES =
      Map.of("stepfunctions", "states", "dynamodb-streams", "dynamodbstreams", "apigatewayv2", "apigateway");

  static LocalStackAliases fromSystem() {
    return new LocalStackAliases(System.getenv());
  }

  private String get(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** {@code SERVICES} in Fogbank's names, keeping only those {@code known}; null when unset. */
  List<String> services(java.util.Set<String> known, List<String> dropped) {
    String v = get("SERVICES");
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String raw : v.split(",")) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      name = NAMES.getOrDefault(name, name);
      if (known.contains(name)) {
        if (!out.contains(name)) {
          out.add(name);
        }
      } else {
        dropped.add(raw.trim());
      }
    }
    return out;
  }

  /** {@code debug} when {@code DEBUG} is 1/true, else null. */
  String logLevel() {
    String v = get("DEBUG");
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true")) ? "debug" : null;
  }

  String region() {
    return get("AWS_DEFAULT_REGION");
  }

  boolean persistence() {
    String v = get("PERSISTENCE");
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }

  /** The port in {@code LOCALSTACK_HOST}, or null. */
  Integer port() {
    String v = get("LOCALSTACK_HOST");
    if (v == null) {
      return null;
    }
    int colon = v.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    try {
      return Integer.valueOf(v.substring(colon + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
