package dev.fogbank.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.Emulator;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.engine.FixtureModule;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket upgrades on the one port: handshake, refusal, messages both ways, close. */
class WebSocketServerTest {

  private static Emulator emulator;
  private static final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

  /** Echoes text in upper case; refuses {@code /ws/refuse} with 403; closes on "bye". */
  private static final WebSocketEndpoint ECHO =
      new WebSocketEndpoint() {
        @Override
        public boolean accepts(AwsRequest head) {
          return head.path().startsWith("/ws/");
        }

        @Override
        public AwsResponse onConnect(AwsRequest head, WebSocketSession session) {
          if (head.path().equals("/ws/refuse")) {
            return AwsResponse.text(403, "application/json", "{\"message\":\"Forbidden\"}");
          }
          session.attach(head.path());
          return null;
        }

        @Override
        public void onText(WebSocketSession session, String text) {
          if (text.equals("bye")) {
            session.close(1001, "Going away");
          } else {
            session.sendText(text.toUpperCase(java.util.Locale.ROOT));
          }
        }

        @Override
        public void onClose(WebSocketSession session, int status, String reason) {
          closes.add(session.attachment() + " " + status);
        }
      };

  @BeforeAll
  static void start() {
    FixtureModule module = new FixtureModule("sqs", "sqs-2012-11-05").onStart(c -> c.admin().webSocket(ECHO));
    emulator =
        Emulator.start(EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0).withVirtualTime(true, true), List.of(module));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static final class Inbox implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      messages.add(data.toString());
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.add(statusCode);
      return null;
    }
  }

  private WebSocket connect(String path, Inbox inbox) {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + emulator.port() + path), inbox)
        .join();
  }

  @Test
  void messagesTravelBothWaysAndTheClientsCloseReachesTheEndpoint() throws Exception {
    Inbox inbox = new Inbox();
    WebSocket ws = connect("/ws/echo", inbox);
    ws.sendText("hello", true).join();
    assertEquals("HELLO", inbox.messages.poll(10, TimeUnit.SECONDS));
    ws.sendText("frag", false).join();
    ws.sendText("ment", true).join();
    assertEquals("FRAGMENT", inbox.messages.poll(10, TimeUnit.SECONDS));
    ws.sendClose(1000, "done").join();
    assertEquals("/ws/echo 1000", closes.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void theEndpointClosesWithItsStatus() throws Exception {
    Inbox inbox = new Inbox();
    WebSocket ws = connect("/ws/leave", inbox);
    ws.sendText("bye", true).join();
    assertEquals(1001, inbox.closed.poll(10, TimeUnit.SECONDS));
    assertEquals("/ws/leave 1001", closes.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void aRefusalIsAnHttpResponse() {
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> connect("/ws/refuse", new Inbox()));
    assertTrue(e.getCause() instanceof WebSocketHandshakeException, String.valueOf(e.getCause()));
    assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
  }
}
