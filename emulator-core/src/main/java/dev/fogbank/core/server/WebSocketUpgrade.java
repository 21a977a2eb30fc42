package dev.fogbank.core.server;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an HTTP connection into a WebSocket one for a {@link WebSocketEndpoint}: the endpoint
 * decides on a virtual thread (it may invoke a function), then the handshake (RFC 6455 §4.2)
 * replaces the HTTP handlers with WebSocket frame codecs, an aggregator for fragmented messages
 * and {@link WebSocketFrames}. A refusal is an ordinary HTTP response, after which the connection
 * closes.
 */
final class WebSocketUpgrade {

  private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);

  /** The HTTP handlers the upgraded connection no longer needs (the codec goes in the handshake). */
  private static final String[] HTTP_HANDLERS = {"keep-alive", "chunked-write", "continue", "stream"};

  private WebSocketUpgrade() {}

  /** {@code GET} with {@code Upgrade: websocket}. */
  static boolean isUpgrade(FullHttpRequest request) {
    return request.method().equals(HttpMethod.GET)
        && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  static void start(
      ChannelHandlerContext ctx, FullHttpRequest msg, AwsRequest request, WebSocketEndpoint endpoint, Executor executor) {
    // The aggregated message is released when the handler returns; the handshake needs its head.
    FullHttpRequest head =
        new DefaultFullHttpRequest(
            msg.protocolVersion(), msg.method(), msg.uri(), Unpooled.EMPTY_BUFFER, msg.headers().copy(), EmptyHttpHeaders.INSTANCE);
    Channel channel = ctx.channel();
    WebSocketConnection connection = new WebSocketConnection(channel, endpoint, executor);
    channel.config().setAutoRead(false);
    executor.execute(
        () -> {
          AwsResponse refusal;
          try {
            refusal = endpoint.onConnect(request, connection);
          } catch (RuntimeException e) {
            log.error("WebSocket endpoint failed on connect for {}", request, e);
            refusal = AwsResponse.text(500, "application/json", "{\"message\":\"Internal server error\"}");
          }
          AwsResponse answer = refusal;
          channel.eventLoop().execute(() -> finish(ctx, head, connection, answer));
        });
  }

  private static void finish(ChannelHandlerContext ctx, FullHttpRequest head, WebSocketConnection connection, AwsResponse refusal) {
    Channel channel = ctx.channel();
    if (!channel.isActive()) {
      connection.ended();
      return;
    }
    channel.config().setAutoRead(true);
    if (refusal != null) {
      ResponseWriter.write(ctx, refusal, false, false);
      return;
    }
    String location = "ws://" + head.headers().get(HttpHeaderNames.HOST, "localhost") + head.uri();
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(location, null, true, connection.endpoint().maxFrameBytes())
            .newHandshaker(head);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
      connection.ended();
      return;
    }
    ChannelPipeline pipeline = channel.pipeline();
    for (String name : HTTP_HANDLERS) {
      if (pipeline.get(name) != null) {
        pipeline.remove(name);
      }
    }
    pipeline.addLast("ws-aggregate", new WebSocketFrameAggregator(connection.endpoint().maxMessageBytes()));
    pipeline.addLast("ws", new WebSocketFrames(connection));
    pipeline.remove(ctx.handler());
    // Open before the 101 is written: frames the endpoint sends meanwhile queue behind it.
    connection.opened();
    handshaker
        .handshake(channel, head)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                channel.close();
              }
            });
  }
}
