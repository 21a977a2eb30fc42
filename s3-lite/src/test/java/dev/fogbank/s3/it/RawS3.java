package dev.fogbank.s3.it;

import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP to the server for what the SDK will not send: any Host header, bad names. */
final class RawS3 {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static {
    // Lets the tests set Host: bucket.s3.localhost.localstack.cloud without DNS.
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
  }

  private RawS3() {}

  /** A request with a SigV4 credential scope naming s3 (signatures are not checked by default). */
  static HttpResponse<String> send(FogbankExtension fogbank, String method, String path, String host, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fogbank.endpoint().getPort() + path))
            .header("Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (host != null) {
      b.header("Host", host);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
