package dev.fogbank.apigw.invoke;

import dev.fogbank.apigw.vtl.InputVariable;
import dev.fogbank.core.protocol.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables a mapping template sees: {@code $context} (request, identity, authorizer and
 * error members from the developer guide's "$context variables" list), {@code $input} and
 * {@code $stageVariables}.
 */
public final class ContextVariables {

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private ContextVariables() {}

  public static Map<String, Object> context(Invocation inv) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("requestId", inv.requestId);
    c.put("extendedRequestId", inv.extendedRequestId);
    c.put("awsEndpointRequestId", inv.requestId);
    c.put("apiId", inv.apiId());
    c.put("stage", inv.stageName);
    c.put("resourceId", inv.resource == null ? null : inv.resource.id());
    c.put("resourcePath", inv.resourcePath());
    c.put("httpMethod", inv.httpMethod);
    c.put("path", inv.requestPath);
    c.put("protocol", "HTTP/1.1");
    c.put("requestTime", REQUEST_TIME.format(inv.requestTime));
    c.put("requestTimeEpoch", inv.requestTime.toEpochMilli());
    c.put("accountId", inv.accountId);
    c.put("domainName", inv.domainName);
    c.put("domainPrefix", inv.domainPrefix);
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("sourceIp", inv.sourceIp);
    identity.put("userAgent", inv.header("User-Agent"));
    identity.put("apiKey", inv.apiKey);
    identity.put("apiKeyId", inv.apiKeyId);
    identity.put("accountId", inv.callerAccount);
    identity.put("caller", inv.accessKey);
    identity.put("accessKey", inv.accessKey);
    identity.put("user", inv.accessKey);
    identity.put("userArn", inv.callerAccount == null ? null : "arn:aws:iam::" + inv.callerAccount + ":root");
    c.put("identity", identity);
    Map<String, Object> override = new HashMap<>();
    override.put("header", new HashMap<String, Object>());
    c.put("responseOverride", override);
    Map<String, Object> requestOverride = new HashMap<>();
    requestOverride.put("header", new HashMap<String, Object>());
    requestOverride.put("querystring", new HashMap<String, Object>());
    requestOverride.put("path", new HashMap<String, Object>());
    c.put("requestOverride", requestOverride);
    if (inv.authorizer != null) {
      Map<String, Object> auth = Json.MAPPER.convertValue(inv.authorizer, Map.class);
      c.put("authorizer", auth);
    } else {
      c.put("authorizer", new HashMap<>());
    }
    return c;
  }

  /** {@code $input}, {@code $context}, {@code $stageVariables} for a template over {@code body}. */
  public static Map<String, Object> variables(Invocation inv, String body) {
    Map<String, Object> v = new HashMap<>();
    v.put("input", input(inv, body));
    v.put("context", context(inv));
    v.put("stageVariables", new LinkedHashMap<>(inv.stageVariables));
    return v;
  }

  public static InputVariable input(Invocation inv, String body) {
    Map<String, String> query = new LinkedHashMap<>();
    inv.query.forEach((k, vals) -> query.put(k, vals.isEmpty() ? "" : vals.get(vals.size() - 1)));
    Map<String, String> headers = new LinkedHashMap<>();
    inv.headers.forEach((k, vals) -> headers.put(k, vals.isEmpty() ? "" : vals.get(vals.size() - 1)));
    return new InputVariable(body, new LinkedHashMap<>(inv.pathParameters), query, headers);
  }

  /** A value a requestParameters/responseParameters source names: {@code method.request.header.x}, {@code 'literal'}… */
  public static String requestSource(Invocation inv, String source) {
    if (source == null) {
      return null;
    }
    if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
      return source.substring(1, source.length() - 1);
    }
    if (source.startsWith("method.request.path.")) {
      return inv.pathParameters.get(source.substring("method.request.path.".length()));
    }
    if (source.startsWith("method.request.querystring.")) {
      return inv.queryParam(source.substring("method.request.querystring.".length()));
    }
    if (source.startsWith("method.request.multivaluequerystring.")) {
      List<String> v = inv.query.get(source.substring("method.request.multivaluequerystring.".length()));
      return v == null ? null : String.join(",", v);
    }
    if (source.startsWith("method.request.header.")) {
      return inv.header(source.substring("method.request.header.".length()));
    }
    if (source.startsWith("method.request.multivalueheader.")) {
      return inv.header(source.substring("method.request.multivalueheader.".length()));
    }
    if (source.startsWith("stageVariables.")) {
      return inv.stageVariables.get(source.substring("stageVariables.".length()));
    }
    if (source.startsWith("context.")) {
      Object v = walk(context(inv), source.substring("context.".length()));
      return v == null ? null : v.toString();
    }
    if (source.equals("method.request.body")) {
      return inv.bodyText();
    }
    if (source.startsWith("method.request.body.")) {
      return input(inv, inv.bodyText()).json("$." + source.substring("method.request.body.".length()));
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Object walk(Map<String, Object> map, String dotted) {
    Object cur = map;
    for (String part : dotted.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = ((Map<String, Object>) m).get(part);
    }
    return cur;
  }
}
