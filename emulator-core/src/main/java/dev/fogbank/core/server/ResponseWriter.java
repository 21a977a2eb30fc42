package dev.fogbank.core.server;

import dev.fogbank.core.engine.RequestIds;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.StreamedBody;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;

/**
 * Writes an {@link AwsResponse}: whole bytes as one full response; a {@link StreamedBody} as the
 * head, then the file region (zero-copy) or the stream in chunks as the socket drains, so a 5 GB
 * object never sits in memory.
 */
final class ResponseWriter {

  private ResponseWriter() {}

  static void write(ChannelHandlerContext ctx, AwsResponse response, boolean keepAlive, boolean head) {
    StreamedBody stream = response.stream();
    if (stream == null) {
      ctx.writeAndFlush(full(response, keepAlive, head));
      return;
    }
    HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
    copyHeaders(response.headers(), out.headers());
    if (!out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      out.headers().set(HttpHeaderNames.CONTENT_LENGTH, stream.length());
    }
    HttpUtil.setKeepAlive(out, keepAlive);
    ctx.write(out);
    if (head || stream.length() == 0) {
      stream.close();
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    } else if (stream.file() != null) {
      // The region closes the file channel once transferred (or when the connection is lost).
      ctx.write(new DefaultFileRegion(stream.file(), stream.offset(), stream.length()));
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(closeOnFailure());
    } else {
      ctx.writeAndFlush(new HttpChunkedInput(new StreamChunks(stream.stream(), stream.length())))
          .addListener(f -> stream.close());
    }
  }

  private static ChannelFutureListener closeOnFailure() {
    return f -> {
      if (!f.isSuccess()) {
        f.channel().close();
      }
    };
  }

  private static FullHttpResponse full(AwsResponse response, boolean keepAlive, boolean head) {
    byte[] body = response.body() == null ? new byte[0] : response.body();
    FullHttpResponse out =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(response.status()),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    copyHeaders(response.headers(), out.headers());
    if (!out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    HttpUtil.setKeepAlive(out, keepAlive);
    return out;
  }

  private static void copyHeaders(Map<String, String> from, HttpHeaders to) {
    for (Map.Entry<String, String> h : from.entrySet()) {
      String value = h.getValue();
      if (value.indexOf(AwsResponse.VALUE_SEPARATOR) < 0) {
        to.set(h.getKey(), value);
      } else {
        to.set(h.getKey(), AwsResponse.values(value));
      }
    }
  }

  /** An HTTP message that does not parse: no service can be told, so a bare 400 with a request id. */
  static FullHttpResponse badRequest() {
    FullHttpResponse out =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER);
    out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    out.headers().set("x-amzn-RequestId", RequestIds.next());
    return out;
  }
}
