package dev.fogbank.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;

class FogbankExtensionParametersTest {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  @Test
  void injectsTheRegisteredFogbankItsClockAndClients(Fogbank handle, FogbankClock clock, SqsClient sqs) {
    assertSame(fogbank.fogbank(), handle);
    assertSame(handle.clock(), clock);
    assertEquals(Optional.of(fogbank.endpoint()), sqs.serviceClientConfiguration().endpointOverride());
    var before = clock.now();
    fogbank.advance(Duration.ofSeconds(10));
    assertEquals(before.plusSeconds(10), clock.now());
  }
}
