package dev.fogbank.apigw.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fogbank.core.protocol.Json;
import org.junit.jupiter.api.Test;

/** IAM policy evaluation against method ARNs, as a Lambda authorizer's policy is read. */
class PoliciesTest {

  private static final String ARN = "arn:aws:execute-api:us-east-1:000000000000:abc/prod/GET/pets/1";

  private static Policies.Decision eval(String statements) {
    return Policies.evaluate(Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}"), ARN);
  }

  @Test
  void wildcardsMatchResourcesAndActions() {
    assertEquals(Policies.Decision.ALLOW, eval("[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/*\"}]"));
    assertEquals(Policies.Decision.ALLOW, eval("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":[\"arn:aws:execute-api:*:*:abc/prod/GET/pets/?\"]}"));
    assertEquals(Policies.Decision.NONE, eval("[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:000000000000:abc/*/POST/*\"}]"));
  }

  @Test
  void explicitDenyWins() {
    assertEquals(Policies.Decision.DENY, eval("[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"},"
        + "{\"Effect\":\"Deny\",\"Action\":\"execute-api:*\",\"Resource\":\"*\"}]"));
  }
}
