package dev.fogbank.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

class FogbankStartTest {

  @Test
  void startsWithAConfigAndStopsOnClose() throws Exception {
    Fogbank closed;
    try (Fogbank fogbank = Fogbank.start(FogbankConfig.defaults().virtualTime().region("ap-southeast-2"))) {
      closed = fogbank;
      assertEquals(200, FogbankTestPerClassTest.health(fogbank));
      assertEquals("ap-southeast-2", fogbank.region());
      assertEquals("000000000000", fogbank.account());
      assertTrue(fogbank.port() > 0);
      assertEquals("http://localhost:" + fogbank.port(), fogbank.endpoint().toString());
      var start = fogbank.now();
      fogbank.clock().advance(Duration.ofDays(2));
      assertEquals(start.plus(Duration.ofDays(2)), fogbank.now());
      try (SqsClient sqs = fogbank.client(SqsClient.class)) {
        assertEquals(Optional.of(fogbank.endpoint()), sqs.serviceClientConfiguration().endpointOverride());
      }
    }
    assertThrows(IOException.class, () -> FogbankTestPerClassTest.health(closed));
    closed.close(); // a second close does nothing
  }

  @Test
  void settingsAreNameValuePairs() {
    FogbankConfig config = FogbankConfig.defaults().setting("sqs.queue-url-style", "domain").services("sqs", "sns");
    assertEquals("domain", config.toEmulatorConfig().setting("sqs.queue-url-style", "path"));
    assertEquals(java.util.Set.of("sqs", "sns"), config.services());
  }

  @Test
  void onlyClientTypesAreBuilt() {
    assertThrows(IllegalArgumentException.class, () -> SdkClients.build(String.class, null));
  }
}
