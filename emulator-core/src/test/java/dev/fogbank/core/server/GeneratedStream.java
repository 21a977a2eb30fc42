package dev.fogbank.core.server;

import java.io.InputStream;
import java.util.zip.CRC32;

/** {@code size} bytes of a fixed pattern, made as they are read: large bodies without large arrays. */
final class GeneratedStream extends InputStream {

  private final long size;
  private long position;

  GeneratedStream(long size) {
    this.size = size;
  }

  static int byteAt(long i) {
    return (int) ((i * 31 + (i >>> 13)) & 0xff);
  }

  /** The CRC32 of the whole pattern of {@code size} bytes. */
  static long crc32(long size) {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[64 * 1024];
    for (long done = 0; done < size; ) {
      int n = (int) Math.min(buf.length, size - done);
      for (int i = 0; i < n; i++) {
        buf[i] = (byte) byteAt(done + i);
      }
      crc.update(buf, 0, n);
      done += n;
    }
    return crc.getValue();
  }

  @Override
  public int read() {
    return position < size ? byteAt(position++) : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(len, size - position);
    for (int i = 0; i < n; i++) {
      b[off + i] = (byte) byteAt(position + i);
    }
    position += n;
    return n;
  }
}
