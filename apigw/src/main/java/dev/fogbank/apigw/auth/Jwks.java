package dev.fogbank.apigw.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The RSA keys a user pool signs its tokens with, from a JSON Web Key Set document (the content of
 * a pool's {@code /.well-known/jwks.json}), configured with the {@code apigateway.cognito-jwks}
 * setting (a file path). With keys configured, a COGNITO_USER_POOLS authorizer checks each
 * token's RS256 signature against the key its header's {@code kid} names.
 */
public final class Jwks {

  private final Map<String, PublicKey> keys;

  private Jwks(Map<String, PublicKey> keys) {
    this.keys = keys;
  }

  /** The keys of the JWKS file at {@code path}, or null when no path is configured. */
  public static Jwks load(String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    try {
      return parse(Json.parse(Files.readString(Path.of(path))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JWKS " + path, e);
    }
  }

  public static Jwks parse(JsonNode doc) {
    Map<String, PublicKey> keys = new HashMap<>();
    for (JsonNode k : doc.path("keys")) {
      if (!k.path("kty").asText().equals("RSA")) {
        continue;
      }
      try {
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("n").asText()));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("e").asText()));
        keys.put(k.path("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
      } catch (GeneralSecurityException | IllegalArgumentException ex) {
        throw new IllegalArgumentException("invalid JWK " + k.path("kid").asText(), ex);
      }
    }
    return new Jwks(keys);
  }

  /** Whether {@code signingInput} ({@code header.payload}) carries a valid RS256 signature by key {@code kid}. */
  public boolean verify(String kid, String alg, String signingInput, String signature) {
    PublicKey key = keys.get(kid);
    if (key == null || !"RS256".equals(alg)) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return s.verify(Base64.getUrlDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
