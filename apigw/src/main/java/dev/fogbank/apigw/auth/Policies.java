package dev.fogbank.apigw.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Evaluates the IAM policy a Lambda authorizer returns against the method ARN ({@code
 * arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets/1}): an explicit Deny wins, then
 * an Allow; {@code *} and {@code ?} are wildcards in Action and Resource, as in IAM.
 */
public final class Policies {

  public enum Decision { ALLOW, DENY, NONE }

  private Policies() {}

  public static Decision evaluate(JsonNode policy, String methodArn) {
    boolean allowed = false;
    for (JsonNode statement : list(policy.get("Statement"))) {
      if (!matchesAny(list(statement.get("Action")), "execute-api:Invoke")) {
        continue;
      }
      if (!matchesAny(list(statement.get("Resource")), methodArn)) {
        continue;
      }
      String effect = statement.path("Effect").asText();
      if (effect.equalsIgnoreCase("Deny")) {
        return Decision.DENY;
      }
      if (effect.equalsIgnoreCase("Allow")) {
        allowed = true;
      }
    }
    return allowed ? Decision.ALLOW : Decision.NONE;
  }

  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(out::add);
    } else {
      out.add(node);
    }
    return out;
  }

  private static boolean matchesAny(List<JsonNode> patterns, String value) {
    for (JsonNode p : patterns) {
      if (wildcard(p.asText()).matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }

  static Pattern wildcard(String pattern) {
    StringBuilder b = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> b.append(".*");
        case '?' -> b.append('.');
        default -> b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(b.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }
}
