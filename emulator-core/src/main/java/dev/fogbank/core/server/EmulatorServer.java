package dev.fogbank.core.server;

import dev.fogbank.core.engine.RequestDispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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

  /** Event loops made ahead of time by {@link #prepareEventLoops}, for the next bind to take. */
  private static final AtomicReference<CompletableFuture<EventLoopGroup>> PREPARED = new AtomicReference<>();

  /**
   * Starts making the event loops on a background thread — Netty's first initialisation is a
   * good part of start-up — so that the command line can go on parsing and loading services
   * meanwhile. The next {@link #bind} uses them.
   */
  public static void prepareEventLoops() {
    CompletableFuture<EventLoopGroup> future = new CompletableFuture<>();
    if (PREPARED.compareAndSet(null, future)) {
      Thread.ofPlatform()
          .name("fogbank-netty-init")
          .daemon()
          .start(
              () -> {
                try {
                  future.complete(newEventLoops());
                } catch (RuntimeException | Error e) {
                  future.completeExceptionally(e);
                }
              });
    }
  }

  /**
   * Linux's epoll through Netty's native transport where its library loads, else the JDK's
   * selector; the native one measured 9-18 % less server CPU per request. A holder class, so that
   * loading the library happens with the rest of Netty's initialisation, off the main thread.
   */
  private static final class Transport {
    static final boolean EPOLL = Epoll.isAvailable();
  }

  private static EventLoopGroup newEventLoops() {
    return new MultiThreadIoEventLoopGroup(Transport.EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  private static Class<? extends ServerChannel> serverChannel() {
    return Transport.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  private static EventLoopGroup takeEventLoops() {
    CompletableFuture<EventLoopGroup> prepared = PREPARED.getAndSet(null);
    if (prepared != null) {
      try {
        return prepared.join();
      } catch (RuntimeException e) {
        // fall through: make them here, where a failure reaches the caller
      }
    }
    return newEventLoops();
  }

  public static EmulatorServer bind(String host, int port, RequestDispatcher dispatcher) throws InterruptedException {
    EventLoopGroup group = takeEventLoops();
    ExecutorService executor =
        Executors.newVirtualThreadPerTaskExecutor(); // unnamed: naming each thread cost measurable CPU
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(serverChannel())
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
