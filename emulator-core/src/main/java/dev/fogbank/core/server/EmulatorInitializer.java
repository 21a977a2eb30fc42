package dev.fogbank.core.server;

import dev.fogbank.core.engine.RequestDispatcher;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.util.concurrent.Executor;

/**
 * The pipeline: HTTP/1.1 codec, keep-alive, chunked writes of streamed responses, {@code Expect:
 * 100-continue}, streamed request bodies for the services that read them so, and aggregation
 * (chunked bodies included) for every other request.
 */
final class EmulatorInitializer extends ChannelInitializer<SocketChannel> {

  /** The largest request body accepted whole. */
  static final int MAX_CONTENT = 64 * 1024 * 1024;

  /**
   * The largest content piece the decoder hands on: as much as one socket read brings, rather
   * than 8 KB slices of it, so a streamed upload costs one queue hand-off per read.
   */
  static final int MAX_CHUNK = 1024 * 1024;

  private final AwsHttpHandler handler;
  private final RequestDispatcher dispatcher;
  private final Executor executor;

  EmulatorInitializer(AwsHttpHandler handler, RequestDispatcher dispatcher, Executor executor) {
    this.handler = handler;
    this.dispatcher = dispatcher;
    this.executor = executor;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("http", new HttpServerCodec(8192, 64 * 1024, MAX_CHUNK))
        .addLast("keep-alive", new HttpServerKeepAliveHandler())
        .addLast("chunked-write", new ChunkedWriteHandler())
        .addLast("continue", new HttpServerExpectContinueHandler())
        .addLast("stream", new StreamingRequestHandler(dispatcher, executor))
        .addLast("aggregate", new HttpObjectAggregator(MAX_CONTENT))
        .addLast("aws", handler);
  }
}
