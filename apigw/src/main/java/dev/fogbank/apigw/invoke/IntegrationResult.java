package dev.fogbank.apigw.invoke;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an integration answered: a status, headers and body; for a Lambda function error also the
 * error message the integration responses' {@code selectionPattern} is matched against.
 */
public record IntegrationResult(int status, Map<String, List<String>> headers, byte[] body, String errorMessage) {

  public static IntegrationResult of(int status, byte[] body) {
    return new IntegrationResult(status, new LinkedHashMap<>(), body, null);
  }
}
