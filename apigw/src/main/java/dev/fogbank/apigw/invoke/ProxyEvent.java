package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy integration's input, format 1.0, member for member as the API Gateway
 * developer guide's "Input format of a Lambda function for proxy integration" shows it: empty
 * maps are {@code null}, {@code headers} keeps the last value of a repeated header and {@code
 * multiValueHeaders} all of them, {@code path} is the path under the stage while {@code
 * requestContext.path} is the path the client requested.
 */
public final class ProxyEvent {

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  /** The last second formatted: requests of the same second share the text. */
  private record FormattedSecond(long epochSecond, String text) {}

  private static volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, "");

  private ProxyEvent() {}

  private static String requestTime(Instant time) {
    FormattedSecond last = lastSecond;
    if (last.epochSecond() != time.getEpochSecond()) {
      last = new FormattedSecond(time.getEpochSecond(), REQUEST_TIME.format(time));
      lastSecond = last;
    }
    return last.text();
  }

  public static ObjectNode of(Invocation inv) {
    ObjectNode e = Json.object();
    e.put("resource", inv.resourcePath());
    e.put("path", inv.path);
    e.put("httpMethod", inv.httpMethod);
    single(e, "headers", inv.headers);
    multi(e, "multiValueHeaders", inv.headers);
    single(e, "queryStringParameters", inv.query);
    multi(e, "multiValueQueryStringParameters", inv.query);
    strings(e, "pathParameters", inv.pathParameters);
    strings(e, "stageVariables", inv.stageVariables);
    e.set("requestContext", requestContext(inv));
    if (inv.body.length == 0) {
      e.putNull("body");
      e.put("isBase64Encoded", false);
    } else if (inv.bodyIsBinary) {
      e.put("body", Base64.getEncoder().encodeToString(inv.body));
      e.put("isBase64Encoded", true);
    } else {
      e.put("body", inv.bodyText());
      e.put("isBase64Encoded", false);
    }
    return e;
  }

  static ObjectNode requestContext(Invocation inv) {
    ObjectNode c = Json.object();
    c.put("resourceId", inv.resource == null ? null : inv.resource.id());
    c.put("resourcePath", inv.resourcePath());
    c.put("httpMethod", inv.httpMethod);
    c.put("extendedRequestId", inv.extendedRequestId);
    c.put("requestTime", requestTime(inv.requestTime));
    c.put("path", inv.requestPath);
    c.put("accountId", inv.accountId);
    c.put("protocol", "HTTP/1.1");
    c.put("stage", inv.stageName);
    c.put("domainPrefix", inv.domainPrefix);
    c.put("requestTimeEpoch", inv.requestTime.toEpochMilli());
    c.put("requestId", inv.requestId);
    c.set("identity", identity(inv));
    c.put("domainName", inv.domainName);
    c.put("apiId", inv.apiId());
    if (inv.authorizer != null) {
      c.set("authorizer", inv.authorizer);
    }
    if (inv.method != null && inv.method.hasNonNull("operationName")) {
      c.put("operationName", inv.method.path("operationName").asText());
    }
    return c;
  }

  static ObjectNode identity(Invocation inv) {
    ObjectNode i = Json.object();
    i.putNull("cognitoIdentityPoolId");
    i.put("accountId", inv.callerAccount);
    i.putNull("cognitoIdentityId");
    i.put("caller", inv.accessKey);
    i.put("apiKey", inv.apiKey);
    if (inv.apiKeyId != null) {
      i.put("apiKeyId", inv.apiKeyId);
    }
    i.putNull("principalOrgId");
    i.put("sourceIp", inv.sourceIp);
    i.putNull("cognitoAuthenticationType");
    i.putNull("cognitoAuthenticationProvider");
    i.put("userArn", inv.callerAccount == null ? null : "arn:aws:iam::" + inv.callerAccount + ":root");
    i.put("userAgent", inv.header("User-Agent"));
    i.put("user", inv.accessKey);
    i.put("accessKey", inv.accessKey);
    i.putNull("clientCert");
    return i;
  }

  private static void single(ObjectNode e, String name, Map<String, List<String>> values) {
    if (values.isEmpty()) {
      e.putNull(name);
      return;
    }
    ObjectNode o = e.putObject(name);
    values.forEach((k, v) -> o.put(k, v.isEmpty() ? "" : v.get(v.size() - 1)));
  }

  private static void multi(ObjectNode e, String name, Map<String, List<String>> values) {
    if (values.isEmpty()) {
      e.putNull(name);
      return;
    }
    ObjectNode o = e.putObject(name);
    values.forEach((k, v) -> {
      ArrayNode a = o.putArray(k);
      v.forEach(a::add);
    });
  }

  private static void strings(ObjectNode e, String name, Map<String, String> values) {
    if (values.isEmpty()) {
      e.putNull(name);
      return;
    }
    ObjectNode o = e.putObject(name);
    values.forEach(o::put);
  }
}
