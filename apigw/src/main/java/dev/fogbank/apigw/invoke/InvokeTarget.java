package dev.fogbank.apigw.invoke;

import dev.fogbank.core.protocol.AwsRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an invoke URL points: the API id, the stage and the path under the stage, read from
 * either form LocalStack serves — {@code http://{apiId}.execute-api.localhost[.localstack.cloud]:4566/{stage}/{path}}
 * (Host routing, as AWS's {@code {apiId}.execute-api.{region}.amazonaws.com}) or {@code
 * /restapis/{apiId}/{stage}/_user_request_/{path}} (and LocalStack's newer {@code
 * /_aws/execute-api/{apiId}/{stage}/{path}}).
 *
 * @param rawPath the path under the stage as sent (still percent-encoded), starting with {@code /}
 * @param hostForm whether the Host header named the API
 */
public record InvokeTarget(String apiId, String stage, String rawPath, boolean hostForm) {

  private static final Pattern HOST = Pattern.compile("([a-z0-9]+)\\.execute-api\\.localhost(?:\\.localstack\\.cloud)?");
  private static final String USER_REQUEST = "/_user_request_";
  private static final String AWS_PREFIX = "/_aws/execute-api/";

  /** The target of a request, or null when it is not an invoke URL. */
  public static InvokeTarget of(AwsRequest request) {
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String hostName = request.hostName();
    // Every request of every service passes here: the regex only for hosts that can match it.
    Matcher host = hostName.contains(".execute-api.") ? HOST.matcher(hostName) : null;
    if (host != null && host.matches()) {
      String rest = path.startsWith("/") ? path.substring(1) : path;
      int slash = rest.indexOf('/');
      String stage = slash < 0 ? rest : rest.substring(0, slash);
      return new InvokeTarget(host.group(1), stage, slash < 0 ? "/" : rest.substring(slash), true);
    }
    if (path.startsWith(AWS_PREFIX)) {
      // LocalStack's newer path form: /_aws/execute-api/{apiId}/{stage}/{path}
      String[] parts = path.substring(AWS_PREFIX.length()).split("/", 3);
      if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        return null;
      }
      return new InvokeTarget(parts[0], parts[1], parts.length == 3 ? "/" + parts[2] : "/", false);
    }
    if (!path.startsWith("/restapis/")) {
      return null;
    }
    int marker = path.indexOf(USER_REQUEST);
    if (marker < 0) {
      return null;
    }
    String[] head = path.substring("/restapis/".length(), marker).split("/");
    if (head.length != 2) {
      return null;
    }
    String rest = path.substring(marker + USER_REQUEST.length());
    if (!rest.isEmpty() && !rest.startsWith("/")) {
      return null;
    }
    return new InvokeTarget(head[0], head[1], rest.isEmpty() ? "/" : rest, false);
  }
}
