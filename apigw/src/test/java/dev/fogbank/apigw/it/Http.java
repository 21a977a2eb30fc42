package dev.fogbank.apigw.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Plain HTTP calls to invoke URLs, as a browser or curl would make them. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}

  /** {@code http://localhost:<port>/restapis/<api>/<stage>/_user_request_<path>}. */
  static URI invokeUrl(URI endpoint, String apiId, String stage, String path) {
    return URI.create(endpoint + "/restapis/" + apiId + "/" + stage + "/_user_request_" + path);
  }

  static HttpResponse<String> send(String method, URI uri, Map<String, String> headers, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(URI uri) {
    return send("GET", uri, Map.of(), null);
  }

  static HttpResponse<byte[]> sendBytes(String method, URI uri, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A raw response: status line code, headers (lower-case names) and body. */
  record Raw(int status, Map<String, String> headers, String body) {}

  /**
   * A GET with a Host header of the test's choosing ({@code <api>.execute-api.localhost}), over a
   * socket: the JDK client does not let a caller set Host.
   */
  static Raw getWithHost(int port, String host, String path) {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      String req = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String all = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int split = all.indexOf("\r\n\r\n");
      String[] lines = all.substring(0, split).split("\r\n");
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
      }
      return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, all.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
