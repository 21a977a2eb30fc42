package dev.fogbank.stepfunctions.integration;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.model.Shape;
import dev.fogbank.stepfunctions.asl.StatesError;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Error names and causes of service integrations.
 *
 * <p>AWS SDK integrations ({@code aws-sdk:}) name an error {@code ServiceName.ErrorName} in
 * PascalCase with an {@code Exception} suffix even where the service's own code lacks it (S3's
 * BucketAlreadyExists is {@code S3.BucketAlreadyExistsException}); the cause is the AWS SDK for
 * Java v2's exception message, {@code <message> (Service: DynamoDb, Status Code: 400, Request ID: …)}.
 *
 * <p>Optimized integrations use the service's short name ({@code Lambda.ResourceNotFoundException},
 * {@code DynamoDB.ConditionalCheckFailedException}, {@code SQS.…}, {@code SNS.…}) and the AWS SDK for
 * Java v1's message as the cause, {@code <message> (Service: AWSLambda; Status Code: 404; Error
 * Code: ResourceNotFoundException; Request ID: …; Proxy: null)}. An error code the v1 SDK has no
 * exception class for surfaces as the service's base exception ({@code Lambda.AWSLambdaException},
 * https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html).
 */
final class ErrorNaming {

  private static final Map<String, String> SDK_NAMES = Map.of(
      "sqs", "Sqs", "sns", "Sns", "dynamodb", "DynamoDb", "lambda", "Lambda", "s3", "S3", "sfn", "Sfn",
      "apigateway", "ApiGateway", "logs", "CloudWatchLogs");
  private static final Map<String, String> OPTIMIZED_NAMES = Map.of(
      "sqs", "SQS", "sns", "SNS", "dynamodb", "DynamoDB", "lambda", "Lambda", "states", "StepFunctions");
  /** The v1 SDK's service names, as its exception messages print them. */
  private static final Map<String, String> V1_SERVICE_NAMES = Map.of(
      "sqs", "AmazonSQS", "sns", "AmazonSNS", "dynamodb", "AmazonDynamoDBv2", "lambda", "AWSLambda",
      "states", "AWSStepFunctions");

  private ErrorNaming() {}

  static StatesError sdk(String service, AwsException e) {
    String prefix = SDK_NAMES.getOrDefault(service, Character.toUpperCase(service.charAt(0)) + service.substring(1));
    String cause = e.getMessage() + " (Service: " + prefix + ", Status Code: " + e.status() + ", Request ID: "
        + requestId() + ")";
    return new StatesError(prefix + "." + suffixed(e.code()), cause);
  }

  static StatesError optimized(String service, AwsException e) {
    String prefix = OPTIMIZED_NAMES.getOrDefault(service, service);
    String code = bare(e.code());
    String name = service.equals("lambda") && !LambdaErrors.modeled(code) ? "AWSLambdaException" : suffixed(code);
    String cause = e.getMessage() + " (Service: " + V1_SERVICE_NAMES.getOrDefault(service, service) + "; Status Code: "
        + e.status() + "; Error Code: " + (e.queryCode() != null ? e.queryCode() : code) + "; Request ID: "
        + requestId() + "; Proxy: null)";
    return new StatesError(prefix + "." + name, cause);
  }

  static String requestId() {
    return UUID.randomUUID().toString();
  }

  private static String bare(String code) {
    return code.contains("#") ? code.substring(code.indexOf('#') + 1) : code;
  }

  private static String suffixed(String code) {
    String c = bare(code);
    if (c.startsWith("AWS.SimpleQueueService.")) {
      c = c.substring("AWS.SimpleQueueService.".length());
    }
    return c.endsWith("Exception") ? c : c + "Exception";
  }

  /**
   * The error codes Lambda's Invoke declares in its model, those the v1 SDK has classes for; null
   * when Lambda is not part of this build (every code then keeps its own name).
   */
  private static final class LambdaErrors {
    static final Set<String> MODELED = load();

    private static Set<String> load() {
      try {
        Operation invoke = ServiceModel.load(ErrorNaming.class, "lambda-2015-03-31").operation("Invoke");
        return invoke.errors().stream().map(Shape::name).collect(Collectors.toUnmodifiableSet());
      } catch (IllegalStateException e) {
        return null;
      }
    }

    static boolean modeled(String code) {
      return MODELED == null || MODELED.contains(code);
    }
  }
}
