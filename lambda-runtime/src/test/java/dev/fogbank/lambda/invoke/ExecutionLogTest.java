package dev.fogbank.lambda.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ExecutionLogTest {

  @Test
  void reportLineHasLambdasFields() {
    String log = ExecutionLog.of("r-1", "$LATEST", "hi\n", 1.234, 128, 30, 120.5, null);
    assertEquals(
        "START RequestId: r-1 Version: $LATEST\nhi\nEND RequestId: r-1\n"
            + "REPORT RequestId: r-1\tDuration: 1.23 ms\tBilled Duration: 122 ms\tMemory Size: 128 MB\tMax Memory Used: 30 MB\tInit Duration: 120.50 ms\t\n",
        log);
  }

  @Test
  void aWarmInvocationBillsItsDurationOnly() {
    String log = ExecutionLog.of("r-2", "$LATEST", "", 1.234, 128, 30, -1, null);
    assertTrue(log.contains("\tBilled Duration: 2 ms\t"), log);
  }

  @Test
  void billingRoundsUpToTheMillisecond() {
    assertEquals(1, ExecutionLog.billedMillis(0.2));
    assertEquals(101, ExecutionLog.billedMillis(100.01));
  }

  @Test
  void tailKeepsTheLastFourKilobytes() {
    String log = "a".repeat(5000) + "END";
    byte[] tail = Base64.getDecoder().decode(ExecutionLog.tail(log));
    assertEquals(4096, tail.length);
    assertTrue(new String(tail, StandardCharsets.UTF_8).endsWith("END"));
  }
}
