package dev.fogbank.core.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One upgraded connection: sends frames for its endpoint and reports its end exactly once, with
 * the close code received, the one sent, or 1006 (closed abnormally) when neither was.
 */
final class WebSocketConnection implements WebSocketSession {

  /** RFC 6455 §7.4.1: the connection closed without a close frame. */
  static final int ABNORMAL = 1006;

  private final Channel channel;
  private final WebSocketEndpoint endpoint;
  private final Executor executor;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean open;
  private volatile int closeStatus = ABNORMAL;
  private volatile String closeReason = "";
  private volatile Object attachment;

  WebSocketConnection(Channel channel, WebSocketEndpoint endpoint, Executor executor) {
    this.channel = channel;
    this.endpoint = endpoint;
    this.executor = executor;
  }

  WebSocketEndpoint endpoint() {
    return endpoint;
  }

  Executor executor() {
    return executor;
  }

  /** The handshake completed: frames may flow. */
  void opened() {
    open = true;
  }

  /** The peer sent a close frame. */
  void closeReceived(int status, String reason) {
    if (closeStatus == ABNORMAL) {
      closeStatus = status < 0 ? 1005 : status;
      closeReason = reason == null ? "" : reason;
    }
  }

  /** The channel is gone: tell the endpoint, once, off the event loop. */
  void ended() {
    open = false;
    if (ended.compareAndSet(false, true)) {
      executor.execute(() -> endpoint.onClose(this, closeStatus, closeReason));
    }
  }

  @Override
  public boolean isOpen() {
    return open && channel.isActive();
  }

  @Override
  public void sendText(String text) {
    if (isOpen()) {
      channel.writeAndFlush(new TextWebSocketFrame(text));
    }
  }

  @Override
  public void sendBinary(byte[] data) {
    if (isOpen()) {
      channel.writeAndFlush(new BinaryWebSocketFrame(channel.alloc().buffer(data.length).writeBytes(data)));
    }
  }

  @Override
  public void close(int status, String reason) {
    if (!channel.isActive()) {
      return;
    }
    if (!open) {
      channel.close();
      return;
    }
    open = false;
    if (closeStatus == ABNORMAL) {
      closeStatus = status;
      closeReason = reason == null ? "" : reason;
    }
    channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public String remoteAddress() {
    SocketAddress address = channel.remoteAddress();
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(address);
  }

  @Override
  public Object attachment() {
    return attachment;
  }

  @Override
  public void attach(Object attachment) {
    this.attachment = attachment;
  }
}
