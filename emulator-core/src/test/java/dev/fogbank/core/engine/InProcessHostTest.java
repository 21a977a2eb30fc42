package dev.fogbank.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fogbank.core.Emulator;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.protocol.Json;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An in-process call names the port the server is bound to, also when the configuration asked for
 * an ephemeral one: endpoints handed on from it (a function's AWS_ENDPOINT_URL) must reach the
 * server.
 */
class InProcessHostTest {

  @Test
  void inProcessCallsNameTheBoundPort() {
    AtomicReference<InProcessClient> client = new AtomicReference<>();
    FixtureModule sqs =
        new FixtureModule("sqs", "sqs-2012-11-05")
            .handler("SendMessage", (ctx, in) -> Json.object().put("MessageId", ctx.host()))
            .onStart(context -> client.set(context.client()));
    try (Emulator emulator =
        Emulator.start(EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0).withVirtualTime(true, true), List.of(sqs))) {
      var input = Json.object().put("QueueUrl", "http://localhost/000000000000/q").put("MessageBody", "b");
      String host = client.get().call("sqs", "SendMessage", "000000000000", "us-east-1", input).path("MessageId").asText();
      assertEquals("localhost:" + emulator.port(), host);
    }
  }
}
