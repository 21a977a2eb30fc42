package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy integration's input, format 1.0, member for member as the API Gateway
 * developer guide's "Input format of a Lambda function for proxy integration" shows it: empty
 * maps are {@code null}, {@code headers} keeps the last value of a repeated header and {@code
 * multiValueHeaders} all of them, {@code path} is the path under the stage while {@code
 * requestContext.path} is the path the client requested. Every proxied request sends one, so it
 * is written straight to bytes rather than built as a tree first.
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

  /** The event as the function receives it: JSON bytes. */
  public static byte[] bytes(Invocation inv) {
    ByteArrayBuilder out = new ByteArrayBuilder(1024 + inv.body.length * 4 / 3);
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      write(g, inv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The event as a tree, for the REQUEST authorizer's event, which shares most of its members. */
  public static ObjectNode of(Invocation inv) {
    try {
      return (ObjectNode) Json.parse(bytes(inv));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(JsonGenerator g, Invocation inv) throws IOException {
    g.writeStartObject();
    g.writeStringField("resource", inv.resourcePath());
    g.writeStringField("path", inv.path);
    g.writeStringField("httpMethod", inv.httpMethod);
    single(g, "headers", inv.headers);
    multi(g, "multiValueHeaders", inv.headers);
    single(g, "queryStringParameters", inv.query);
    multi(g, "multiValueQueryStringParameters", inv.query);
    strings(g, "pathParameters", inv.pathParameters);
    strings(g, "stageVariables", inv.stageVariables);
    g.writeFieldName("requestContext");
    requestContext(g, inv);
    if (inv.body.length == 0) {
      g.writeNullField("body");
      g.writeBooleanField("isBase64Encoded", false);
    } else if (inv.bodyIsBinary) {
      g.writeFieldName("body");
      g.writeBinary(inv.body);
      g.writeBooleanField("isBase64Encoded", true);
    } else {
      g.writeStringField("body", inv.bodyText());
      g.writeBooleanField("isBase64Encoded", false);
    }
    g.writeEndObject();
  }

  private static void requestContext(JsonGenerator g, Invocation inv) throws IOException {
    g.writeStartObject();
    g.writeStringField("resourceId", inv.resource == null ? null : inv.resource.id());
    g.writeStringField("resourcePath", inv.resourcePath());
    g.writeStringField("httpMethod", inv.httpMethod);
    g.writeStringField("extendedRequestId", inv.extendedRequestId);
    g.writeStringField("requestTime", requestTime(inv.requestTime));
    g.writeStringField("path", inv.requestPath);
    g.writeStringField("accountId", inv.accountId);
    g.writeStringField("protocol", "HTTP/1.1");
    g.writeStringField("stage", inv.stageName);
    g.writeStringField("domainPrefix", inv.domainPrefix);
    g.writeNumberField("requestTimeEpoch", inv.requestTime.toEpochMilli());
    g.writeStringField("requestId", inv.requestId);
    g.writeFieldName("identity");
    identity(g, inv);
    g.writeStringField("domainName", inv.domainName);
    g.writeStringField("apiId", inv.apiId());
    if (inv.authorizer != null) {
      g.writeFieldName("authorizer");
      g.writeTree(inv.authorizer);
    }
    if (inv.method != null && inv.method.hasNonNull("operationName")) {
      g.writeStringField("operationName", inv.method.path("operationName").asText());
    }
    g.writeEndObject();
  }

  private static void identity(JsonGenerator g, Invocation inv) throws IOException {
    g.writeStartObject();
    g.writeNullField("cognitoIdentityPoolId");
    g.writeStringField("accountId", inv.callerAccount);
    g.writeNullField("cognitoIdentityId");
    g.writeStringField("caller", inv.accessKey);
    g.writeStringField("apiKey", inv.apiKey);
    if (inv.apiKeyId != null) {
      g.writeStringField("apiKeyId", inv.apiKeyId);
    }
    g.writeNullField("principalOrgId");
    g.writeStringField("sourceIp", inv.sourceIp);
    g.writeNullField("cognitoAuthenticationType");
    g.writeNullField("cognitoAuthenticationProvider");
    g.writeStringField("userArn", inv.callerAccount == null ? null : "arn:aws:iam::" + inv.callerAccount + ":root");
    g.writeStringField("userAgent", inv.header("User-Agent"));
    g.writeStringField("user", inv.accessKey);
    g.writeStringField("accessKey", inv.accessKey);
    g.writeNullField("clientCert");
    g.writeEndObject();
  }

  private static void single(JsonGenerator g, String name, Map<String, List<String>> values) throws IOException {
    g.writeFieldName(name);
    if (values.isEmpty()) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      List<String> v = e.getValue();
      g.writeStringField(e.getKey(), v.isEmpty() ? "" : v.get(v.size() - 1));
    }
    g.writeEndObject();
  }

  private static void multi(JsonGenerator g, String name, Map<String, List<String>> values) throws IOException {
    g.writeFieldName(name);
    if (values.isEmpty()) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      g.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String name, Map<String, String> values) throws IOException {
    g.writeFieldName(name);
    if (values.isEmpty()) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    for (Map.Entry<String, String> e : values.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }
}
