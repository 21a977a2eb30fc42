package dev.fogbank.core.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/** The pipeline: HTTP/1.1 codec, keep-alive, {@code Expect: 100-continue}, aggregation (chunked bodies included). */
final class EmulatorInitializer extends ChannelInitializer<SocketChannel> {

  /** The largest request body accepted whole. */
  static final int MAX_CONTENT = 64 * 1024 * 1024;

  private final AwsHttpHandler handler;

  EmulatorInitializer(AwsHttpHandler handler) {
    this.handler = handler;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("http", new HttpServerCodec(8192, 64 * 1024, 8192))
        .addLast("keep-alive", new HttpServerKeepAliveHandler())
        .addLast("continue", new HttpServerExpectContinueHandler())
        .addLast("aggregate", new HttpObjectAggregator(MAX_CONTENT))
        .addLast("aws", handler);
  }
}
