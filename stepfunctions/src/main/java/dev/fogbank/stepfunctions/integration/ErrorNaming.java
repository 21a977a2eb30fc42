package dev.fogbank.stepfunctions.integration;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.stepfunctions.asl.StatesError;
import java.util.Map;

/**
 * Error names of service integrations. AWS SDK integrations: {@code ServiceName.ErrorName} in
 * PascalCase with an {@code Exception} suffix even where the service's own code lacks it
 * (S3's BucketAlreadyExists is {@code S3.BucketAlreadyExistsException}). Optimized integrations
 * use the service's short name: {@code Lambda.ResourceNotFoundException},
 * {@code DynamoDB.ConditionalCheckFailedException}, {@code SQS.…}, {@code SNS.…}.
 */
final class ErrorNaming {

  private static final Map<String, String> SDK_NAMES = Map.of(
      "sqs", "Sqs", "sns", "Sns", "dynamodb", "DynamoDb", "lambda", "Lambda", "s3", "S3", "sfn", "Sfn",
      "apigateway", "ApiGateway", "logs", "CloudWatchLogs");
  private static final Map<String, String> OPTIMIZED_NAMES = Map.of(
      "sqs", "SQS", "sns", "SNS", "dynamodb", "DynamoDB", "lambda", "Lambda", "states", "StepFunctions");

  private ErrorNaming() {}

  static StatesError sdk(String service, AwsException e) {
    String prefix = SDK_NAMES.getOrDefault(service, Character.toUpperCase(service.charAt(0)) + service.substring(1));
    return new StatesError(prefix + "." + suffixed(e.code()), e.getMessage());
  }

  static StatesError optimized(String service, AwsException e) {
    String prefix = OPTIMIZED_NAMES.getOrDefault(service, service);
    return new StatesError(prefix + "." + suffixed(e.code()), e.getMessage());
  }

  private static String suffixed(String code) {
    String c = code.contains("#") ? code.substring(code.indexOf('#') + 1) : code;
    if (c.startsWith("AWS.SimpleQueueService.")) {
      c = c.substring("AWS.SimpleQueueService.".length());
    }
    return c.endsWith("Exception") ? c : c + "Exception";
  }
}
