package dev.fogbank.cloudwatch.logs;

import dev.fogbank.core.error.AwsException;

/** CloudWatch Logs' errors, with the messages the service sends. */
final class LogsErrors {

  private LogsErrors() {}

  static AwsException groupNotFound() {
    return new AwsException("ResourceNotFoundException", "The specified log group does not exist.", 400);
  }

  static AwsException streamNotFound() {
    return new AwsException("ResourceNotFoundException", "The specified log stream does not exist.", 400);
  }

  static AwsException groupExists() {
    return new AwsException("ResourceAlreadyExistsException", "The specified log group already exists", 400);
  }

  static AwsException streamExists() {
    return new AwsException("ResourceAlreadyExistsException", "The specified log stream already exists", 400);
  }

  static AwsException invalidParameter(String message) {
    return new AwsException("InvalidParameterException", message, 400);
  }

  static AwsException resourceNotFound(String message) {
    return new AwsException("ResourceNotFoundException", message, 400);
  }
}
