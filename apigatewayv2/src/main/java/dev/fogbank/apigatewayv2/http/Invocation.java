package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.Deployment;
import dev.fogbank.core.protocol.AwsRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to an HTTP API on its way through: where it arrived (API, stage, the path after the
 * stage), the route it matched, and what authorizers added. {@code headers} and {@code query} are
 * what parameter mapping may change before the integration sees them.
 */
public final class Invocation {

  final AwsRequest request;
  final Api api;
  final String stage;
  final ObjectNode stageData;
  final Deployment deployment;
  final String method;
  /** The path as the client sent it, stage prefix included. */
  final String rawPath;
  /** The path after the stage: what routes match. */
  final String routePath;
  final String rawQuery;
  final String requestId;
  final Instant time;
  final String domainName;
  ObjectNode route;
  Map<String, String> pathParameters = Map.of();
  /** The authorizer's part of requestContext: {@code jwt}, {@code lambda}, or null. */
  ObjectNode authorizer;
  final Map<String, List<String>> headers = new LinkedHashMap<>();
  final Map<String, List<String>> query = new LinkedHashMap<>();

  Invocation(
      AwsRequest request,
      Api api,
      String stage,
      ObjectNode stageData,
      Deployment deployment,
      String rawPath,
      String routePath,
      String rawQuery,
      String requestId,
      Instant time,
      String domainName) {
    this.request = request;
    this.api = api;
    this.stage = stage;
    this.stageData = stageData;
    this.deployment = deployment;
    this.method = request.method();
    this.rawPath = rawPath;
    this.routePath = routePath;
    this.rawQuery = rawQuery;
    this.requestId = requestId;
    this.time = time;
    this.domainName = domainName;
    for (Map.Entry<String, String> h : request.headers()) {
      headers.computeIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), k -> new java.util.ArrayList<>()).add(h.getValue());
    }
    request.query().forEach((k, v) -> query.put(k, new java.util.ArrayList<>(v)));
    // What API Gateway adds on its way to the integration: the client's address, the port and
    // scheme it used, and a trace id.
    headers.computeIfAbsent("x-forwarded-for", k -> new java.util.ArrayList<>(List.of("127.0.0.1")));
    headers.computeIfAbsent("x-forwarded-port", k -> new java.util.ArrayList<>(List.of(port(request))));
    headers.computeIfAbsent("x-forwarded-proto", k -> new java.util.ArrayList<>(List.of("http")));
    headers.computeIfAbsent(
        "x-amzn-trace-id",
        k -> new java.util.ArrayList<>(List.of("Root=1-" + Long.toHexString(time.getEpochSecond()) + "-" + requestId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT))));
  }

  private static String port(AwsRequest request) {
    String host = request.header("Host");
    int colon = host == null ? -1 : host.lastIndexOf(':');
    return colon > 0 && host.indexOf(']') < colon ? host.substring(colon + 1) : "80";
  }

  String routeKey() {
    return route == null ? "$default" : route.path("RouteKey").asText();
  }

  String header(String name) {
    List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return v == null || v.isEmpty() ? null : String.join(",", v);
  }

  ObjectNode stageVariables() {
    return (ObjectNode) stageData.path("StageVariables");
  }

  String sourceIp() {
    String forwarded = header("x-forwarded-for");
    return forwarded != null ? forwarded.split(",")[0].trim() : "127.0.0.1";
  }

  /** {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path}} of the route. */
  String routeArn() {
    return "arn:aws:execute-api:" + api.region() + ":" + api.account() + ":" + api.id() + "/" + stage + "/" + method + routePath;
  }
}
