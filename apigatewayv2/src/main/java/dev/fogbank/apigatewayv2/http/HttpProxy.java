package dev.fogbank.apigatewayv2.http;

import dev.fogbank.core.protocol.AwsResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HTTP_PROXY integrations: the request passed to a URL (path variables of the integration URI
 * filled from the route's, {@code {proxy}} included), method {@code ANY} meaning the client's,
 * headers and query string after parameter mapping; the response passed back as it came.
 */
final class HttpProxy {

  /** Headers that belong to one hop, not to the request passed on. */
  private static final Set<String> HOP =
      Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade", "keep-alive", "expect", "te", "trailer", "proxy-connection");

  /** Made on first use (holder idiom): building an HttpClient costs start-up time. */
  private static final class Http {
    static final HttpClient CLIENT =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  private HttpProxy() {}

  private static String encodePath(String value) {
    String[] segments = value.split("/", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  static AwsResponse forward(String integrationUri, String integrationMethod, Invocation inv, String mappedPath)
      throws IOException, InterruptedException {
    String target = integrationUri;
    for (Map.Entry<String, String> p : inv.pathParameters.entrySet()) {
      // Path parameters are decoded; into a URL they go encoded again, segment by segment.
      String encoded = encodePath(p.getValue());
      target = target.replace("{" + p.getKey() + "+}", encoded).replace("{" + p.getKey() + "}", encoded);
    }
    if (mappedPath != null) {
      URI base = URI.create(target);
      target = base.getScheme() + "://" + base.getRawAuthority() + mappedPath;
    }
    StringBuilder query = new StringBuilder();
    inv.query.forEach((k, values) -> values.forEach(v -> {
      query.append(query.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    }));
    if (!query.isEmpty()) {
      target += (target.contains("?") ? "&" : "?") + query;
    }
    String method = integrationMethod == null || integrationMethod.equals("ANY") ? inv.method : integrationMethod;
    byte[] body = inv.request.body();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target))
            .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : inv.headers.entrySet()) {
      if (HOP.contains(h.getKey())) {
        continue;
      }
      for (String v : h.getValue()) {
        try {
          b.header(h.getKey(), v);
        } catch (IllegalArgumentException restricted) {
          // a header the JDK client sets itself
        }
      }
    }
    HttpResponse<byte[]> r = Http.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<String, String> headers = new LinkedHashMap<>();
    r.headers().map().forEach((k, v) -> {
      if (!HOP.contains(k.toLowerCase(java.util.Locale.ROOT)) && !k.startsWith(":")) {
        headers.put(k, String.join(String.valueOf(AwsResponse.VALUE_SEPARATOR), v));
      }
    });
    return new AwsResponse(r.statusCode(), headers, r.body());
  }
}
