package dev.fogbank.core.server;

import dev.fogbank.core.engine.RequestDispatcher;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies each aggregated request into an {@link AwsRequest}, releases Netty's buffers, and runs
 * the dispatcher off the event loop — a 20 s long poll parks a virtual thread, never the loop.
 */
@ChannelHandler.Sharable
final class AwsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(AwsHttpHandler.class);

  private final RequestDispatcher dispatcher;
  private final Executor executor;

  AwsHttpHandler(RequestDispatcher dispatcher, Executor executor) {
    this.dispatcher = dispatcher;
    this.executor = executor;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
    if (!msg.decoderResult().isSuccess()) {
      ctx.writeAndFlush(ResponseWriter.badRequest()).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
      return;
    }
    byte[] body = ByteBufUtil.getBytes(msg.content());
    AwsRequest request = new AwsRequest(msg.method().name(), msg.uri(), msg.headers(), body);
    boolean keepAlive = HttpUtil.isKeepAlive(msg);
    boolean head = msg.method().equals(HttpMethod.HEAD);
    executor.execute(
        () -> {
          AwsResponse response = dispatcher.dispatch(request);
          ResponseWriter.write(ctx, response, keepAlive, head);
        });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection error", cause);
    ctx.close();
  }
}
