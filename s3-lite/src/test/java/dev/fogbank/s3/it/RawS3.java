package dev.fogbank.s3.it;

import dev.fogbank.testkit.FogbankExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Raw HTTP/1.1 over a socket for what the SDK will not send: any Host header, bad names. */
final class RawS3 {

  /** A response: status, headers (lower-case names) and body text. */
  record Response(int status, Map<String, String> headers, String body) {}

  private RawS3() {}

  /** A request with a SigV4 credential scope naming s3 (signatures are not checked by default). */
  static Response send(FogbankExtension fogbank, String method, String path, String host, String body) throws Exception {
    return send(fogbank, method, path, host, body, true);
  }

  static Response send(FogbankExtension fogbank, String method, String path, String host, String body, boolean signed)
      throws Exception {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder req = new StringBuilder()
        .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append("\r\n")
        .append("Content-Length: ").append(content.length).append("\r\n")
        .append("Connection: close\r\n");
    if (signed) {
      req.append("Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00\r\n");
    }
    req.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", fogbank.endpoint().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = raw.indexOf("\r\n\r\n");
      String[] lines = raw.substring(0, split).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(split + 4));
    }
  }
}
