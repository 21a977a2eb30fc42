package dev.fogbank.apigw.throttle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.invoke.GatewayError;
import dev.fogbank.core.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Usage-plan quotas: at most {@code limit} requests per key in each DAY, WEEK or MONTH (UTC
 * periods on the emulator's clock, so a test moves to the next period by advancing time), and the
 * daily counts GetUsage reports.
 */
public final class Quotas {

  private final Clock clock;
  /** plan:key:periodStart → requests counted. */
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  /** plan:key:day → requests on that day, for GetUsage. */
  private final Map<String, AtomicLong> daily = new ConcurrentHashMap<>();

  public Quotas(Clock clock) {
    this.clock = clock;
  }

  public void consume(ObjectNode plan, String keyId) {
    String planId = plan.path("id").asText();
    LocalDate today = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
    JsonNode quota = plan.get("quota");
    if (quota != null && quota.has("limit")) {
      LocalDate start = switch (quota.path("period").asText("DAY")) {
        case "WEEK" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case "MONTH" -> today.withDayOfMonth(1);
        default -> today;
      };
      AtomicLong n = counts.computeIfAbsent(planId + ":" + keyId + ":" + start, k -> new AtomicLong());
      if (n.incrementAndGet() > quota.path("limit").asLong()) {
        n.decrementAndGet();
        throw new GatewayError("QUOTA_EXCEEDED", "Limit Exceeded");
      }
    }
    daily.computeIfAbsent(planId + ":" + keyId + ":" + today, k -> new AtomicLong()).incrementAndGet();
  }

  /** Requests a key made under a plan on a day. */
  public long used(String planId, String keyId, LocalDate day) {
    AtomicLong n = daily.get(planId + ":" + keyId + ":" + day);
    return n == null ? 0 : n.get();
  }

  /** Requests left in the current quota period, or -1 without a quota. */
  public long remaining(ObjectNode plan, String keyId) {
    JsonNode quota = plan.get("quota");
    if (quota == null || !quota.has("limit")) {
      return -1;
    }
    LocalDate today = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
    LocalDate start = switch (quota.path("period").asText("DAY")) {
      case "WEEK" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "MONTH" -> today.withDayOfMonth(1);
      default -> today;
    };
    AtomicLong n = counts.get(plan.path("id").asText() + ":" + keyId + ":" + start);
    return quota.path("limit").asLong() - (n == null ? 0 : n.get());
  }

  public void reset() {
    counts.clear();
    daily.clear();
  }
}
