package dev.fogbank.sns;

import dev.fogbank.core.error.AwsException;

/**
 * SNS's errors, with the query codes, statuses and wording SNS answers (the model's error shapes:
 * {@code InvalidParameter} 400, {@code NotFound} 404, {@code AuthorizationError} 403 …).
 */
public final class SnsErrors {

  private SnsErrors() {}

  /** {@code InvalidParameter}; SNS's messages start "Invalid parameter: ". */
  public static AwsException invalidParameter(String message) {
    return new AwsException("InvalidParameter", message, 400);
  }

  /** {@code InvalidParameterValueException} travels as {@code ParameterValueInvalid} in the query protocol. */
  public static AwsException invalidParameterValue(String message) {
    return new AwsException("InvalidParameterValue", "ParameterValueInvalid", message, 400, true);
  }

  public static AwsException notFound(String message) {
    return new AwsException("NotFound", message, 404);
  }

  public static AwsException topicNotFound() {
    return notFound("Topic does not exist");
  }

  public static AwsException subscriptionNotFound() {
    return notFound("Subscription does not exist");
  }

  public static AwsException resourceNotFound(String message) {
    return new AwsException("ResourceNotFound", message, 404);
  }

  public static AwsException authorizationError(String message) {
    return new AwsException("AuthorizationError", message, 403);
  }

  /** Coral's request validation, which SNS reports as {@code ValidationError}. */
  public static AwsException validationError(String message) {
    return new AwsException("ValidationError", message, 400);
  }

  public static AwsException tagLimitExceeded(String message) {
    return new AwsException("TagLimitExceeded", message, 400);
  }

  public static AwsException tooManyEntries() {
    return new AwsException(
        "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.", 400);
  }

  public static AwsException emptyBatch() {
    return new AwsException(
        "EmptyBatchRequest", "The batch request doesn't contain any entries.", 400);
  }

  public static AwsException batchIdsNotDistinct() {
    return new AwsException(
        "BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.", 400);
  }

  public static AwsException invalidBatchEntryId(String message) {
    return new AwsException("InvalidBatchEntryId", message, 400);
  }

  public static AwsException batchRequestTooLong() {
    return new AwsException(
        "BatchRequestTooLong", "The length of all the messages put together is more than the limit.", 400);
  }

  public static AwsException endpointDisabled() {
    return new AwsException("EndpointDisabled", "Endpoint is disabled", 400);
  }
}
