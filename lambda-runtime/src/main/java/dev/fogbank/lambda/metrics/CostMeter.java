package dev.fogbank.lambda.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the invocations since start (or reset) would cost on AWS Lambda, by the public on-demand
 * price model (aws.amazon.com/lambda/pricing, US East): $0.20 per million requests, and per
 * GB-second of billed duration (1 ms increments × configured memory in GB, 1 GB = 1024 MB)
 * $0.0000166667 on x86_64 and $0.0000133334 on arm64. The monthly free tier (1,000,000 requests
 * and 400,000 GB-seconds per account, shared by both architectures) is applied per account and
 * shared out among its functions in proportion to their use.
 */
public final class CostMeter {

  static final BigDecimal REQUEST_PRICE = new BigDecimal("0.0000002");
  static final BigDecimal X86_GB_SECOND = new BigDecimal("0.0000166667");
  static final BigDecimal ARM_GB_SECOND = new BigDecimal("0.0000133334");
  static final long FREE_REQUESTS = 1_000_000;
  static final BigDecimal FREE_GB_SECONDS = new BigDecimal(400_000);

  /** MB × ms in one GB-second. */
  private static final BigDecimal MB_MS_PER_GB_SECOND = new BigDecimal(1024 * 1000);

  private static final int SCALE = 10;

  private static final class Usage {
    final LongAdder requests = new LongAdder();
    final LongAdder billedMs = new LongAdder();
    final LongAdder mbMs = new LongAdder();
  }

  private record Key(String account, String region, String function, String architecture) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return (account + "/" + region + "/" + function + "/" + architecture)
          .compareTo(o.account + "/" + o.region + "/" + o.function + "/" + o.architecture);
    }
  }

  private final Map<Key, Usage> usage = new ConcurrentHashMap<>();

  /** Counts one request billed for {@code billedMs} at {@code memoryMb}. */
  public void record(String account, String region, String function, String architecture, long billedMs, int memoryMb) {
    Usage u = usage.computeIfAbsent(new Key(account, region, function, "arm64".equals(architecture) ? "arm64" : "x86_64"), k -> new Usage());
    u.requests.increment();
    u.billedMs.add(billedMs);
    u.mbMs.add(billedMs * memoryMb);
  }

  public void reset() {
    usage.clear();
  }

  /**
   * {@code {"Pricing":{…},"Functions":[…],"Accounts":[…]}}: per function and architecture its
   * requests, billed milliseconds, GB-seconds and cost before and after the free tier; per
   * account the totals. Optionally only one function's rows (the account totals stay whole).
   */
  public ObjectNode json(String functionName) {
    Map<Key, Usage> snapshot = new TreeMap<>(usage);
    Map<String, long[]> requestsByAccount = new LinkedHashMap<>();
    Map<String, BigDecimal> gbSecondsByAccount = new LinkedHashMap<>();
    snapshot.forEach(
        (k, u) -> {
          requestsByAccount.computeIfAbsent(k.account(), a -> new long[1])[0] += u.requests.sum();
          gbSecondsByAccount.merge(k.account(), gbSeconds(u), BigDecimal::add);
        });

    ObjectNode out = Json.object();
    ObjectNode pricing = out.putObject("Pricing");
    pricing.put("RequestsPerMillion", new BigDecimal("0.20"));
    pricing.putObject("GbSecond").put("x86_64", X86_GB_SECOND).put("arm64", ARM_GB_SECOND);
    pricing.putObject("MonthlyFreeTier").put("Requests", FREE_REQUESTS).put("GbSeconds", FREE_GB_SECONDS);
    pricing.put("Currency", "USD");

    ArrayNode functions = out.putArray("Functions");
    Map<String, BigDecimal[]> totals = new LinkedHashMap<>();
    snapshot.forEach(
        (k, u) -> {
          long requests = u.requests.sum();
          BigDecimal gbs = gbSeconds(u);
          BigDecimal requestCost = REQUEST_PRICE.multiply(BigDecimal.valueOf(requests));
          BigDecimal durationCost = price(k.architecture()).multiply(gbs);
          // The account's free tier, shared out by each function's part of the account's use.
          BigDecimal paidRequests =
              BigDecimal.valueOf(requests).multiply(payingShare(BigDecimal.valueOf(requestsByAccount.get(k.account())[0]), BigDecimal.valueOf(FREE_REQUESTS)));
          BigDecimal paidGbs = gbs.multiply(payingShare(gbSecondsByAccount.get(k.account()), FREE_GB_SECONDS));
          BigDecimal requestAfter = REQUEST_PRICE.multiply(paidRequests);
          BigDecimal durationAfter = price(k.architecture()).multiply(paidGbs);
          BigDecimal[] t = totals.computeIfAbsent(k.account(), a -> zeros());
          add(t, requests, gbs, requestCost, durationCost, requestAfter, durationAfter);
          if (functionName != null && !functionName.equals(k.function())) {
            return;
          }
          ObjectNode f = functions.addObject();
          f.put("FunctionName", k.function());
          f.put("Account", k.account());
          f.put("Region", k.region());
          f.put("Architecture", k.architecture());
          f.put("Invocations", requests);
          f.put("BilledDurationMs", u.billedMs.sum());
          f.put("GbSeconds", money(gbs));
          costs(f, requestCost, durationCost, requestAfter, durationAfter);
        });

    ArrayNode accounts = out.putArray("Accounts");
    totals.forEach(
        (account, t) -> {
          ObjectNode a = accounts.addObject();
          a.put("Account", account);
          a.put("Invocations", t[0].longValue());
          a.put("GbSeconds", money(t[1]));
          costs(a, t[2], t[3], t[4], t[5]);
        });
    return out;
  }

  private static void costs(ObjectNode node, BigDecimal request, BigDecimal duration, BigDecimal requestAfter, BigDecimal durationAfter) {
    ObjectNode before = node.putObject("Cost");
    before.put("Requests", money(request));
    before.put("Duration", money(duration));
    before.put("Total", money(request.add(duration)));
    ObjectNode after = node.putObject("CostAfterFreeTier");
    after.put("Requests", money(requestAfter));
    after.put("Duration", money(durationAfter));
    after.put("Total", money(requestAfter.add(durationAfter)));
  }

  private static BigDecimal[] zeros() {
    BigDecimal[] t = new BigDecimal[6];
    java.util.Arrays.fill(t, BigDecimal.ZERO);
    return t;
  }

  private static void add(BigDecimal[] t, long requests, BigDecimal... values) {
    t[0] = t[0].add(BigDecimal.valueOf(requests));
    for (int i = 0; i < values.length; i++) {
      t[i + 1] = t[i + 1].add(values[i]);
    }
  }

  /** The part of {@code used} beyond {@code free}, as a fraction of {@code used}. */
  private static BigDecimal payingShare(BigDecimal used, BigDecimal free) {
    if (used.compareTo(free) <= 0) {
      return BigDecimal.ZERO;
    }
    return used.subtract(free).divide(used, MathContext.DECIMAL128);
  }

  /** GB-seconds of a usage: MB·ms / (1024 × 1000), exact (the divisor is 2^13 × 125). */
  private static BigDecimal gbSeconds(Usage u) {
    return new BigDecimal(u.mbMs.sum()).divide(MB_MS_PER_GB_SECOND);
  }

  private static BigDecimal price(String architecture) {
    return "arm64".equals(architecture) ? ARM_GB_SECOND : X86_GB_SECOND;
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
  }
}
