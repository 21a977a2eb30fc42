package dev.fogbank.core.protocol;

import dev.fogbank.core.protocol.query.FormParameters;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * An HTTP request as the server received it, copied off the event loop's buffers. Nothing
 * downstream modifies the headers or the body; the form parameters are decoded once, on first
 * use.
 */
public final class AwsRequest {

  private final String method;
  private final String uri;
  private final String path;
  private final Map<String, List<String>> query;
  private final HttpHeaders headers;
  private final byte[] body;
  private final InputStream bodyStream;
  private NavigableMap<String, String> form;

  public AwsRequest(String method, String uri, HttpHeaders headers, byte[] body) {
    this(method, uri, headers, body, null);
  }

  /**
   * A request whose body is not held in memory: {@link #body()} is empty and {@link
   * #bodyStream()} yields the content as it arrives from the connection (S3 objects of any size).
   */
  public AwsRequest(String method, String uri, HttpHeaders headers, InputStream bodyStream) {
    this(method, uri, headers, new byte[0], bodyStream);
  }

  private AwsRequest(String method, String uri, HttpHeaders headers, byte[] body, InputStream bodyStream) {
    QueryStringDecoder decoder = new QueryStringDecoder(uri, StandardCharsets.UTF_8);
    this.method = method;
    this.uri = uri;
    this.path = decoder.path();
    this.query = decoder.parameters();
    this.headers = headers;
    this.body = body;
    this.bodyStream = bodyStream;
  }

  public String method() {
    return method;
  }

  /** The request target as sent, path and query string. */
  public String uri() {
    return uri;
  }

  /** The decoded path, without the query string. */
  public String path() {
    return path;
  }

  /** The decoded query string parameters, in order. */
  public Map<String, List<String>> query() {
    return query;
  }

  public HttpHeaders headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }

  /** The body as a stream: the connection's for a streamed request, else the aggregated bytes. */
  public InputStream bodyStream() {
    return bodyStream != null ? bodyStream : new ByteArrayInputStream(body);
  }

  /** Whether the body arrives through {@link #bodyStream()} only. */
  public boolean isStreamed() {
    return bodyStream != null;
  }

  public String header(String name) {
    return headers.get(name);
  }

  /** The first value of a query string parameter, or null. */
  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The query protocol's parameters: the query string's and, for a form-encoded body, the body's.
   * Throws {@link dev.fogbank.core.error.AwsException} for a malformed encoding.
   */
  public NavigableMap<String, String> formParameters() {
    if (form == null) {
      form = FormParameters.of(this);
    }
    return form;
  }

  /** The Host header without the port, lower case; empty when absent. */
  public String hostName() {
    String host = headers.get("Host");
    if (host == null) {
      return "";
    }
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    return host.toLowerCase(Locale.ROOT);
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public boolean isFormUrlEncoded() {
    String type = headers.get("Content-Type");
    return type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
  }

  @Override
  public String toString() {
    return method + " " + uri;
  }
}
