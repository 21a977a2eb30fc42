package dev.fogbank.sqs;

import dev.fogbank.core.error.AwsException;

/**
 * SQS's errors with the codes both protocols carry. The first code is the model's shape name
 * (JSON {@code __type}); the second the query protocol's {@code <Code>} and the JSON {@code
 * x-amzn-query-error} header, from the {@code error.code} of the 2012-11-05 query model. Messages
 * are SQS's own wording.
 */
public final class SqsErrors {

  private SqsErrors() {}

  private static AwsException sender(String code, String queryCode, String message) {
    return new AwsException(code, queryCode, message, 400, true);
  }

  public static AwsException queueDoesNotExist() {
    return sender(
        "QueueDoesNotExist",
        "AWS.SimpleQueueService.NonExistentQueue",
        "The specified queue does not exist.");
  }

  public static AwsException queueDeletedRecently() {
    return sender(
        "QueueDeletedRecently",
        "AWS.SimpleQueueService.QueueDeletedRecently",
        "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
  }

  public static AwsException queueNameExists(String attribute) {
    return sender(
        "QueueNameExists",
        "QueueAlreadyExists",
        "A queue already exists with the same name and a different value for attribute " + attribute);
  }

  public static AwsException purgeQueueInProgress(String queueName) {
    return sender(
        "PurgeQueueInProgress",
        "AWS.SimpleQueueService.PurgeQueueInProgress",
        "Only one PurgeQueue operation on " + queueName + " is allowed every 60 seconds.");
  }

  public static AwsException emptyBatchRequest(String entryName) {
    return sender(
        "EmptyBatchRequest",
        "AWS.SimpleQueueService.EmptyBatchRequest",
        "There should be at least one " + entryName + " in the request.");
  }

  public static AwsException tooManyEntriesInBatchRequest(int count) {
    return sender(
        "TooManyEntriesInBatchRequest",
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "Maximum number of entries per request are 10. You have sent " + count + ".");
  }

  public static AwsException batchEntryIdsNotDistinct(String id) {
    return sender(
        "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
  }

  public static AwsException invalidBatchEntryId() {
    return sender(
        "InvalidBatchEntryId",
        "AWS.SimpleQueueService.InvalidBatchEntryId",
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
  }

  public static AwsException batchRequestTooLong(int bytes) {
    return sender(
        "BatchRequestTooLong",
        "AWS.SimpleQueueService.BatchRequestTooLong",
        "Batch requests cannot be longer than 262144 bytes. You have sent " + bytes + " bytes.");
  }

  public static AwsException messageNotInflight() {
    return sender(
        "MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", "The message referred to isn't in flight.");
  }

  public static AwsException unsupportedOperation(String message) {
    return sender("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", message);
  }

  public static AwsException receiptHandleIsInvalid(String handle) {
    return sender(
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
  }

  public static AwsException invalidMessageContents() {
    // The character rule of the SendMessage API reference (MessageBody).
    return sender(
        "InvalidMessageContents",
        "InvalidMessageContents",
        "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
  }

  public static AwsException invalidAttributeName(String name) {
    return sender("InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute " + name + ".");
  }

  public static AwsException invalidAttributeValue(String name) {
    return sender("InvalidAttributeValue", "InvalidAttributeValue", "Invalid value for the parameter " + name + ".");
  }

  public static AwsException invalidAttributeValue(String name, String reason) {
    return sender(
        "InvalidAttributeValue",
        "InvalidAttributeValue",
        "Invalid value for the parameter " + name + ". Reason: " + reason);
  }

  public static AwsException invalidParameterValue(String message) {
    return sender("InvalidParameterValue", "InvalidParameterValue", message);
  }

  /** {@code Value x for parameter P is invalid. Reason: …} — SQS's form for a bad parameter. */
  public static AwsException invalidParameter(String parameter, Object value, String reason) {
    return invalidParameterValue("Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
  }

  public static AwsException missingParameter(String name) {
    return sender("MissingParameter", "MissingParameter", "The request must contain the parameter " + name + ".");
  }

  public static AwsException overLimit(String message) {
    return new AwsException("OverLimit", "OverLimit", message, 403, true);
  }

  public static AwsException resourceNotFound(String message) {
    return sender("ResourceNotFoundException", "ResourceNotFoundException", message);
  }
}
