package dev.fogbank.apigw.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** COGNITO_USER_POOLS token checks: issuer, expiry, audience, and the RS256 signature against a JWKS. */
class CognitoTokensTest {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ISS = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc";
  private final KeyPair keys = keyPair();
  private final com.fasterxml.jackson.databind.JsonNode pools =
      Json.parse("[\"arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc\"]");

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String token(String kid, String payload) throws Exception {
    String input = B64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
        + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(keys.getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64.encodeToString(s.sign());
  }

  private Jwks jwks() {
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    ObjectNode doc = Json.object();
    doc.putArray("keys").addObject().put("kty", "RSA").put("kid", "k1").put("alg", "RS256")
        .put("n", B64.encodeToString(pub.getModulus().toByteArray()))
        .put("e", B64.encodeToString(pub.getPublicExponent().toByteArray()));
    return Jwks.parse(doc);
  }

  private static String claims(long exp) {
    return "{\"sub\":\"u1\",\"iss\":\"" + ISS + "\",\"aud\":\"client\",\"token_use\":\"id\",\"exp\":" + exp + "}";
  }

  @Test
  void validSignedTokenGivesItsClaims() throws Exception {
    ObjectNode c = CognitoTokens.verify("Bearer " + token("k1", claims(NOW.getEpochSecond() + 60)), pools, NOW, jwks());
    assertEquals("u1", c.path("sub").asText());
  }

  @Test
  void rejectsExpiredWrongKeyOrTamperedTokens() throws Exception {
    assertNull(CognitoTokens.verify(token("k1", claims(NOW.getEpochSecond() - 1)), pools, NOW, jwks()));
    assertNull(CognitoTokens.verify(token("other", claims(NOW.getEpochSecond() + 60)), pools, NOW, jwks()));
    String good = token("k1", claims(NOW.getEpochSecond() + 60));
    String[] parts = good.split("\\.");
    String forged = parts[0] + "." + B64.encodeToString(claims(NOW.getEpochSecond() + 9999).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertNull(CognitoTokens.verify(forged, pools, NOW, jwks()));
    // without keys configured the signature is not checked, the claims still are
    assertEquals("u1", CognitoTokens.verify(forged, pools, NOW, null).path("sub").asText());
    assertNull(CognitoTokens.verify("not.a.jwt", pools, NOW, null));
  }
}
