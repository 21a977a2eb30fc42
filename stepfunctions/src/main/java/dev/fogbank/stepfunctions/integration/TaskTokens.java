package dev.fogbank.stepfunctions.integration;

import dev.fogbank.stepfunctions.asl.state.Services;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task tokens of {@code .waitForTaskToken} tasks and activities, and the listener each one reaches.
 * A token is opaque to callers; one that does not decode is {@code InvalidToken}, one that decodes
 * but names no waiting task is {@code TaskTimedOut} (AWS's answer for a task that ended).
 */
public final class TaskTokens {

  private static final String MARK = "fogbank-task:";
  private final Map<String, Services.TokenListener> waiting = new ConcurrentHashMap<>();

  public String create(Services.TokenListener listener) {
    String token = Base64.getEncoder().encodeToString((MARK + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    waiting.put(token, listener);
    return token;
  }

  public void drop(String token) {
    waiting.remove(token);
  }

  /** Whether the token has the shape of one this emulator issued. */
  public static boolean wellFormed(String token) {
    try {
      return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).startsWith(MARK);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The listener of a waiting task, or null. */
  public Services.TokenListener get(String token) {
    return waiting.get(token);
  }

  public void clear() {
    waiting.clear();
  }
}
