package dev.fogbank.core.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames of an upgraded connection (continuation frames already joined by the aggregator
 * before it): messages go to the endpoint on a virtual thread, pings are answered, a close frame
 * is echoed and ends the connection (RFC 6455 §5.5.1).
 */
final class WebSocketFrames extends SimpleChannelInboundHandler<WebSocketFrame> {

  private static final Logger log = LoggerFactory.getLogger(WebSocketFrames.class);

  private final WebSocketConnection connection;

  WebSocketFrames(WebSocketConnection connection) {
    this.connection = connection;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    WebSocketEndpoint endpoint = connection.endpoint();
    switch (frame) {
      case TextWebSocketFrame text -> {
        String message = text.text();
        connection.executor().execute(() -> deliver(() -> endpoint.onText(connection, message)));
      }
      case BinaryWebSocketFrame binary -> {
        byte[] data = ByteBufUtil.getBytes(binary.content());
        connection.executor().execute(() -> deliver(() -> endpoint.onBinary(connection, data)));
      }
      case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      case CloseWebSocketFrame close -> {
        connection.closeReceived(close.statusCode(), close.reasonText());
        int status = close.statusCode() < 0 ? WebSocketCloseStatus.NORMAL_CLOSURE.code() : close.statusCode();
        ctx.writeAndFlush(new CloseWebSocketFrame(status, close.reasonText()))
            .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
      }
      default -> {
        // pongs and anything else carry nothing for the endpoint
      }
    }
  }

  private static void deliver(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.error("WebSocket endpoint failed on a message", e);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.ended();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      // A message over the endpoint's limit: 1009 Message Too Big (RFC 6455 §7.4.1).
      connection.close(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "Message too big");
      return;
    }
    log.debug("WebSocket connection error", cause);
    ctx.close();
  }
}
