package dev.fogbank.core.server;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;

/**
 * A service's WebSocket URLs (API Gateway's WebSocket APIs). For a request with {@code Upgrade:
 * websocket} that {@link #accepts} takes, the server asks {@link #onConnect} whether to open the
 * connection, answers the handshake, and then hands each complete message (continuation frames
 * joined) to {@link #onText} or {@link #onBinary}. Every callback but {@link #accepts} runs on a
 * virtual thread, so it may block (a function invocation). Register with {@link
 * dev.fogbank.core.admin.AdminApi#webSocket}.
 */
public interface WebSocketEndpoint {

  /** Whether this endpoint serves an upgrade request (method, URI and headers; empty body). */
  boolean accepts(AwsRequest head);

  /**
   * Decides on the handshake: null to accept, or the HTTP response that refuses the connection
   * (its status and body are sent as they are, and the connection closes). {@code session} cannot
   * send before the handshake completes; it is the handle later callbacks receive.
   */
  AwsResponse onConnect(AwsRequest head, WebSocketSession session);

  /** A complete text message. */
  void onText(WebSocketSession session, String text);

  /** A complete binary message. */
  default void onBinary(WebSocketSession session, byte[] data) {}

  /**
   * The connection ended, whichever side closed it; called once per accepted connection. {@code
   * status} is the close code received or sent (1006 when the connection dropped without one).
   */
  void onClose(WebSocketSession session, int status, String reason);

  /** The largest frame accepted, in bytes; larger ones close the connection with 1009. */
  default int maxFrameBytes() {
    return 64 * 1024;
  }

  /** The largest message accepted (all its frames), in bytes; larger ones close with 1009. */
  default int maxMessageBytes() {
    return 1024 * 1024;
  }
}
