package dev.fogbank.s3.upload;

import dev.fogbank.s3.S3Errors;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The payload of an {@code aws-chunked} body (SigV4 streaming uploads): chunks of {@code
 * <hex-size>[;chunk-signature=…]\r\n<data>\r\n}, a final zero-size chunk, then optional trailer
 * lines ({@code x-amz-checksum-crc32:…}) and an empty line. Chunk signatures are parsed, not
 * verified. Trailers are available once the stream has been read to its end.
 */
public final class AwsChunkedInputStream extends InputStream {

  private final InputStream in;
  private final Map<String, String> trailers = new LinkedHashMap<>();
  private long remaining;
  private boolean done;

  public AwsChunkedInputStream(InputStream in) {
    this.in = in;
  }

  public Map<String, String> trailers() {
    return trailers;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    if (remaining == 0) {
      nextChunk();
      if (done) {
        return -1;
      }
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("aws-chunked body ended inside a chunk");
    }
    remaining -= n;
    if (remaining == 0) {
      String crlf = line();
      if (!crlf.isEmpty()) {
        throw S3Errors.incompleteBody();
      }
    }
    return n;
  }

  private void nextChunk() throws IOException {
    String header = line();
    int semi = header.indexOf(';');
    String hex = (semi < 0 ? header : header.substring(0, semi)).trim();
    long size;
    try {
      size = Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw S3Errors.incompleteBody();
    }
    if (size > 0) {
      remaining = size;
      return;
    }
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    done = true;
  }

  /** A line without its CRLF; the body may end right after the final chunk without the blank line. */
  private String line() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(80);
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        out.write(c);
      }
      if (out.size() > 8192) {
        throw S3Errors.incompleteBody();
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
