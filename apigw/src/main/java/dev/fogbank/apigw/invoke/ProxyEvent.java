package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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

  private static final DateTimeFormatter COMMON_LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  /** The last second formatted: requests of the same second share the text. */
  private record FormattedSecond(long epochSecond, String text) {}

  // Member names with their JSON form computed once.
  private static final SerializedString ACCESS_KEY = new SerializedString("accessKey");
  private static final SerializedString ACCOUNT_ID = new SerializedString("accountId");
  private static final SerializedString API_ID = new SerializedString("apiId");
  private static final SerializedString API_KEY = new SerializedString("apiKey");
  private static final SerializedString API_KEY_ID = new SerializedString("apiKeyId");
  private static final SerializedString AUTHORIZER = new SerializedString("authorizer");
  private static final SerializedString BODY = new SerializedString("body");
  private static final SerializedString CALLER = new SerializedString("caller");
  private static final SerializedString CLIENT_CERT = new SerializedString("clientCert");
  private static final SerializedString COGNITO_AUTHENTICATION_PROVIDER = new SerializedString("cognitoAuthenticationProvider");
  private static final SerializedString COGNITO_AUTHENTICATION_TYPE = new SerializedString("cognitoAuthenticationType");
  private static final SerializedString COGNITO_IDENTITY_ID = new SerializedString("cognitoIdentityId");
  private static final SerializedString COGNITO_IDENTITY_POOL_ID = new SerializedString("cognitoIdentityPoolId");
  private static final SerializedString DOMAIN_NAME = new SerializedString("domainName");
  private static final SerializedString DOMAIN_PREFIX = new SerializedString("domainPrefix");
  private static final SerializedString EXTENDED_REQUEST_ID = new SerializedString("extendedRequestId");
  private static final SerializedString HEADERS = new SerializedString("headers");
  private static final SerializedString HTTP_METHOD = new SerializedString("httpMethod");
  private static final SerializedString IDENTITY = new SerializedString("identity");
  private static final SerializedString MULTI_VALUE_HEADERS = new SerializedString("multiValueHeaders");
  private static final SerializedString MULTI_VALUE_QUERY_STRING_PARAMETERS = new SerializedString("multiValueQueryStringParameters");
  private static final SerializedString OPERATION_NAME = new SerializedString("operationName");
  private static final SerializedString PATH = new SerializedString("path");
  private static final SerializedString PATH_PARAMETERS = new SerializedString("pathParameters");
  private static final SerializedString PRINCIPAL_ORG_ID = new SerializedString("principalOrgId");
  private static final SerializedString PROTOCOL = new SerializedString("protocol");
  private static final SerializedString QUERY_STRING_PARAMETERS = new SerializedString("queryStringParameters");
  private static final SerializedString REQUEST_CONTEXT = new SerializedString("requestContext");
  private static final SerializedString REQUEST_ID = new SerializedString("requestId");
  private static final SerializedString REQUEST_TIME = new SerializedString("requestTime");
  private static final SerializedString REQUEST_TIME_EPOCH = new SerializedString("requestTimeEpoch");
  private static final SerializedString RESOURCE = new SerializedString("resource");
  private static final SerializedString RESOURCE_ID = new SerializedString("resourceId");
  private static final SerializedString RESOURCE_PATH = new SerializedString("resourcePath");
  private static final SerializedString SOURCE_IP = new SerializedString("sourceIp");
  private static final SerializedString STAGE = new SerializedString("stage");
  private static final SerializedString STAGE_VARIABLES = new SerializedString("stageVariables");
  private static final SerializedString USER = new SerializedString("user");
  private static final SerializedString USER_AGENT = new SerializedString("userAgent");
  private static final SerializedString USER_ARN = new SerializedString("userArn");
  private static final SerializedString IS_BASE64_ENCODED = new SerializedString("isBase64Encoded");
  private static final SerializedString HTTP_1_1 = new SerializedString("HTTP/1.1");

  private static volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, "");

  private ProxyEvent() {}

  private static String requestTime(Instant time) {
    FormattedSecond last = lastSecond;
    if (last.epochSecond() != time.getEpochSecond()) {
      last = new FormattedSecond(time.getEpochSecond(), COMMON_LOG_TIME.format(time));
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
    string(g, RESOURCE, inv.resourcePath());
    string(g, PATH, inv.path);
    string(g, HTTP_METHOD, inv.httpMethod);
    single(g, HEADERS, inv.headers);
    multi(g, MULTI_VALUE_HEADERS, inv.headers);
    single(g, QUERY_STRING_PARAMETERS, inv.query);
    multi(g, MULTI_VALUE_QUERY_STRING_PARAMETERS, inv.query);
    strings(g, PATH_PARAMETERS, inv.pathParameters);
    strings(g, STAGE_VARIABLES, inv.stageVariables);
    g.writeFieldName(REQUEST_CONTEXT);
    requestContext(g, inv);
    if (inv.body.length == 0) {
      nullField(g, BODY);
      g.writeFieldName(IS_BASE64_ENCODED);
      g.writeBoolean(false);
    } else if (inv.bodyIsBinary) {
      g.writeFieldName(BODY);
      g.writeBinary(inv.body);
      g.writeFieldName(IS_BASE64_ENCODED);
      g.writeBoolean(true);
    } else {
      string(g, BODY, inv.bodyText());
      g.writeFieldName(IS_BASE64_ENCODED);
      g.writeBoolean(false);
    }
    g.writeEndObject();
  }

  private static void requestContext(JsonGenerator g, Invocation inv) throws IOException {
    g.writeStartObject();
    string(g, RESOURCE_ID, inv.resource == null ? null : inv.resource.id());
    string(g, RESOURCE_PATH, inv.resourcePath());
    string(g, HTTP_METHOD, inv.httpMethod);
    string(g, EXTENDED_REQUEST_ID, inv.extendedRequestId);
    string(g, REQUEST_TIME, requestTime(inv.requestTime));
    string(g, PATH, inv.requestPath);
    string(g, ACCOUNT_ID, inv.accountId);
    g.writeFieldName(PROTOCOL);
    g.writeString(HTTP_1_1);
    string(g, STAGE, inv.stageName);
    string(g, DOMAIN_PREFIX, inv.domainPrefix);
    g.writeFieldName(REQUEST_TIME_EPOCH);
    g.writeNumber(inv.requestTime.toEpochMilli());
    string(g, REQUEST_ID, inv.requestId);
    g.writeFieldName(IDENTITY);
    identity(g, inv);
    string(g, DOMAIN_NAME, inv.domainName);
    string(g, API_ID, inv.apiId());
    if (inv.authorizer != null) {
      g.writeFieldName(AUTHORIZER);
      g.writeTree(inv.authorizer);
    }
    if (inv.method != null && inv.method.hasNonNull("operationName")) {
      string(g, OPERATION_NAME, inv.method.path("operationName").asText());
    }
    g.writeEndObject();
  }

  private static void identity(JsonGenerator g, Invocation inv) throws IOException {
    g.writeStartObject();
    nullField(g, COGNITO_IDENTITY_POOL_ID);
    string(g, ACCOUNT_ID, inv.callerAccount);
    nullField(g, COGNITO_IDENTITY_ID);
    string(g, CALLER, inv.accessKey);
    string(g, API_KEY, inv.apiKey);
    if (inv.apiKeyId != null) {
      string(g, API_KEY_ID, inv.apiKeyId);
    }
    nullField(g, PRINCIPAL_ORG_ID);
    string(g, SOURCE_IP, inv.sourceIp);
    nullField(g, COGNITO_AUTHENTICATION_TYPE);
    nullField(g, COGNITO_AUTHENTICATION_PROVIDER);
    string(g, USER_ARN, inv.callerAccount == null ? null : "arn:aws:iam::" + inv.callerAccount + ":root");
    string(g, USER_AGENT, inv.header("User-Agent"));
    string(g, USER, inv.accessKey);
    string(g, ACCESS_KEY, inv.accessKey);
    nullField(g, CLIENT_CERT);
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private static void nullField(JsonGenerator g, SerializedString name) throws IOException {
    g.writeFieldName(name);
    g.writeNull();
  }

  private static void single(JsonGenerator g, SerializedString name, Map<String, List<String>> values) throws IOException {
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

  private static void multi(JsonGenerator g, SerializedString name, Map<String, List<String>> values) throws IOException {
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

  private static void strings(JsonGenerator g, SerializedString name, Map<String, String> values) throws IOException {
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
