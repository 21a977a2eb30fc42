package dev.fogbank.cloudwatch.logs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque nextToken values of the Describe operations: the position to continue after. */
final class Pages {

  private Pages() {}

  static String token(String after) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(after.getBytes(StandardCharsets.UTF_8));
  }

  static String after(String token) {
    if (token == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LogsErrors.invalidParameter("The specified nextToken is invalid.");
    }
  }
}
