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
}
