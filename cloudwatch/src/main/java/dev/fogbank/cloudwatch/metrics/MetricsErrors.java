package dev.fogbank.cloudwatch.metrics;

import dev.fogbank.core.error.AwsException;

/**
 * CloudWatch's errors. The first code is the error shape's name (the {@code __type} of RPC v2
 * CBOR), the second the query protocol's code (model {@code error.code}).
 */
final class MetricsErrors {

  private MetricsErrors() {}

  static AwsException invalidParameterValue(String message) {
    return new AwsException("InvalidParameterValueException", "InvalidParameterValue", message, 400, true);
  }

  static AwsException invalidParameterCombination(String message) {
    return new AwsException("InvalidParameterCombinationException", "InvalidParameterCombination", message, 400, true);
  }

  static AwsException missingParameter(String message) {
    return new AwsException("MissingRequiredParameterException", "MissingParameter", message, 400, true);
  }

  static AwsException resourceNotFound(String message) {
    return new AwsException("ResourceNotFoundException", "ResourceNotFoundException", message, 404, true);
  }

  static AwsException invalidNextToken() {
    return new AwsException("InvalidNextToken", "InvalidNextToken", "The service returned an invalid next token.", 400, true);
  }

  /** Coral's validation error, as CloudWatch answers a broken model constraint. */
  static AwsException validation(String message) {
    return new AwsException("ValidationError", "ValidationError", message, 400, true);
  }
}
