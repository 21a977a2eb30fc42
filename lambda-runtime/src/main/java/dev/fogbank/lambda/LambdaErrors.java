package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;

/**
 * Lambda's errors with the codes and statuses of the model's error shapes and the wording Lambda
 * uses ({@code Function not found: arn:aws:lambda:…}).
 */
public final class LambdaErrors {

  private LambdaErrors() {}

  public static AwsException functionNotFound(String arn) {
    return new AwsException("ResourceNotFoundException", "Function not found: " + arn, 404);
  }

  public static AwsException notFound(String message) {
    return new AwsException("ResourceNotFoundException", message, 404);
  }

  public static AwsException conflict(String message) {
    return new AwsException("ResourceConflictException", message, 409);
  }

  public static AwsException invalidParameter(String message) {
    return new AwsException("InvalidParameterValueException", message, 400);
  }

  public static AwsException preconditionFailed(String message) {
    return new AwsException("PreconditionFailedException", message, 412);
  }

  public static AwsException requestTooLarge(long limit) {
    return new AwsException(
        "RequestTooLargeException",
        "Request must be smaller than " + limit + " bytes for the InvokeFunction operation",
        413);
  }

  public static AwsException invalidRequestContent(String message) {
    return new AwsException("InvalidRequestContentException", message, 400);
  }

  public static AwsException invalidZipFile(String message) {
    return new AwsException("InvalidZipFileException", message, 400);
  }

  /** A zip above the 50 MB of a direct upload (Lambda's RequestEntityTooLargeException). */
  public static AwsException requestTooLargeCode() {
    return new AwsException(
        "RequestTooLargeException", "Zipped size must be smaller than 52428800 bytes", 413);
  }

  public static AwsException codeStorageExceeded() {
    return new AwsException(
        "CodeStorageExceededException", "Code storage limit exceeded.", 400);
  }

  /** A function still being created or updated: Lambda refuses to invoke or change it. */
  public static AwsException notReady(String state) {
    return conflict(
        "The operation cannot be performed at this time. The function is currently in the following state: "
            + state);
  }

  public static AwsException updateInProgress(String arn) {
    return conflict(
        "The operation cannot be performed at this time. An update is in progress for resource: " + arn);
  }

  /** The revision id a caller named is not the resource's current one. */
  public static AwsException revisionMismatch() {
    return preconditionFailed(
        "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
  }

  /**
   * Throttling: 429 with the model's {@code Reason} in the body and {@code Retry-After} as a
   * header (the error shape binds {@code retryAfterSeconds} to it).
   */
  public static AwsException tooManyRequests(String reason) {
    return new Throttled(reason);
  }

  private static final class Throttled extends AwsException {
    private final String reason;

    Throttled(String reason) {
      super("TooManyRequestsException", "Rate Exceeded.", 429);
      this.reason = reason;
    }

    @Override
    public ObjectNode details() {
      ObjectNode details = Json.object();
      details.put("retryAfterSeconds", "1");
      details.put("Reason", reason);
      return details;
    }
  }

  /** Coral's validation message for a value above a maximum the model does not carry. */
  public static AwsException valueAbove(Object value, String member, long max) {
    return new AwsException(
        "ValidationException",
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: Member must have value less than or equal to "
            + max,
        400);
  }
}
