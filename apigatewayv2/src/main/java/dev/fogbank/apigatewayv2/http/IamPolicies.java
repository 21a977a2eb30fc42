package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The IAM policy a Lambda authorizer returns: allowed when some statement allows {@code
 * execute-api:Invoke} on the ARN (with {@code *} wildcards) and no statement denies it — an
 * explicit Deny wins, as in IAM's evaluation.
 */
public final class IamPolicies {

  private IamPolicies() {}

  public static boolean allows(JsonNode policy, String arn) {
    boolean allow = false;
    JsonNode statements = policy.path("Statement");
    if (statements.isObject()) {
      statements = Json.NODES.arrayNode().add(statements);
    }
    for (JsonNode s : statements) {
      if (!matchesAny(s.path("Action"), "execute-api:Invoke") || !matchesAny(s.path("Resource"), arn)) {
        continue;
      }
      if (s.path("Effect").asText().equals("Deny")) {
        return false;
      }
      if (s.path("Effect").asText().equals("Allow")) {
        allow = true;
      }
    }
    return allow;
  }

  private static boolean matchesAny(JsonNode patterns, String value) {
    if (patterns.isTextual()) {
      return glob(patterns.asText(), value);
    }
    for (JsonNode p : patterns) {
      if (glob(p.asText(), value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean glob(String pattern, String value) {
    List<String> parts = new ArrayList<>();
    for (String part : pattern.split("\\*", -1)) {
      parts.add(Pattern.quote(part));
    }
    return Pattern.matches(String.join(".*", parts), value);
  }
}
