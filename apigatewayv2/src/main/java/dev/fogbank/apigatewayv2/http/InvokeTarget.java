package dev.fogbank.apigatewayv2.http;

import dev.fogbank.core.protocol.AwsRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an invoke URL points: the host form {@code {apiId}.execute-api.localhost[.localstack.cloud]}
 * with the path as sent (the stage is found later: a first segment naming a stage, else {@code
 * $default}), or the path forms {@code /_fogbank/apigatewayv2/{apiId}/{stage}/…} and LocalStack's
 * {@code /restapis/{apiId}/{stage}/_user_request_/…} and {@code /_aws/execute-api/{apiId}/{stage}/…},
 * where the stage is explicit.
 *
 * @param stage the stage the path form names, or null for the host form
 * @param rest the path after the stage (host form: the whole path), starting with {@code /}
 * @param customDomain whether a custom domain name's API mapping chose the API
 */
public record InvokeTarget(String apiId, String stage, String rest, String rawQuery, boolean customDomain) {

  public static final String PATH_PREFIX = "/_fogbank/apigatewayv2/";
  private static final Pattern HOST = Pattern.compile("([a-z0-9]+)\\.execute-api\\.localhost(\\.localstack\\.cloud)?");
  private static final Pattern PATH = Pattern.compile("/_fogbank/apigatewayv2/([a-z0-9]+)/([^/]+)(/.*)?");
  private static final Pattern LOCALSTACK = Pattern.compile("/restapis/([a-z0-9]+)/([^/]+)/_user_request_(/.*)?");
  private static final Pattern LOCALSTACK_AWS = Pattern.compile("/_aws/execute-api/([a-z0-9]+)/([^/]+)(/.*)?");

  /** The standard forms, else a custom domain's API mapping (the stage it names, explicitly). */
  public static InvokeTarget of(AwsRequest request, dev.fogbank.apigatewayv2.control.DomainNameOperations domains) {
    InvokeTarget target = of(request);
    if (target != null || domains == null) {
      return target;
    }
    String uri = request.uri();
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    var mapped = domains.resolve(request.hostName(), rawPath.isEmpty() ? "/" : rawPath);
    return mapped == null ? null : new InvokeTarget(mapped.apiId(), mapped.stage(), mapped.rest(), q < 0 ? "" : uri.substring(q + 1), true);
  }

  public static InvokeTarget of(AwsRequest request) {
    String uri = request.uri();
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    if (rawPath.isEmpty()) {
      rawPath = "/";
    }
    // Every request to the emulator passes here (raw-HTTP routes are asked first): cheap checks
    // before any pattern.
    String hostName = request.hostName();
    if (hostName.contains(".execute-api.")) {
      Matcher host = HOST.matcher(hostName);
      if (host.matches()) {
        return new InvokeTarget(host.group(1), null, rawPath, rawQuery, false);
      }
    }
    Matcher path;
    if (rawPath.startsWith(PATH_PREFIX)) {
      path = PATH.matcher(rawPath);
    } else if (rawPath.startsWith("/restapis/")) {
      path = LOCALSTACK.matcher(rawPath);
    } else if (rawPath.startsWith("/_aws/execute-api/")) {
      path = LOCALSTACK_AWS.matcher(rawPath);
    } else {
      return null;
    }
    if (!path.matches()) {
      return null;
    }
    String stage = decode(path.group(2));
    String rest = path.group(3) == null || path.group(3).isEmpty() ? "/" : path.group(3);
    return new InvokeTarget(path.group(1), stage, rest, rawQuery, false);
  }

  static String firstSegment(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.isEmpty()) {
      return null;
    }
    int slash = p.indexOf('/');
    return decode(slash < 0 ? p : p.substring(0, slash));
  }

  static String afterFirstSegment(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    int slash = p.indexOf('/');
    return slash < 0 ? "/" : p.substring(slash);
  }

  /** A percent-decoded segment; a malformed escape leaves it as sent. */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }
}
