package dev.fogbank.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

@FogbankTest(virtualTime = true, region = "eu-west-1")
class FogbankTestPerClassTest {

  private static Fogbank shared;

  @BeforeAll
  static void remember(Fogbank fogbank) {
    shared = fogbank;
  }

  @AfterAll
  static void stillServingUntilTheClassEnds() throws Exception {
    assertEquals(200, health(shared));
  }

  @Test
  void injectsTheClassWideFogbank(Fogbank fogbank) throws Exception {
    assertSame(shared, fogbank);
    assertEquals(200, health(fogbank));
  }

  @Test
  void injectsSdkClientsPointedAtIt(SqsClient sqs, SqsAsyncClient async, Fogbank fogbank) {
    assertEquals(Optional.of(fogbank.endpoint()), sqs.serviceClientConfiguration().endpointOverride());
    assertEquals(Region.EU_WEST_1, sqs.serviceClientConfiguration().region());
    assertEquals(Optional.of(fogbank.endpoint()), async.serviceClientConfiguration().endpointOverride());
  }

  @Test
  void virtualTimeStandsStillUntilAdvanced(FogbankClock clock) {
    Instant before = clock.now();
    assertTrue(clock.isVirtual());
    assertEquals(before, clock.now());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(before.plus(Duration.ofMinutes(5)), clock.now());
    clock.advanceTo(before.plus(Duration.ofHours(1)));
    assertEquals(before.plus(Duration.ofHours(1)), clock.now());
    assertThrows(IllegalArgumentException.class, () -> clock.advanceTo(before));
  }

  @Test
  void handleAndClockParameterAreTheSameClock(Fogbank fogbank, FogbankClock clock) {
    assertSame(fogbank.clock(), clock);
    assertEquals("eu-west-1", fogbank.region());
  }

  @Nested
  class InANestedClass {
    @Test
    void theOuterFogbankIsShared(Fogbank fogbank) {
      assertSame(shared, fogbank);
    }
  }

  static int health(Fogbank fogbank) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(fogbank.endpoint().resolve("/_fogbank/health")).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }
}
