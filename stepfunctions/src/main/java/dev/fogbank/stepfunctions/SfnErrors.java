package dev.fogbank.stepfunctions;

import dev.fogbank.core.error.AwsException;

/** Step Functions' errors with AWS's codes and wording. */
public final class SfnErrors {

  private SfnErrors() {}

  private static AwsException e(String code, String message) {
    return new AwsException(code, message, 400);
  }

  public static AwsException invalidArn(String message) {
    return e("InvalidArn", "Invalid Arn: '" + message + "'");
  }

  public static AwsException invalidName(String name) {
    return e("InvalidName", "Invalid Name: '" + name + "'");
  }

  public static AwsException invalidDefinition(String message) {
    return e("InvalidDefinition", message);
  }

  public static AwsException stateMachineDoesNotExist(String arn) {
    return e("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  }

  public static AwsException stateMachineAlreadyExists(String arn) {
    return e("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
  }

  public static AwsException executionDoesNotExist(String arn) {
    return e("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }

  public static AwsException executionAlreadyExists(String arn) {
    return e("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
  }

  public static AwsException invalidExecutionInput(String detail) {
    return e("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + detail + "'");
  }

  public static AwsException invalidToken(String detail) {
    return e("InvalidToken", "Invalid Token: '" + detail + "'");
  }

  public static AwsException taskTimedOut() {
    return e("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
  }

  public static AwsException invalidOutput(String detail) {
    return e("InvalidOutput", "Invalid Output: '" + detail + "'");
  }

  public static AwsException typeNotSupported(String message) {
    return e("StateMachineTypeNotSupported", message);
  }

  public static AwsException resourceNotFound(String arn) {
    return e("ResourceNotFound", "Resource not found: '" + arn + "'");
  }

  public static AwsException activityDoesNotExist(String arn) {
    return e("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
  }

  public static AwsException validation(String message) {
    return e("ValidationException", message);
  }

  /** The wording AWS uses for a missing alias or map run. */
  public static AwsException resourceDoesNotExist() {
    return e("ResourceNotFound", "Request references a resource that does not exist.");
  }

  public static AwsException conflict(String message) {
    return e("ConflictException", message);
  }

  public static AwsException executionNotRedrivable(String message) {
    return e("ExecutionNotRedrivable", message);
  }
}
