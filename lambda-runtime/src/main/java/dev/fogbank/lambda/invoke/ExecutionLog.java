package dev.fogbank.lambda.invoke;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The log lines Lambda writes around an invocation: {@code START RequestId: … Version: …}, the
 * function's output, {@code END RequestId: …} and the {@code REPORT} line with Duration, Billed
 * Duration (rounded up to the millisecond), Memory Size, Max Memory Used and, after a cold start,
 * Init Duration. Since 1 August 2025 Lambda bills the INIT phase of every function ("AWS Lambda
 * standardizes billing for INIT phase", AWS Compute Blog), so a cold start's Billed Duration
 * covers its Init Duration too.
 */
public final class ExecutionLog {

  /** {@code X-Amz-Log-Result} carries at most the last 4 KB of the log. */
  static final int TAIL_BYTES = 4096;

  private ExecutionLog() {}

  public static String of(
      String requestId, String version, String output, double durationMs, int memoryMb, long maxMemoryUsedMb, double initMs, String status) {
    StringBuilder sb = new StringBuilder();
    sb.append("START RequestId: ").append(requestId).append(" Version: ").append(version).append('\n');
    sb.append(output);
    if (!output.isEmpty() && !output.endsWith("\n")) {
      sb.append('\n');
    }
    sb.append("END RequestId: ").append(requestId).append('\n');
    sb.append("REPORT RequestId: ").append(requestId);
    sb.append(String.format(Locale.ROOT, "\tDuration: %.2f ms", durationMs));
    sb.append("\tBilled Duration: ").append(billedMillis(durationMs, initMs)).append(" ms");
    sb.append("\tMemory Size: ").append(memoryMb).append(" MB");
    sb.append("\tMax Memory Used: ").append(Math.min(memoryMb, maxMemoryUsedMb)).append(" MB");
    if (initMs >= 0) {
      sb.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", initMs));
    }
    if (status != null) {
      sb.append("\tStatus: ").append(status);
    }
    sb.append('\t').append('\n');
    return sb.toString();
  }

  /** Lambda bills in 1 ms increments, rounding up. */
  public static long billedMillis(double durationMs) {
    return Math.max(1, (long) Math.ceil(durationMs));
  }

  /** The billed milliseconds of an invocation whose init phase took {@code initMs} (or -1: warm). */
  public static long billedMillis(double durationMs, double initMs) {
    return billedMillis(durationMs + Math.max(0, initMs));
  }

  /** Base64 of the last 4 KB of the log, for {@code X-Amz-Log-Result}. */
  public static String tail(String log) {
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > TAIL_BYTES) {
      bytes = Arrays.copyOfRange(bytes, bytes.length - TAIL_BYTES, bytes.length);
    }
    return Base64.getEncoder().encodeToString(bytes);
  }
}
