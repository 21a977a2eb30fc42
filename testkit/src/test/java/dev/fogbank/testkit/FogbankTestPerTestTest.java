package dev.fogbank.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@FogbankTest(lifecycle = FogbankTest.Lifecycle.PER_TEST)
class FogbankTestPerTestTest {

  private static final List<Fogbank> seen = new ArrayList<>();

  @Test
  void oneTestGetsItsOwnFogbank(Fogbank fogbank) throws Exception {
    seen.add(fogbank);
    assertEquals(200, FogbankTestPerClassTest.health(fogbank));
  }

  @Test
  void anotherTestGetsAnother(Fogbank fogbank) throws Exception {
    seen.add(fogbank);
    assertEquals(200, FogbankTestPerClassTest.health(fogbank));
  }

  @Test
  void theSystemClockCannotBeAdvanced(FogbankClock clock) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> clock.advance(Duration.ofSeconds(1)));
    assertEquals(true, e.getMessage().contains("virtualTime"));
  }

  @AfterAll
  static void eachWasStoppedAfterItsTest() {
    assertEquals(2, seen.size());
    assertNotSame(seen.get(0), seen.get(1));
    for (Fogbank fogbank : seen) {
      assertThrows(IOException.class, () -> FogbankTestPerClassTest.health(fogbank), "closed: " + fogbank);
    }
    // a refused connection, not some other I/O failure
    assertThrows(ConnectException.class, () -> FogbankTestPerClassTest.health(seen.get(0)));
  }
}
