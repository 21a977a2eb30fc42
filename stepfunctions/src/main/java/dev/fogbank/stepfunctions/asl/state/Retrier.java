package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Retry rule: ErrorEquals, IntervalSeconds (1), MaxAttempts (3), BackoffRate (2.0),
 * MaxDelaySeconds, JitterStrategy (FULL or NONE). The n-th retry waits IntervalSeconds ×
 * BackoffRate^(n-1), capped at MaxDelaySeconds; FULL jitter picks uniformly below that.
 */
public record Retrier(List<String> errorEquals, double intervalSeconds, int maxAttempts, double backoffRate,
    Integer maxDelaySeconds, boolean fullJitter) {

  public static Retrier parse(JsonNode json) {
    List<String> errors = new ArrayList<>();
    json.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
    return new Retrier(
        errors,
        json.path("IntervalSeconds").asDouble(1),
        json.path("MaxAttempts").asInt(3),
        json.path("BackoffRate").asDouble(2.0),
        json.has("MaxDelaySeconds") ? json.get("MaxDelaySeconds").asInt() : null,
        "FULL".equals(json.path("JitterStrategy").asText("NONE")));
  }

  public boolean matches(String error) {
    return errorEquals.stream().anyMatch(p -> ErrorNames.matches(p, error));
  }

  /** The wait before retry number {@code attempt} (1-based). */
  public Duration delay(int attempt) {
    double seconds = intervalSeconds * Math.pow(backoffRate, attempt - 1);
    if (maxDelaySeconds != null) {
      seconds = Math.min(seconds, maxDelaySeconds);
    }
    if (fullJitter) {
      seconds = ThreadLocalRandom.current().nextDouble() * seconds;
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
