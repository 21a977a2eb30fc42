package dev.fogbank.apigatewayv2.api;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers as API Gateway makes them: lower-case letters and digits, 10 characters for an API,
 * 7 for routes and integrations, 6 for deployments and authorizers.
 */
public final class Ids {

  private static final String CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private Ids() {}

  public static String next(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(CHARS.charAt(random.nextInt(CHARS.length())));
    }
    return id.toString();
  }
}
