package dev.fogbank.lambda.url;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event a function URL hands its function: API Gateway's payload format 2.0 with the URL's
 * sentinel values (routeKey and stage {@code $default}), as Lambda's "Request payload" reference
 * for function URLs shows it. Cookies leave the headers for their own list; repeated headers and
 * query parameters are joined with commas.
 */
public final class UrlEvent {

  /** requestContext.time: {@code 12/Mar/2020:19:03:58 +0000}. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private UrlEvent() {}

  /**
   * @param rawPath the path as the client sent it, without the path form's prefix
   * @param accountId the caller's account for AWS_IAM URLs, {@code anonymous} for NONE
   */
  public static ObjectNode of(
      AwsRequest request, String urlId, String region, String rawPath, String accountId, String requestId, Instant now) {
    ObjectNode event = Json.object();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", rawPath);
    String uri = request.uri();
    int q = uri.indexOf('?');
    event.put("rawQueryString", q < 0 ? "" : uri.substring(q + 1));
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : request.headers()) {
      headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b);
    }
    String cookie = headers.remove("cookie");
    if (cookie != null && !cookie.isBlank()) {
      ArrayNode cookies = event.putArray("cookies");
      for (String c : cookie.split(";")) {
        if (!c.isBlank()) {
          cookies.add(c.strip());
        }
      }
    }
    headers.putIfAbsent("x-forwarded-proto", "http");
    headers.putIfAbsent("x-forwarded-for", "127.0.0.1");
    ObjectNode h = event.putObject("headers");
    headers.forEach(h::put);
    if (!request.query().isEmpty()) {
      ObjectNode params = event.putObject("queryStringParameters");
      for (Map.Entry<String, List<String>> p : request.query().entrySet()) {
        params.put(p.getKey(), String.join(",", p.getValue()));
      }
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", accountId);
    context.put("apiId", urlId);
    String domain = urlId + ".lambda-url." + region + ".on.aws";
    String host = request.hostName();
    context.put("domainName", host.startsWith(urlId + ".") ? host : domain);
    context.put("domainPrefix", urlId);
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", rawPath);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    String agent = request.header("User-Agent");
    http.put("userAgent", agent == null ? "" : agent);
    context.put("requestId", requestId);
    context.put("routeKey", "$default");
    context.put("stage", "$default");
    context.put("time", TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
    byte[] body = request.body();
    if (body.length > 0) {
      String text = textBody(request.header("Content-Type"), body);
      if (text != null) {
        event.put("body", text);
        event.put("isBase64Encoded", false);
      } else {
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
      }
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /** Text content types arrive as text; anything else (or no type, or invalid UTF-8) in base64. */
  private static String textBody(String contentType, byte[] body) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    boolean text =
        type.startsWith("text/")
            || type.contains("json")
            || type.contains("xml")
            || type.contains("javascript")
            || type.startsWith("application/x-www-form-urlencoded");
    if (!text) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
