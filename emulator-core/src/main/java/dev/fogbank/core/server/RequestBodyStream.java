package dev.fogbank.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A request body as it arrives: the event loop offers the content chunks, the operation's virtual
 * thread reads them. Backpressure: when more than {@link #HIGH_WATER} bytes wait unread the
 * channel stops reading from the socket (TCP flow control then slows the client), and it reads
 * again once the reader has drained the queue below {@link #LOW_WATER}. Every chunk is released
 * exactly once: when read, or when the stream closes with chunks still queued.
 */
final class RequestBodyStream extends InputStream {

  static final long HIGH_WATER = 1024 * 1024;
  static final long LOW_WATER = 256 * 1024;

  private static final Object END = new Object();

  private final Channel channel;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private long queuedBytes;
  private boolean closed;
  private boolean paused;
  private ByteBuf current;
  private Object terminal;

  RequestBodyStream(Channel channel) {
    this.channel = channel;
  }

  /** Event loop: one chunk of content; takes ownership of {@code chunk}. */
  void offer(ByteBuf chunk) {
    synchronized (this) {
      if (!closed && chunk.isReadable()) {
        queue.add(chunk);
        queuedBytes += chunk.readableBytes();
        if (queuedBytes > HIGH_WATER && !paused) {
          paused = true;
          channel.config().setAutoRead(false);
        }
        return;
      }
    }
    chunk.release();
  }

  /** Event loop: the body ended. */
  void end() {
    queue.add(END);
  }

  /** Event loop: the connection failed or closed before the body ended. */
  void fail(IOException cause) {
    queue.add(cause);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    ByteBuf buf = next();
    if (buf == null) {
      return -1;
    }
    int n = Math.min(len, buf.readableBytes());
    buf.readBytes(b, off, n);
    return n;
  }

  private ByteBuf next() throws IOException {
    while (current == null || !current.isReadable()) {
      if (current != null) {
        current.release();
        current = null;
      }
      if (terminal != null) {
        return terminalResult();
      }
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the request body");
      }
      if (item instanceof ByteBuf buf) {
        current = buf;
        drained(buf.readableBytes());
      } else {
        terminal = item;
      }
    }
    return current;
  }

  private ByteBuf terminalResult() throws IOException {
    if (terminal instanceof IOException e) {
      throw new IOException(e.getMessage(), e);
    }
    return null;
  }

  private void drained(int bytes) {
    boolean resume;
    synchronized (this) {
      queuedBytes -= bytes;
      resume = paused && queuedBytes < LOW_WATER;
      if (resume) {
        paused = false;
      }
    }
    if (resume) {
      channel.config().setAutoRead(true);
    }
  }

  /** Releases whatever is unread; content still to come is discarded as it arrives. */
  @Override
  public void close() {
    boolean resume;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      resume = paused;
      paused = false;
    }
    if (current != null) {
      current.release();
      current = null;
    }
    for (Object item; (item = queue.poll()) != null; ) {
      if (item instanceof ByteBuf buf) {
        buf.release();
      } else {
        terminal = item;
      }
    }
    if (resume) {
      channel.config().setAutoRead(true);
    }
  }
}
