package dev.fogbank.apigw.invoke;

import dev.fogbank.core.util.Lazy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP and HTTP_PROXY integrations' calls to real HTTP endpoints, through the JDK client.
 * Hop-by-hop headers and the ones the client sets itself are not forwarded.
 */
public final class HttpCalls {

  private static final Set<String> RESTRICTED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive", "te", "trailer",
          "proxy-connection", "http2-settings");

  /** Made on first use: building an HttpClient costs start-up time no API may need. */
  private final Lazy<HttpClient> client =
      Lazy.of(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());

  public IntegrationResult call(String method, String uri, Map<String, List<String>> headers, byte[] body) {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(uri));
    } catch (IllegalArgumentException e) {
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    headers.forEach((k, values) -> {
      if (!RESTRICTED.contains(k.toLowerCase())) {
        values.forEach(v -> b.header(k, v));
      }
    });
    b.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> r;
    try {
      r = client.get().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new GatewayError("INTEGRATION_FAILURE", "Internal server error");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayError("INTEGRATION_FAILURE", "Internal server error");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    r.headers().map().forEach((k, v) -> {
      if (!k.startsWith(":") && !RESTRICTED.contains(k.toLowerCase())) {
        out.put(k, new ArrayList<>(v));
      }
    });
    return new IntegrationResult(r.statusCode(), out, r.body(), null);
  }
}
