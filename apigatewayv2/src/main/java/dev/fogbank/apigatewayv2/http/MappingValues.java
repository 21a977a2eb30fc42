package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of parameter mappings and service-integration parameters: a static string, one
 * runtime expression ({@code $request.header.x}, {@code $request.querystring.q}, {@code
 * $request.path.id}, {@code $request.path}, {@code $request.body.a.b}, {@code $context.requestId},
 * {@code $stageVariables.v}, {@code $response.header.x}), or text with embedded {@code ${…}}
 * expressions.
 */
final class MappingValues {

  private static final Pattern EMBEDDED =
      Pattern.compile("\\$\\{([^}]+)}|\\$((?:request|context|stageVariables|response)\\.[A-Za-z0-9_\\-]+(?:\\.[A-Za-z0-9_\\-]+)*)");

  private MappingValues() {}

  static String resolve(String value, Function<String, String> expression) {
    Matcher m = EMBEDDED.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = expression.apply(m.group(1) != null ? m.group(1) : m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A request-side expression (without its {@code $}) against an invocation, or null. */
  static String request(Invocation inv, String expr) {
    if (expr.startsWith("request.header.")) {
      return inv.header(expr.substring(15));
    }
    if (expr.startsWith("request.querystring.")) {
      var v = inv.query.get(expr.substring(20));
      return v == null ? null : String.join(",", v);
    }
    if (expr.equals("request.path")) {
      return inv.routePath;
    }
    if (expr.startsWith("request.path.")) {
      return inv.pathParameters.get(expr.substring(13));
    }
    if (expr.equals("request.body")) {
      return new String(inv.request.body(), StandardCharsets.UTF_8);
    }
    if (expr.startsWith("request.body.")) {
      return bodyPath(inv.request.body(), expr.substring(13));
    }
    if (expr.startsWith("stageVariables.")) {
      JsonNode v = inv.stageVariables().get(expr.substring(15));
      return v == null ? null : v.asText();
    }
    if (expr.startsWith("context.")) {
      return context(inv, expr.substring(8));
    }
    return null;
  }

  static String context(Invocation inv, String name) {
    return switch (name) {
      case "requestId", "extendedRequestId" -> inv.requestId;
      case "apiId" -> inv.api.id();
      case "accountId" -> inv.api.account();
      case "stage" -> inv.stage;
      case "routeKey" -> inv.routeKey();
      case "httpMethod" -> inv.method;
      case "path" -> inv.rawPath;
      case "domainName" -> inv.domainName;
      case "protocol" -> "HTTP/1.1";
      case "requestTime" -> ProxyEvents.REQUEST_TIME.format(inv.time);
      case "requestTimeEpoch" -> String.valueOf(inv.time.toEpochMilli());
      case "identity.sourceIp" -> inv.sourceIp();
      case "identity.userAgent" -> inv.header("user-agent");
      default -> {
        if (name.startsWith("authorizer.") && inv.authorizer != null) {
          JsonNode node = inv.authorizer;
          for (String part : name.substring(11).split("\\.")) {
            node = node.path(part);
          }
          if (node.isMissingNode()) {
            node = inv.authorizer.path("lambda").path(name.substring(11));
          }
          yield node.isMissingNode() ? null : node.isValueNode() ? node.asText() : node.toString();
        }
        yield null;
      }
    };
  }

  /** {@code a.b.c} (or {@code $.a.b}) into a JSON body: text for values, JSON for the rest. */
  static String bodyPath(byte[] body, String path) {
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (java.io.IOException e) {
      return null;
    }
    if (node == null) {
      return null;
    }
    String p = path.startsWith("$.") ? path.substring(2) : path;
    for (String part : p.split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      node = node.path(part);
    }
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
