package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.Deployed;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request on its way through a stage: what the client sent, what routing found, and what the
 * stages before the integration added (the authorizer's principal and context, the API key). The
 * mapping templates' {@code $context}, {@code $input} and {@code $stageVariables} and the Lambda
 * proxy event are read from here.
 */
public final class Invocation {

  public String requestId;
  public String extendedRequestId;
  public Deployed deployed;
  public ObjectNode stage;
  public String stageName;
  public String httpMethod;
  /** The path under the stage, decoded: {@code /pets/1}. */
  public String path;
  /** The path as the client addressed it: {@code /prod/pets/1} on the execute-api host. */
  public String requestPath;
  public String domainName;
  public String domainPrefix;
  public ApiResource resource;
  public ObjectNode method;
  public Map<String, String> pathParameters = new LinkedHashMap<>();
  /** Header names as sent, in order; the first value of each for {@code headers}. */
  public Map<String, List<String>> headers = new LinkedHashMap<>();
  public Map<String, List<String>> query = new LinkedHashMap<>();
  public Map<String, String> stageVariables = new LinkedHashMap<>();
  public byte[] body = new byte[0];
  public boolean bodyIsBinary;
  public String sourceIp = "127.0.0.1";
  public Instant requestTime;
  public String apiKey;
  public String apiKeyId;
  /** The SigV4 access key of an AWS_IAM-authorized caller, and the account it belongs to. */
  public String accessKey;
  public String callerAccount;
  /** The authorizer's principalId and context, or the Cognito claims; null without an authorizer. */
  public ObjectNode authorizer;
  public String accountId;
  public String region;
  /** Set when the request arrived through TestInvokeMethod. */
  public boolean testInvoke;
  public StringBuilder log = new StringBuilder();

  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  public String queryParam(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  public String apiId() {
    return deployed.apiId();
  }

  public String resourcePath() {
    return resource == null ? path : resource.path();
  }

  public String bodyText() {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }
}
