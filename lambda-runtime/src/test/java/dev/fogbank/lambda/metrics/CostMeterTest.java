package dev.fogbank.lambda.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Prices from aws.amazon.com/lambda/pricing (US East, on demand) and its monthly free tier. */
class CostMeterTest {

  private static BigDecimal decimal(JsonNode node) {
    return node.decimalValue().stripTrailingZeros();
  }

  @Test
  void oneSecondAtOneGbIsOneGbSecondAtTheX86Price() {
    CostMeter meter = new CostMeter();
    meter.record("111111111111", "us-east-1", "a", "x86_64", 1000, 1024);
    JsonNode f = meter.json(null).path("Functions").get(0);
    assertEquals("a", f.path("FunctionName").asText());
    assertEquals("x86_64", f.path("Architecture").asText());
    assertEquals(1, f.path("Invocations").asLong());
    assertEquals(1000, f.path("BilledDurationMs").asLong());
    assertEquals(new BigDecimal("1"), decimal(f.path("GbSeconds")));
    assertEquals(new BigDecimal("0.0000002"), decimal(f.path("Cost").path("Requests")));
    assertEquals(new BigDecimal("0.0000166667"), decimal(f.path("Cost").path("Duration")));
    assertEquals(new BigDecimal("0.0000168667"), decimal(f.path("Cost").path("Total")));
    // Well inside the free tier.
    assertEquals(BigDecimal.ZERO, decimal(f.path("CostAfterFreeTier").path("Total")));
  }

  @Test
  void arm64HasItsOwnGbSecondPriceAndMemoryCountsIn1024MbGigabytes() {
    CostMeter meter = new CostMeter();
    meter.record("111111111111", "us-east-1", "b", "arm64", 2000, 512);
    JsonNode f = meter.json("b").path("Functions").get(0);
    assertEquals(new BigDecimal("1"), decimal(f.path("GbSeconds")));
    assertEquals(new BigDecimal("0.0000133334"), decimal(f.path("Cost").path("Duration")));
  }

  @Test
  void usageBeyondTheFreeTierIsChargedAndTheTierIsSharedByUse() {
    CostMeter meter = new CostMeter();
    String account = "111111111111";
    // 300,000 GB-seconds on x86 and 500,000 on arm64: 800,000 in all, half of it beyond the
    // 400,000 free GB-seconds, so each function pays for half of its own.
    meter.record(account, "us-east-1", "x", "x86_64", 300_000_000L, 1024);
    meter.record(account, "us-east-1", "y", "arm64", 500_000_000L, 1024);
    // Another account: 1,100,000 requests, 100,000 beyond its free million.
    for (int i = 0; i < 1_100_000; i++) {
      meter.record("222222222222", "eu-west-1", "z", "x86_64", 1, 128);
    }
    JsonNode out = meter.json(null);
    JsonNode x = out.path("Functions").get(0);
    JsonNode y = out.path("Functions").get(1);
    assertEquals("x", x.path("FunctionName").asText());
    assertEquals("y", y.path("FunctionName").asText());
    // 300,000 × 0.0000166667 before the tier; 150,000 × 0.0000166667 after.
    assertEquals(new BigDecimal("5.00001"), decimal(x.path("Cost").path("Duration")));
    assertEquals(0, new BigDecimal("2.500005").compareTo(x.path("CostAfterFreeTier").path("Duration").decimalValue()));
    assertEquals(0, new BigDecimal("3.33335").compareTo(y.path("CostAfterFreeTier").path("Duration").decimalValue()));

    JsonNode first = out.path("Accounts").get(0);
    assertEquals(account, first.path("Account").asText());
    assertEquals(0, new BigDecimal("5.833355").compareTo(first.path("CostAfterFreeTier").path("Duration").decimalValue()));
    JsonNode totals = out.path("Accounts").get(1);
    assertEquals(1_100_000, totals.path("Invocations").asLong());
    // 100,000 paying requests × $0.20 per million.
    assertEquals(0, new BigDecimal("0.02").compareTo(totals.path("CostAfterFreeTier").path("Requests").decimalValue()));
    assertEquals(0, new BigDecimal("0.22").compareTo(totals.path("Cost").path("Requests").decimalValue()));
  }

  @Test
  void resetForgetsTheUsage() {
    CostMeter meter = new CostMeter();
    meter.record("111111111111", "us-east-1", "a", "x86_64", 1, 128);
    meter.reset();
    assertEquals(0, meter.json(null).path("Functions").size());
  }
}
