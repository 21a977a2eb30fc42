package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy events of HTTP APIs (AWS: "Working with AWS Lambda proxy integrations for HTTP
 * APIs"): payload format 2.0 ({@code rawPath}, {@code rawQueryString}, {@code cookies}, headers
 * joined by commas, {@code requestContext.http}) and 1.0 (REST API shaped, with multi-value maps).
 */
public final class ProxyEvents {

  /** {@code 12/Mar/2020:19:03:58 +0000}: requestContext.time's format. */
  static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private ProxyEvents() {}

  static ObjectNode v2(Invocation inv) {
    ObjectNode e = Json.object();
    e.put("version", "2.0");
    e.put("routeKey", inv.routeKey());
    e.put("rawPath", inv.rawPath);
    e.put("rawQueryString", inv.rawQuery);
    List<String> cookies = inv.headers.get("cookie");
    if (cookies != null) {
      ArrayNode c = e.putArray("cookies");
      for (String header : cookies) {
        for (String part : header.split(";")) {
          if (!part.isBlank()) {
            c.add(part.trim());
          }
        }
      }
    }
    ObjectNode headers = e.putObject("headers");
    inv.headers.forEach((k, v) -> {
      if (!k.equals("cookie")) {
        headers.put(k, String.join(",", v));
      }
    });
    if (!inv.query.isEmpty()) {
      ObjectNode q = e.putObject("queryStringParameters");
      inv.query.forEach((k, v) -> q.put(k, String.join(",", v)));
    }
    ObjectNode ctx = e.putObject("requestContext");
    ctx.put("accountId", inv.api.account());
    ctx.put("apiId", inv.api.id());
    if (inv.authorizer != null) {
      ctx.set("authorizer", inv.authorizer);
    }
    ctx.put("domainName", inv.domainName);
    ctx.put("domainPrefix", inv.domainName.split("\\.")[0]);
    ObjectNode http = ctx.putObject("http");
    http.put("method", inv.method);
    http.put("path", inv.rawPath);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", inv.sourceIp());
    http.put("userAgent", inv.header("user-agent") == null ? "" : inv.header("user-agent"));
    ctx.put("requestId", inv.requestId);
    ctx.put("routeKey", inv.routeKey());
    ctx.put("stage", inv.stage);
    ctx.put("time", REQUEST_TIME.format(inv.time));
    ctx.put("timeEpoch", inv.time.toEpochMilli());
    body(e, inv);
    if (!inv.pathParameters.isEmpty()) {
      ObjectNode p = e.putObject("pathParameters");
      inv.pathParameters.forEach(p::put);
    }
    if (!inv.stageVariables().isEmpty()) {
      e.set("stageVariables", inv.stageVariables().deepCopy());
    }
    return e;
  }

  static ObjectNode v1(Invocation inv) {
    ObjectNode e = Json.object();
    e.put("version", "1.0");
    String key = inv.routeKey();
    String resource = key.contains(" ") ? key.substring(key.indexOf(' ') + 1) : key;
    e.put("resource", resource);
    e.put("path", inv.rawPath);
    e.put("httpMethod", inv.method);
    ObjectNode headers = e.putObject("headers");
    ObjectNode multi = e.putObject("multiValueHeaders");
    // The headers as parameter mapping left them; HTTP APIs send header names in lower case.
    inv.headers.forEach((name, values) -> {
      headers.put(name, values.get(values.size() - 1));
      ArrayNode all = multi.putArray(name);
      values.forEach(all::add);
    });
    if (inv.query.isEmpty()) {
      e.putNull("queryStringParameters");
      e.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode q = e.putObject("queryStringParameters");
      ObjectNode mq = e.putObject("multiValueQueryStringParameters");
      for (Map.Entry<String, List<String>> p : inv.query.entrySet()) {
        q.put(p.getKey(), p.getValue().get(p.getValue().size() - 1));
        ArrayNode a = mq.putArray(p.getKey());
        p.getValue().forEach(a::add);
      }
    }
    ObjectNode ctx = e.putObject("requestContext");
    ctx.put("accountId", inv.api.account());
    ctx.put("apiId", inv.api.id());
    if (inv.authorizer != null) {
      ctx.set("authorizer", inv.authorizer);
    }
    ctx.put("domainName", inv.domainName);
    ctx.put("domainPrefix", inv.domainName.split("\\.")[0]);
    ctx.put("extendedRequestId", inv.requestId);
    ctx.put("httpMethod", inv.method);
    ObjectNode identity = ctx.putObject("identity");
    identity.putNull("accessKey");
    identity.putNull("accountId");
    identity.putNull("caller");
    identity.putNull("cognitoAuthenticationProvider");
    identity.putNull("cognitoAuthenticationType");
    identity.putNull("cognitoIdentityId");
    identity.putNull("cognitoIdentityPoolId");
    identity.putNull("principalOrgId");
    identity.put("sourceIp", inv.sourceIp());
    identity.putNull("user");
    identity.put("userAgent", inv.header("user-agent") == null ? "" : inv.header("user-agent"));
    identity.putNull("userArn");
    ctx.put("path", inv.rawPath);
    ctx.put("protocol", "HTTP/1.1");
    ctx.put("requestId", inv.requestId);
    ctx.put("requestTime", REQUEST_TIME.format(inv.time));
    ctx.put("requestTimeEpoch", inv.time.toEpochMilli());
    ctx.put("resourceId", key);
    ctx.put("resourcePath", resource);
    ctx.put("stage", inv.stage);
    if (inv.pathParameters.isEmpty()) {
      e.putNull("pathParameters");
    } else {
      ObjectNode p = e.putObject("pathParameters");
      inv.pathParameters.forEach(p::put);
    }
    if (inv.stageVariables().isEmpty()) {
      e.putNull("stageVariables");
    } else {
      e.set("stageVariables", inv.stageVariables().deepCopy());
    }
    body(e, inv);
    if (!e.has("body")) {
      e.putNull("body");
    }
    return e;
  }

  /** Text bodies travel as they are; anything else base64-encoded with {@code isBase64Encoded}. */
  private static void body(ObjectNode e, Invocation inv) {
    byte[] body = inv.request.body();
    if (body.length == 0) {
      e.put("isBase64Encoded", false);
      return;
    }
    if (isText(inv.header("content-type"))) {
      e.put("body", new String(body, StandardCharsets.UTF_8));
      e.put("isBase64Encoded", false);
    } else {
      e.put("body", Base64.getEncoder().encodeToString(body));
      e.put("isBase64Encoded", true);
    }
  }

  static boolean isText(String contentType) {
    if (contentType == null) {
      return true;
    }
    String t = contentType.toLowerCase(Locale.ROOT);
    return t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("javascript")
        || t.startsWith("application/x-www-form-urlencoded");
  }
}
