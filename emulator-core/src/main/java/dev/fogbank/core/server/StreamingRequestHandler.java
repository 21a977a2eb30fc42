package dev.fogbank.core.server;

import dev.fogbank.core.engine.RequestDispatcher;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * Sits before the aggregator and looks at each request head. A request the service reads as a
 * stream ({@link dev.fogbank.core.engine.ServiceModule#streamsRequestBody}) is dispatched at once
 * on a virtual thread with a {@link RequestBodyStream} that the following content chunks feed;
 * every other request passes on to be aggregated. One instance per connection.
 */
final class StreamingRequestHandler extends ChannelInboundHandlerAdapter {

  private final RequestDispatcher dispatcher;
  private final Executor executor;
  private RequestBodyStream body;
  private boolean passing;

  StreamingRequestHandler(RequestDispatcher dispatcher, Executor executor) {
    this.dispatcher = dispatcher;
    this.executor = executor;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      body = null;
      passing = true;
      if (request.decoderResult().isSuccess()
          && !(msg instanceof LastHttpContent)
          && mayStream(request)
          && hasBody(request)) {
        AwsRequest head = head(request);
        if (head != null && dispatcher.streamsRequestBody(head)) {
          passing = false;
          start(ctx, request);
          return;
        }
      }
      ctx.fireChannelRead(msg);
      return;
    }
    if (msg instanceof HttpContent content && !passing) {
      RequestBodyStream stream = body;
      if (stream == null) {
        content.release();
        return;
      }
      if (!content.decoderResult().isSuccess()) {
        content.release();
        stream.fail(new IOException("malformed request body"));
        body = null;
        return;
      }
      ByteBuf data = content.content();
      stream.offer(data);
      if (content instanceof LastHttpContent) {
        stream.end();
        body = null;
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * The request's head, or null when its target does not decode (a malformed %-escape): such a
   * request is aggregated and answered 400 later.
   */
  private static AwsRequest head(HttpRequest request) {
    try {
      return new AwsRequest(request.method().name(), request.uri(), request.headers(), new byte[0]);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Whether a request may be one a service streams: JSON and query requests never are (see {@link
   * RequestDispatcher#streamsRequestBody}), and telling them from their headers spares decoding a
   * head for every such request.
   */
  private static boolean mayStream(HttpRequest request) {
    if (request.headers().contains("X-Amz-Target")) {
      return false;
    }
    String type = request.headers().get("Content-Type");
    return type == null || !type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
  }

  private static boolean hasBody(HttpRequest request) {
    return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
  }

  private void start(ChannelHandlerContext ctx, HttpRequest request) {
    RequestBodyStream stream = new RequestBodyStream(ctx.channel());
    body = stream;
    AwsRequest aws = new AwsRequest(request.method().name(), request.uri(), request.headers(), stream);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = request.method().equals(HttpMethod.HEAD);
    executor.execute(
        () -> {
          AwsResponse response;
          try {
            response = dispatcher.dispatch(aws);
          } finally {
            stream.close();
          }
          ResponseWriter.write(ctx, response, keepAlive, head);
        });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    RequestBodyStream stream = body;
    if (stream != null) {
      stream.fail(new IOException("the connection closed before the request body ended"));
      body = null;
    }
    ctx.fireChannelInactive();
  }
}
