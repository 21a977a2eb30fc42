package dev.fogbank.apigw.state;

import java.security.SecureRandom;

/**
 * Identifiers as API Gateway makes them: lower-case letters and digits, ten characters for REST
 * APIs and root resources, six for resources, deployments, authorizers and the like, twenty for
 * API keys.
 */
public final class Ids {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String of(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  public static String api() {
    return of(10);
  }

  public static String shortId() {
    return of(6);
  }

  /** An API key's value: 40 characters of letters and digits, as API Gateway generates. */
  public static String apiKeyValue() {
    String upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder b = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      b.append(upper.charAt(RANDOM.nextInt(upper.length())));
    }
    return b.toString();
  }
}
