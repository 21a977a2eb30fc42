package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JWT authorizers of HTTP APIs (AWS: "Controlling access to HTTP APIs with JWT authorizers"): the
 * token from the identity source ({@code Bearer } prefix allowed), its RS256 signature checked
 * against the issuer's JWKS (found through {@code {issuer}/.well-known/openid-configuration}),
 * {@code iss} equal to the issuer, {@code aud} or {@code client_id} among the audiences, {@code
 * exp} and {@code nbf} on the emulator's clock, and at least one of the route's scopes in {@code
 * scope}/{@code scp}. A bad token is 401, a missing scope 403.
 */
final class JwtAuthorizer {

  /** The outcome: null claims when refused, with the status to answer. */
  record Result(int status, ObjectNode authorizer) {}

  /** The client for JWKS and discovery documents, made on first use (holder idiom). */
  private static final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private final Clock clock;
  private final Map<String, Map<String, PublicKey>> keysByIssuer = new ConcurrentHashMap<>();

  JwtAuthorizer(Clock clock) {
    this.clock = clock;
  }

  Result authorize(ObjectNode authorizer, ObjectNode route, Invocation inv) {
    String source = authorizer.path("IdentitySource").path(0).asText("$request.header.Authorization");
    String token = MappingValues.resolve(source, e -> MappingValues.request(inv, e));
    if (token == null || token.isBlank()) {
      return new Result(401, null);
    }
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).trim();
    }
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return new Result(401, null);
    }
    JsonNode header;
    JsonNode claims;
    try {
      header = Json.parse(Base64.getUrlDecoder().decode(parts[0]));
      claims = Json.parse(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException | IllegalArgumentException e) {
      return new Result(401, null);
    }
    if (header == null || claims == null || !claims.isObject() || !"RS256".equals(header.path("alg").asText())) {
      return new Result(401, null);
    }
    String issuer = authorizer.path("JwtConfiguration").path("Issuer").asText();
    if (!issuer.equals(claims.path("iss").asText())) {
      return new Result(401, null);
    }
    PublicKey key = key(issuer, header.path("kid").asText(""));
    if (key == null || !verifies(key, parts)) {
      return new Result(401, null);
    }
    long now = clock.now().getEpochSecond();
    if (!claims.has("exp") || claims.path("exp").asLong() <= now) {
      return new Result(401, null);
    }
    if (claims.has("nbf") && claims.path("nbf").asLong() > now) {
      return new Result(401, null);
    }
    if (!audienceMatches(authorizer.path("JwtConfiguration").path("Audience"), claims)) {
      return new Result(401, null);
    }
    ArrayNode tokenScopes = Json.NODES.arrayNode();
    JsonNode scope = claims.has("scope") ? claims.get("scope") : claims.get("scp");
    if (scope != null) {
      if (scope.isArray()) {
        scope.forEach(s -> tokenScopes.add(s.asText()));
      } else {
        for (String s : scope.asText().split(" ")) {
          if (!s.isEmpty()) {
            tokenScopes.add(s);
          }
        }
      }
    }
    JsonNode required = route.path("AuthorizationScopes");
    if (required.isArray() && !required.isEmpty()) {
      boolean any = false;
      for (JsonNode r : required) {
        for (JsonNode t : tokenScopes) {
          any |= r.asText().equals(t.asText());
        }
      }
      if (!any) {
        return new Result(403, null);
      }
    }
    ObjectNode out = Json.object();
    ObjectNode jwt = out.putObject("jwt");
    ObjectNode c = jwt.putObject("claims");
    claims.fields().forEachRemaining(f -> c.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
    if (tokenScopes.isEmpty()) {
      jwt.putNull("scopes");
    } else {
      jwt.set("scopes", tokenScopes);
    }
    return new Result(200, out);
  }

  private static boolean audienceMatches(JsonNode audiences, JsonNode claims) {
    JsonNode aud = claims.get("aud");
    for (JsonNode a : audiences) {
      String want = a.asText();
      if (aud != null && aud.isArray()) {
        for (JsonNode x : aud) {
          if (x.asText().equals(want)) {
            return true;
          }
        }
      } else if (aud != null && aud.asText().equals(want)) {
        return true;
      }
      if (aud == null && claims.path("client_id").asText().equals(want)) {
        return true;
      }
    }
    return false;
  }

  private static boolean verifies(PublicKey key, String[] parts) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The issuer's key with this id, fetching the JWKS again when the id is unknown (key rotation). */
  private PublicKey key(String issuer, String kid) {
    Map<String, PublicKey> keys = keysByIssuer.get(issuer);
    if (keys == null || !keys.containsKey(kid)) {
      keys = fetch(issuer);
      if (keys != null) {
        keysByIssuer.put(issuer, keys);
      }
    }
    if (keys == null) {
      return null;
    }
    if (kid.isEmpty() && keys.size() == 1) {
      return keys.values().iterator().next();
    }
    return keys.get(kid);
  }

  private static Map<String, PublicKey> fetch(String issuer) {
    try {
      String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
      JsonNode discovery = get(base + "/.well-known/openid-configuration");
      String jwksUri = discovery != null && discovery.hasNonNull("jwks_uri") ? discovery.path("jwks_uri").asText() : base + "/.well-known/jwks.json";
      JsonNode jwks = get(jwksUri);
      if (jwks == null) {
        return null;
      }
      Map<String, PublicKey> keys = new ConcurrentHashMap<>();
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      for (JsonNode k : jwks.path("keys")) {
        if (!"RSA".equals(k.path("kty").asText())) {
          continue;
        }
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("n").asText()));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("e").asText()));
        keys.put(k.path("kid").asText(""), rsa.generatePublic(new RSAPublicKeySpec(n, e)));
      }
      return keys;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  private static JsonNode get(String url) {
    try {
      HttpResponse<byte[]> r =
          Http.CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? Json.parse(r.body()) : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
