package dev.fogbank.core.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.Emulator;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.engine.FixtureModule;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A request target with a malformed %-escape gets 400, with or without a body; never silence. */
class MalformedTargetTest {

  private static Emulator emulator;

  @BeforeAll
  static void start() {
    emulator =
        Emulator.start(
            EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0).withVirtualTime(true, true),
            List.of(new FixtureModule("sqs", "sqs-2012-11-05")));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static String send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aGetWithAMalformedEscapeIs400() throws IOException {
    String response = send("GET /a/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertTrue(response.startsWith("HTTP/1.1 400"), response);
  }

  @Test
  void aPostWithAMalformedEscapeIs400() throws IOException {
    String response = send("POST /a/%zz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}");
    assertTrue(response.startsWith("HTTP/1.1 400"), response);
  }
}
