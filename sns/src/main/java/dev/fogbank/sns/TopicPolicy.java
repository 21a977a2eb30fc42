package dev.fogbank.sns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The part of IAM policy evaluation a topic policy needs for callers of other accounts: an
 * explicit Deny wins, else some Allow statement must name the caller (its account, its root, or
 * {@code *}) and the action ({@code SNS:Publish}, {@code SNS:*}, {@code *}), with its conditions
 * met. The only condition key understood is {@code AWS:SourceOwner} (the caller's account), which
 * SNS's default policy uses to keep a topic to its owner; statements with other conditions do not
 * grant access.
 */
final class TopicPolicy {

  private TopicPolicy() {}

  static boolean allows(String policyJson, String callerAccount, String action) {
    JsonNode policy;
    try {
      policy = Json.parse(policyJson);
    } catch (IllegalArgumentException e) {
      return false;
    }
    JsonNode statements = policy.path("Statement");
    if (statements.isObject()) {
      statements = Json.NODES.arrayNode().add(statements);
    }
    boolean allowed = false;
    for (JsonNode s : statements) {
      if (!principal(s.path("Principal"), callerAccount) || !action(s.path("Action"), action) || !conditions(s.path("Condition"), callerAccount)) {
        continue;
      }
      if ("Deny".equals(s.path("Effect").asText())) {
        return false;
      }
      allowed |= "Allow".equals(s.path("Effect").asText());
    }
    return allowed;
  }

  private static boolean principal(JsonNode principal, String account) {
    if (principal.isTextual()) {
      return principal.asText().equals("*");
    }
    JsonNode aws = principal.path("AWS");
    if (aws.isTextual()) {
      return matchesAccount(aws.asText(), account);
    }
    for (JsonNode p : aws) {
      if (matchesAccount(p.asText(), account)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAccount(String principal, String account) {
    return principal.equals("*") || principal.equals(account) || principal.equals("arn:aws:iam::" + account + ":root");
  }

  private static boolean action(JsonNode actions, String action) {
    if (actions.isTextual()) {
      return actionMatches(actions.asText(), action);
    }
    for (JsonNode a : actions) {
      if (actionMatches(a.asText(), action)) {
        return true;
      }
    }
    return false;
  }

  private static boolean actionMatches(String pattern, String action) {
    String p = pattern.toLowerCase(Locale.ROOT);
    return p.equals("*") || p.equals("sns:*") || p.equals(action.toLowerCase(Locale.ROOT));
  }

  private static boolean conditions(JsonNode condition, String account) {
    if (condition.isMissingNode() || condition.isEmpty()) {
      return true;
    }
    for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
      Map.Entry<String, JsonNode> op = ops.next();
      if (!op.getKey().equals("StringEquals")) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
        Map.Entry<String, JsonNode> key = keys.next();
        if (!key.getKey().equalsIgnoreCase("AWS:SourceOwner")) {
          return false;
        }
        JsonNode v = key.getValue();
        boolean any = v.isTextual() ? v.asText().equals(account) : false;
        for (JsonNode x : v) {
          any |= x.asText().equals(account);
        }
        if (!any) {
          return false;
        }
      }
    }
    return true;
  }
}
