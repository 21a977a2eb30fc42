package dev.fogbank.core.server;

import dev.fogbank.core.engine.RequestDispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Binds the one port and serves every service on it. */
public final class EmulatorServer implements AutoCloseable {

  private final EventLoopGroup group;
  private final ExecutorService executor;
  private final Channel channel;

  private EmulatorServer(EventLoopGroup group, ExecutorService executor, Channel channel) {
    this.group = group;
    this.executor = executor;
    this.channel = channel;
  }

  public static EmulatorServer bind(String host, int port, RequestDispatcher dispatcher) throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    ExecutorService executor =
        Executors.newVirtualThreadPerTaskExecutor(); // unnamed: naming each thread cost measurable CPU
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(new EmulatorInitializer(new AwsHttpHandler(dispatcher, executor), dispatcher, executor))
              .bind(host, port)
              .sync()
              .channel();
      return new EmulatorServer(group, executor, channel);
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      executor.shutdownNow();
      throw e;
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    executor.shutdownNow();
  }
}
