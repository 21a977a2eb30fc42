package dev.fogbank.lambda.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionLogsTest {

  @Test
  void eachLineIsAnEventStartAtTheStartTheRestAtTheEnd() {
    List<ObjectNode> events = FunctionLogs.events("START RequestId: r Version: $LATEST\nhello\n\nEND RequestId: r\n", 1000, 1250);
    assertEquals(3, events.size());
    assertEquals("START RequestId: r Version: $LATEST\n", events.get(0).path("message").asText());
    assertEquals(1000, events.get(0).path("timestamp").asLong());
    assertEquals("hello\n", events.get(1).path("message").asText());
    assertEquals(1250, events.get(1).path("timestamp").asLong());
    assertEquals(1250, events.get(2).path("timestamp").asLong());
  }

  @Test
  void aLineLongerThanAnEventCanHoldIsCutToCloudWatchLogsLimit() {
    // CloudWatch Logs takes events of up to 256 KB, 26 bytes of which are overhead.
    String line = "x".repeat(300_000);
    List<ObjectNode> events = FunctionLogs.events(line + "\n", 0, 0);
    assertEquals(262_144 - 26, events.get(0).path("message").asText().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void aCutNeverSplitsACharacter() {
    // 3-byte characters: the limit 262,118 falls inside one, so the cut comes before it.
    String line = "€".repeat(100_000);
    String message = FunctionLogs.events(line, 0, 0).get(0).path("message").asText();
    assertEquals(87_372, message.length());
    assertEquals(0, message.chars().filter(c -> c == 0xFFFD).count());
  }
}
