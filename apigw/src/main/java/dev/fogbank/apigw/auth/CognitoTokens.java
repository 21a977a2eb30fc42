package dev.fogbank.apigw.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A COGNITO_USER_POOLS authorizer's check of a JSON Web Token: three base64url parts, a JSON
 * header and payload, {@code exp} in the future on the emulator's clock, {@code iss} naming one of
 * the authorizer's user pools ({@code https://cognito-idp.<region>.amazonaws.com/<poolId>} for
 * provider ARN {@code arn:aws:cognito-idp:<region>:<account>:userpool/<poolId>}), and for an id
 * token an {@code aud}, for an access token a {@code client_id}; with {@link Jwks} configured, the
 * RS256 signature. The token's claims are returned.
 */
public final class CognitoTokens {

  private CognitoTokens() {}

  /** The claims of a valid token, or null. */
  public static ObjectNode verify(String token, JsonNode providerArns, Instant now, Jwks jwks) {
    if (token == null) {
      return null;
    }
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).trim();
    }
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    JsonNode header;
    JsonNode payload;
    try {
      header = Json.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      payload = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
    if (header == null || !header.isObject() || !header.has("alg") || payload == null || !payload.isObject()) {
      return null;
    }
    if (jwks != null && !jwks.verify(header.path("kid").asText(), header.path("alg").asText(), parts[0] + "." + parts[1], parts[2])) {
      return null;
    }
    if (!payload.path("exp").canConvertToLong() || payload.path("exp").asLong() <= now.getEpochSecond()) {
      return null;
    }
    String iss = payload.path("iss").asText("");
    boolean issuer = false;
    for (JsonNode arn : providerArns) {
      String[] a = arn.asText().split(":");
      if (a.length == 6 && a[5].startsWith("userpool/")) {
        String expected = "https://cognito-idp." + a[3] + ".amazonaws.com/" + a[5].substring("userpool/".length());
        issuer |= expected.equals(iss);
      }
    }
    if (!issuer) {
      return null;
    }
    String use = payload.path("token_use").asText("id");
    if (use.equals("id") ? !payload.hasNonNull("aud") : !payload.hasNonNull("client_id")) {
      return null;
    }
    return (ObjectNode) payload;
  }
}
