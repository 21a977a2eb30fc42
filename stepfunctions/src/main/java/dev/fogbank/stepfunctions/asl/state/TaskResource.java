package dev.fogbank.stepfunctions.asl.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Task state's Resource: an optimized integration {@code arn:aws:states:::sqs:sendMessage}, an
 * AWS SDK integration {@code arn:aws:states:::aws-sdk:sqs:sendMessage}, either with a pattern suffix
 * ({@code .sync}, {@code .sync:2}, {@code .waitForTaskToken}); a Lambda function ARN; an activity ARN.
 */
public record TaskResource(String arn, Kind kind, String service, String action, Pattern pattern, String region) {

  public enum Kind {
    INTEGRATION,
    SDK,
    LAMBDA_FUNCTION,
    ACTIVITY
  }

  public enum Pattern {
    REQUEST_RESPONSE,
    SYNC,
    SYNC2,
    WAIT_FOR_TASK_TOKEN
  }

  private static final java.util.regex.Pattern STATES =
      java.util.regex.Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]*):([0-9]*):(aws-sdk:)?([a-zA-Z0-9-]+):([a-zA-Z0-9]+)(\\.sync(:2)?|\\.waitForTaskToken)?");
  private static final java.util.regex.Pattern LAMBDA =
      java.util.regex.Pattern.compile("arn:aws[a-z-]*:lambda:([a-z0-9-]+):([0-9]{12}):function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");
  private static final java.util.regex.Pattern ACTIVITY =
      java.util.regex.Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]+):([0-9]{12}):activity:.+");

  /** The parsed resource, or null when the ARN is none of the forms AWS accepts. */
  public static TaskResource parse(String arn) {
    if (arn == null) {
      return null;
    }
    Matcher m = ACTIVITY.matcher(arn);
    if (m.matches()) {
      return new TaskResource(arn, Kind.ACTIVITY, "states", "activity", Pattern.REQUEST_RESPONSE, m.group(1));
    }
    m = LAMBDA.matcher(arn);
    if (m.matches()) {
      return new TaskResource(arn, Kind.LAMBDA_FUNCTION, "lambda", "invoke", Pattern.REQUEST_RESPONSE, m.group(1));
    }
    m = STATES.matcher(arn);
    if (m.matches()) {
      String suffix = m.group(6);
      Pattern p = suffix == null ? Pattern.REQUEST_RESPONSE
          : suffix.equals(".waitForTaskToken") ? Pattern.WAIT_FOR_TASK_TOKEN
          : suffix.equals(".sync:2") ? Pattern.SYNC2 : Pattern.SYNC;
      Kind kind = m.group(3) != null ? Kind.SDK : Kind.INTEGRATION;
      return new TaskResource(arn, kind, m.group(4), m.group(5), p, m.group(1).isEmpty() ? null : m.group(1));
    }
    return null;
  }

  /**
   * Whether the pattern is one AWS offers for this integration
   * (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-services.html): AWS SDK
   * integrations have no {@code .sync}; Lambda invoke, SQS sendMessage and SNS publish answer or
   * wait for a token; DynamoDB's item operations only answer; startExecution has all three.
   * Optimized integrations of other services are taken as written.
   */
  public boolean patternSupported() {
    boolean sync = pattern == Pattern.SYNC || pattern == Pattern.SYNC2;
    return switch (kind) {
      case SDK -> !sync;
      case INTEGRATION -> switch (service + ":" + action) {
        case "lambda:invoke", "sqs:sendMessage", "sns:publish" -> !sync;
        case "dynamodb:getItem", "dynamodb:putItem", "dynamodb:updateItem", "dynamodb:deleteItem" ->
            pattern == Pattern.REQUEST_RESPONSE;
        case "states:startExecution" -> true;
        default -> true;
      };
      default -> true;
    };
  }

  /** The resource type and name history events report: {@code sqs} / {@code sendMessage.waitForTaskToken}. */
  public String resourceType() {
    return switch (kind) {
      case SDK -> "aws-sdk:" + service;
      case LAMBDA_FUNCTION -> "lambda";
      case ACTIVITY -> "activity";
      case INTEGRATION -> service;
    };
  }

  public String resourceName() {
    if (kind == Kind.LAMBDA_FUNCTION || kind == Kind.ACTIVITY) {
      return arn;
    }
    return action + switch (pattern) {
      case SYNC -> ".sync";
      case SYNC2 -> ".sync:2";
      case WAIT_FOR_TASK_TOKEN -> ".waitForTaskToken";
      case REQUEST_RESPONSE -> "";
    };
  }
}
