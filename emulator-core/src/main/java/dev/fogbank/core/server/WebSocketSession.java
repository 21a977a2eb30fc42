package dev.fogbank.core.server;

/** One open WebSocket connection, as its endpoint sees it. Safe to use from any thread. */
public interface WebSocketSession {

  /** Whether the connection is still open. */
  boolean isOpen();

  /** Sends a text message; ignored once the connection has closed. */
  void sendText(String text);

  /** Sends a binary message; ignored once the connection has closed. */
  void sendBinary(byte[] data);

  /** Closes the connection with a close frame ({@code 1000} normal, {@code 1001} going away). */
  void close(int status, String reason);

  /** The client's address, {@code ip} only. */
  String remoteAddress();

  /** Whatever the endpoint keeps with the connection (its own connection record). */
  Object attachment();

  void attach(Object attachment);
}
