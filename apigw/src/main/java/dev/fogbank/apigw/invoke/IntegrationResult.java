package dev.fogbank.apigw.invoke;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an integration answered: a status, headers and body; for a Lambda function error also the
 * error message the integration responses' {@code selectionPattern} is matched against; {@code
 * base64} when a proxy response's body arrived base64-encoded ({@code isBase64Encoded}).
 */
public record IntegrationResult(int status, Map<String, List<String>> headers, byte[] body, String errorMessage, boolean base64) {

  public IntegrationResult(int status, Map<String, List<String>> headers, byte[] body, String errorMessage) {
    this(status, headers, body, errorMessage, false);
  }

  public static IntegrationResult of(int status, byte[] body) {
    return new IntegrationResult(status, new LinkedHashMap<>(), body, null);
  }
}
