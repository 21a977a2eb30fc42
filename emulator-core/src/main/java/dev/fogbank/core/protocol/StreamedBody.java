package dev.fogbank.core.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;

/**
 * A response body of known length that never sits in memory whole: a region of an open file (sent
 * with zero-copy file transfer) or a stream (copied in chunks as the connection drains). The
 * server owns it once returned and closes it when written, or unwritten (a HEAD, a lost
 * connection).
 */
public final class StreamedBody implements AutoCloseable {

  private final FileChannel file;
  private final InputStream stream;
  private final long offset;
  private final long length;

  private StreamedBody(FileChannel file, InputStream stream, long offset, long length) {
    this.file = file;
    this.stream = stream;
    this.offset = offset;
    this.length = length;
  }

  /** {@code length} bytes of {@code file} from {@code offset}. */
  public static StreamedBody ofFile(FileChannel file, long offset, long length) {
    return new StreamedBody(file, null, offset, length);
  }

  /** The first {@code length} bytes of {@code stream}. */
  public static StreamedBody ofStream(InputStream stream, long length) {
    return new StreamedBody(null, stream, 0, length);
  }

  /** The open file, or null for a stream body. */
  public FileChannel file() {
    return file;
  }

  /** The stream, or null for a file body. */
  public InputStream stream() {
    return stream;
  }

  public long offset() {
    return offset;
  }

  public long length() {
    return length;
  }

  @Override
  public void close() {
    try {
      if (file != null) {
        file.close();
      }
      if (stream != null) {
        stream.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
