package dev.fogbank.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.EOFException;
import java.io.InputStream;

/**
 * The first {@code length} bytes of a stream in full-size chunks. (Netty's ChunkedStream sizes
 * chunks by {@code available()}, which is 1 once it has pushed back its end-of-input probe: a
 * body would go out one byte per chunk.)
 */
final class StreamChunks implements ChunkedInput<ByteBuf> {

  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final long length;
  private long progress;

  StreamChunks(InputStream in, long length) {
    this.in = in;
    this.length = length;
  }

  @Override
  public boolean isEndOfInput() {
    return progress >= length;
  }

  @Override
  public void close() throws Exception {
    in.close();
  }

  @Deprecated
  @Override
  public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
    return readChunk(ctx.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
    if (isEndOfInput()) {
      return null;
    }
    int size = (int) Math.min(CHUNK, length - progress);
    ByteBuf buf = allocator.heapBuffer(size);
    try {
      while (buf.writableBytes() > 0 && buf.readableBytes() < size) {
        int n = buf.writeBytes(in, size - buf.readableBytes());
        if (n < 0) {
          throw new EOFException("the body ended " + (length - progress - buf.readableBytes()) + " bytes early");
        }
      }
      progress += buf.readableBytes();
      return buf;
    } catch (Exception e) {
      buf.release();
      throw e;
    }
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public long progress() {
    return progress;
  }
}
