package dev.fogbank.bench;

import java.net.URI;

/**
 * The load driver's flags: {@code --endpoint URL --workload NAME --seconds N --concurrency N
 * --size BYTES --warmup-seconds N --rate N --server-pid PID --clk-tck N}. {@code rate} 0 means
 * unpaced: every worker starts its next cycle as soon as the last one ends.
 */
record DriverOptions(
    URI endpoint,
    String workload,
    int seconds,
    int warmupSeconds,
    int concurrency,
    int size,
    long serverPid,
    int clockTicks,
    int rate) {

  static final String USAGE =
      "usage: LoadDriver --endpoint URL --workload " + String.join("|", Workload.NAMES)
          + " [--seconds 20] [--warmup-seconds 5] [--concurrency 8] [--size 1024]"
          + " [--rate CYCLES_PER_S] [--server-pid PID [--clk-tck 100]]";

  static DriverOptions parse(String[] args) {
    URI endpoint = null;
    String workload = null;
    int seconds = 20;
    int warmup = 5;
    int concurrency = 8;
    int size = 1024;
    long serverPid = 0;
    int clockTicks = 100;
    int rate = 0;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--endpoint" -> endpoint = URI.create(value);
        case "--workload" -> workload = value;
        case "--seconds" -> seconds = positive(flag, value);
        case "--warmup-seconds" -> warmup = nonNegative(flag, value);
        case "--concurrency" -> concurrency = positive(flag, value);
        case "--size" -> size = positive(flag, value);
        case "--server-pid" -> serverPid = positive(flag, value);
        case "--clk-tck" -> clockTicks = positive(flag, value);
        case "--rate" -> rate = positive(flag, value);
        default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
      }
    }
    if (endpoint == null || workload == null) {
      throw new IllegalArgumentException(USAGE);
    }
    // SQS's limit for a message body and for the sum of a batch's bodies.
    if (size > 262_144) {
      throw new IllegalArgumentException("--size must be at most 262144 (SQS's message size limit)");
    }
    return new DriverOptions(endpoint, workload, seconds, warmup, concurrency, size, serverPid, clockTicks, rate);
  }

  private static int positive(String flag, String value) {
    int n = nonNegative(flag, value);
    if (n == 0) {
      throw new IllegalArgumentException(flag + " must be positive");
    }
    return n;
  }

  private static int nonNegative(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new IllegalArgumentException(flag + " must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a whole number, not " + value, e);
    }
  }
}
